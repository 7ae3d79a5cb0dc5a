package org.switchboard.core.crm;

import java.io.Serializable;

/** An activity group with the number of its activities (issue 21 item 1, EA-02). */
public record ActivityGroupView(long id, long version, String name, long activities) implements Serializable {
}
