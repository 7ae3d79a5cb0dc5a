package org.switchboard.web.chat;

import java.io.IOException;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * What the cards of the designer's "Chat settings" share (CH-01, CH-15): the page with the lists they come from
 * (also when their {@code id} names no record) and go back to with a message.
 */
final class ChatCards {

    /** The page with the four lists. */
    static final String LIST = "/designer/chat/chat-settings.xhtml";

    private ChatCards() {
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
