package org.switchboard.web.chat;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.chat.ChatDetail;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.web.common.UiErrors;

/**
 * Runs one chat use case from a page (CH-12) and shows its expected failures as messages: a business refusal by its
 * key, a refused call (the caller does not serve the chat's queue, X-02) as "forbidden". Anything else propagates.
 */
final class ChatUi {

    private ChatUi() {
    }

    /** @return whether the use case completed; when not, its message is shown and validation is marked failed */
    static boolean attempt(Runnable useCase) {
        try {
            useCase.run();
            return true;
        } catch (BusinessException e) {
            UiErrors.show(e);
        } catch (EJBException e) {
            if (!refused(e)) {
                throw e;
            }
            Messages.addGlobalError("error.forbidden");
            Faces.validationFailed();
        }
        return false;
    }

    /** The chat with its history, or {@code null} when it does not exist or the caller may not see it (any more). */
    static ChatDetail visible(ChatService chats, long chatId) {
        try {
            return chats.chat(chatId);
        } catch (RecordNotFoundException e) {
            return null;
        } catch (EJBException e) {
            if (refused(e) || business(e) instanceof RecordNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    /** Whether the failure is the container's or the service's refusal of the caller. */
    static boolean refused(RuntimeException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof EJBAccessException) {
                return true;
            }
        }
        return false;
    }

    /** The business exception inside a failure, or {@code null}. */
    static BusinessException business(RuntimeException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessException business) {
                return business;
            }
        }
        return null;
    }
}
