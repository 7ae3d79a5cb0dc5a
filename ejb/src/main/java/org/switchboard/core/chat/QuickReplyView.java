package org.switchboard.core.chat;

import java.io.Serializable;

/** A quick-reply template as the designer and the REST API show it (CH-11). */
public record QuickReplyView(long id, long version, String language, String title, String body)
        implements Serializable {
}
