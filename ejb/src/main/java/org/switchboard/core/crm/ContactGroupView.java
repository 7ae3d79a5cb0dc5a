package org.switchboard.core.crm;

import java.io.Serializable;

/** A contact group with the number of its contacts (issue 21 item 1, EC-02). */
public record ContactGroupView(long id, long version, String name, long contacts) implements Serializable {
}
