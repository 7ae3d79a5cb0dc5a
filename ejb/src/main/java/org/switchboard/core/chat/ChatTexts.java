package org.switchboard.core.chat;

import org.switchboard.model.chat.Chat;

/** How chat texts are cut to their columns, and a message shown in one line of a chat list (CH-12). */
final class ChatTexts {

    private ChatTexts() {
    }

    /** The message's text on one line, or how many files it has; cut to a chat list's preview. */
    static String preview(String text, int files) {
        String base = text == null || text.isBlank() ? "[" + files + " file(s)]" : text.strip().replaceAll("\\s+", " ");
        return truncate(base, Chat.LAST_MESSAGE_MAX);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
