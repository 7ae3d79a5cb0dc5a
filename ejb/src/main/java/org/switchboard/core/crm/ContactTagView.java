package org.switchboard.core.crm;

import java.io.Serializable;

/**
 * A tag the caller sees (issue 21 item 1): its kind (PERSONAL, CORPORATE, PUBLIC), whether the caller made it (and so
 * may remove it), and the number of contacts bearing it.
 */
public record ContactTagView(long id, long version, String name, String kind, boolean mine, long contacts)
        implements Serializable {
}
