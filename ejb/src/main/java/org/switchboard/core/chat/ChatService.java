package org.switchboard.core.chat;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import java.util.List;
import org.switchboard.model.chat.OperatorStatus;

/**
 * The operators' and supervisors' use cases on chats (CH-03..CH-08, CH-11, CH-12). Every method requires a signed-in
 * user and checks what that user may do: an operator works the chats of the queues they serve; holders of
 * {@code CanManageChats} see every chat.
 */
@Stateless
@PermitAll
public class ChatService {

    /** The signed-in operator's status, the chats offered to them and the chats they hold (CH-12). */
    public MyChats myChats() {
        throw new UnsupportedOperationException();
    }

    /** One chat with its history, routing decisions, actions and cases (CH-12). */
    public ChatDetail chat(long chatId) {
        throw new UnsupportedOperationException();
    }

    /** The Chats section: chats matching the filter, newest first, that the caller may see (CH-12). */
    public ChatPage search(ChatFilter filter, int first, int max) {
        throw new UnsupportedOperationException();
    }

    /** Accepts an offered (CH-03: first wins) or assigned (CH-04) chat. */
    public ChatSummary accept(long chatId) {
        throw new UnsupportedOperationException();
    }

    /** Stores the operator's reply as pending and hands it to the channel (CH-12). */
    public ChatMessageView reply(long chatId, String text, List<FileUpload> files) {
        throw new UnsupportedOperationException();
    }

    /** The operator completes the chat (CH-12); waiting chats are distributed to the freed capacity. */
    public ChatSummary finish(long chatId) {
        throw new UnsupportedOperationException();
    }

    /** Runs one of the queue's chat actions on the chat (CH-07). */
    public ChatProcess.ProcessResult runAction(long chatId, long actionId) {
        throw new UnsupportedOperationException();
    }

    /** The quick replies in the language of the chat's channel (CH-11). */
    public List<QuickReplyOption> quickReplies(long chatId) {
        throw new UnsupportedOperationException();
    }

    /** An attachment of a chat the caller may see. */
    public AttachmentContent attachment(long attachmentId) {
        throw new UnsupportedOperationException();
    }

    /** The signed-in operator's status (CH-04). */
    public OperatorStatusView myStatus() {
        throw new UnsupportedOperationException();
    }

    /** The signed-in operator sets themselves Active or Inactive (CH-04); Active gets waiting chats at once. */
    public OperatorStatusView setMyStatus(OperatorStatus status) {
        throw new UnsupportedOperationException();
    }

    /** The ids of the users a change of this chat concerns, for pushing it to their panels. */
    public List<Long> audienceOf(long chatId) {
        throw new UnsupportedOperationException();
    }
}
