package org.switchboard.core.mailbox;

import java.util.Locale;

/**
 * Something in a received message that Switchboard could not read as it was sent (MB-02): the e-mail is stored with
 * what could be read, its original source attached, and this note shown on it in the reader's language
 * ({@code panel_email.problem.<KIND>} in the bundle, with {@link #where} as its argument).
 *
 * @param where the part it concerns, as the reader can find it (a file name, a content type, an encoding name);
 *     never {@code null}, at most {@link #WHERE_MAX} characters
 */
public record ReadProblem(Kind kind, String where) {

    public static final int WHERE_MAX = 200;

    /** What could not be read. */
    public enum Kind {
        /** A part's base64 or quoted-printable was damaged; it is shown as far as it could be decoded. */
        DAMAGED_ENCODING,
        /** A part named a transfer encoding nobody knows; it is shown as it was sent. */
        UNKNOWN_ENCODING,
        /** A part's charset is unknown; it was decoded with the fallback charset. */
        UNKNOWN_CHARSET,
        /** The message's MIME structure could not be parsed; its parts are in the original source. */
        UNREADABLE_STRUCTURE,
        /**
         * A text or HTML body too large to store and show as text (issue 18 item 7); it is attached whole as a file,
         * {@link #where}. The original source is not attached for this one: nothing was lost.
         */
        BODY_TOO_LARGE;

        public String messageKey() {
            return "panel_email.problem." + name();
        }
    }

    public ReadProblem {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        where = where == null ? "" : where.strip();
        if (where.length() > WHERE_MAX) {
            where = where.substring(0, WHERE_MAX);
        }
    }

    /** The stored form, one line: {@code KIND where}. */
    public String encoded() {
        return where.isEmpty() ? kind.name() : kind.name() + " " + where.replace('\n', ' ').replace('\r', ' ');
    }

    /** Reads {@link #encoded()} back; {@code null} for a line written by a later version with an unknown kind. */
    public static ReadProblem decode(String line) {
        String trimmed = line.strip();
        int space = trimmed.indexOf(' ');
        String kind = space < 0 ? trimmed : trimmed.substring(0, space);
        try {
            return new ReadProblem(Kind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    space < 0 ? "" : trimmed.substring(space + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
