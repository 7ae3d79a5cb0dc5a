package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.security.User;

/**
 * Operators' actions on chats and the timeouts (CH-03..CH-05, CH-12), in the caller's transaction: accepting an
 * offered or assigned chat, replying (which restarts the completion clock), completing, the accept timeout that takes
 * the chat back, switches its operator Inactive and routes it again, and an operator's own status. Each change frees
 * or takes an operator's place through {@link ChatRouting}'s states, records its reason and journals its events. A chat
 * completed on a channel with an external bot goes back to the bot (FB-05, {@link ChatBots}).
 */
@ApplicationScoped
public class ChatLifecycle {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatTiming timing;

    @Inject
    private ChatRouting routing;

    @Inject
    private ChatBots bots;

    /** CH-03: the first operator who accepts an offered chat takes it; CH-04: the assigned operator accepts. */
    public void accept(ChatWork work, Chat chat, User user) {
        switch (chat.getStatus()) {
            case ASSIGNED -> {
                if (!user.equals(chat.getOperator())) {
                    throw new RuleViolationException("error.chat.assignedToOther", null,
                            chat.getId());
                }
                chat.setStatus(ChatStatus.ACTIVE);
                chat.setAcceptedAt(work.now);
                chat.setAcceptDeadline(null);
                routing.note(work, chat, RoutingOutcome.ACCEPTED, user,
                        user.getLogin() + " accepted the assigned chat");
                outbox.record(work.event(ChatEvent.ACCEPTED, chat, List.of(user.getLogin()), ChatEvent.none()),
                        work.actor());
            }
            case OFFERED, QUEUED -> {
                if (!work.serves(chat.getQueue().getId(), user.getId())) {
                    throw new RuleViolationException("error.chat.notOperator", null,
                            chat.getQueue().getName());
                }
                OperatorState state = routing.stateForUpdate(work, user.getId());
                if (state.getStatus() != OperatorStatus.ACTIVE) {
                    throw new RuleViolationException("error.chat.inactive", null);
                }
                if (state.getActiveChats() >= work.capacity()) {
                    throw new RuleViolationException("error.chat.atCapacity", null,
                            work.capacity());
                }
                state.setActiveChats(state.getActiveChats() + 1);
                state.setLastAssignedAt(work.now);
                chat.setStatus(ChatStatus.ACTIVE);
                chat.setOperator(user);
                chat.setAssignedAt(work.now);
                chat.setAcceptedAt(work.now);
                routing.note(work, chat, RoutingOutcome.ACCEPTED, user, user.getLogin() + " accepted first");
                outbox.record(work.event(ChatEvent.ACCEPTED, chat, work.queueAudience(chat), ChatEvent.none()),
                        work.actor());
            }
            case ACTIVE -> {
                if (!user.equals(chat.getOperator())) {
                    throw new RuleViolationException("error.chat.alreadyTaken", null,
                            chat.getOperator().getDisplayName());
                }
            }
            default -> throw new RuleViolationException("error.chat.completed", null,
                    chat.getId());
        }
    }

    /** An operator's reply, stored pending for the channel (CH-12); restarts the completion clock (CH-05). */
    public ChatMessage reply(ChatWork work, Chat chat, User user, String text, List<FileUpload> files) {
        if (chat.getStatus() != ChatStatus.ACTIVE || !user.equals(chat.getOperator())) {
            throw new RuleViolationException(
                    chat.getStatus() == ChatStatus.COMPLETED ? "error.chat.completed" : "error.chat.notYours",
                    null, chat.getId());
        }
        ChatMessage message = ChatMessage.outbound(chat, user, text, work.now);
        message.setAttachmentCount(files.size());
        em.persist(message);
        for (FileUpload file : files) {
            em.persist(new ChatAttachment(message, file.fileName(), file.contentType(), file.content(), null));
        }
        chat.setLastOutboundAt(work.now);
        Integer minutes = chat.getQueue().getCompletionTimeoutMinutes();
        // CH-05: only outgoing messages start the completion clock.
        chat.setCompletionDueAt(minutes == null ? null : work.now.plus(timing.minutes(minutes)));
        outbox.record(work.event(ChatEvent.MESSAGE_SENT, chat, List.of(user.getLogin()),
                ChatEvent.message(message)), work.actor());
        return message;
    }

    /** Completes a chat (by its operator, CH-12, or by the timeout, CH-05) and frees the operator's place. */
    public void complete(ChatWork work, Chat chat, ChatCompletion how) {
        if (chat.getStatus() == ChatStatus.COMPLETED) {
            return;
        }
        Collection<String> audience = work.audience(chat);
        ChatStatus before = chat.getStatus();
        releaseOperator(work, chat);
        chat.setStatus(ChatStatus.COMPLETED);
        chat.setCompletedAt(work.now);
        chat.setCompletion(how);
        chat.setAcceptDeadline(null);
        chat.setCompletionDueAt(null);
        routing.note(work, chat, RoutingOutcome.COMPLETED, chat.getOperator(), switch (how) {
            case OPERATOR -> "Finished by the operator";
            case TIMEOUT -> "No message for " + chat.getQueue().getCompletionTimeoutMinutes()
                    + " minute(s) after the last outgoing message";
        });
        outbox.record(work.event(ChatEvent.COMPLETED, chat, audience,
                Jsons.object().add("completion", how.name())), work.actor());
        bots.finished(chat, before);
    }

    private void releaseOperator(ChatWork work, Chat chat) {
        if (chat.getOperator() != null
                && (chat.getStatus() == ChatStatus.ASSIGNED || chat.getStatus() == ChatStatus.ACTIVE)) {
            OperatorState state = routing.stateForUpdate(work, chat.getOperator().getId());
            state.setActiveChats(Math.max(0, state.getActiveChats() - 1));
        }
    }

    /**
     * CH-04: the assigned operator did not accept in time. They lose the chat and are switched Inactive; the chat is
     * routed again, to the next operator.
     */
    public void acceptTimedOut(ChatWork work, Chat chat) {
        if (chat.getStatus() != ChatStatus.ASSIGNED || chat.getAcceptDeadline() == null
                || chat.getAcceptDeadline().isAfter(work.now)) {
            return;
        }
        User previous = chat.getOperator();
        releaseOperator(work, chat);
        OperatorState state = routing.stateForUpdate(work, previous.getId());
        String reason = "Did not accept chat " + chat.getId() + " within " + work.acceptTimeout() + " minute(s)";
        state.changeStatus(OperatorStatus.INACTIVE, work.now, reason);
        outbox.record(new OperatorStatusChanged(previous.getId(), previous.getLogin(), OperatorStatus.INACTIVE.name(),
                reason), work.actor());
        chat.setOperator(null);
        chat.setAcceptDeadline(null);
        chat.setStatus(ChatStatus.QUEUED);
        chat.setRoutedAt(null);
        routing.note(work, chat, RoutingOutcome.REASSIGNED, previous, reason + "; switched to Inactive");
        outbox.record(work.event(ChatEvent.REASSIGNED, chat, List.of(previous.getLogin()),
                Jsons.object().add("previousOperatorLogin", previous.getLogin())), work.actor());
        routing.route(work, chat);
    }

    /** Sets an operator's own status (CH-04); returns whether it changed. */
    public boolean setStatus(ChatWork work, User user, OperatorStatus status) {
        OperatorState state = routing.stateForUpdate(work, user.getId());
        if (state.getStatus() == status) {
            return false;
        }
        state.changeStatus(status, work.now, null);
        outbox.record(new OperatorStatusChanged(user.getId(), user.getLogin(), status.name(), null), work.actor());
        return true;
    }
}
