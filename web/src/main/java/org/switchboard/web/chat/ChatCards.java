package org.switchboard.web.chat;

import java.io.IOException;
import java.util.function.LongFunction;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.RecordNotFoundException;

/**
 * What the cards of the designer's "Chat settings" share (CH-01, CH-15): loading the record of the page's {@code id}
 * parameter, and going back to the lists with a message.
 */
final class ChatCards {

    /** The page with the four lists. */
    static final String LIST = "/designer/chat/chat-settings.xhtml";

    private ChatCards() {
    }

    /**
     * The record of the page's {@code id} parameter; {@code null} for a new one (no parameter), or after sending an
     * unknown id back to the lists with the message {@code notFoundKey}.
     */
    static <T> T load(String notFoundKey, LongFunction<T> loader) throws IOException {
        String parameter = Faces.getRequestParameter("id");
        if (parameter == null) {
            return null;
        }
        try {
            return loader.apply(Long.parseLong(parameter));
        } catch (RecordNotFoundException | NumberFormatException e) {
            Messages.addFlashGlobalError(notFoundKey, parameter);
            Faces.redirect(Faces.getRequestContextPath() + LIST);
            return null;
        }
    }

    /** Shows the lists with an information message (after a save or a delete). */
    static void backToList(String messageKey, Object... arguments) throws IOException {
        goTo(LIST, messageKey, arguments);
    }

    /** Opens a page of the application with an information message. */
    static void goTo(String page, String messageKey, Object... arguments) throws IOException {
        Messages.addFlashGlobalInfo(messageKey, arguments);
        Faces.redirect(Faces.getRequestContextPath() + page);
    }
}
