package org.switchboard.core.chat;

import java.io.Serializable;

/** A chat action as the designer and the REST API show it (CH-07), with the name of its queue. */
public record ChatActionView(long id, long version, String title, String process, long queueId, String queueName)
        implements Serializable {
}
