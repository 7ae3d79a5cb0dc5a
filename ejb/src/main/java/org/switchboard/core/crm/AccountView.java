package org.switchboard.core.crm;

import java.time.OffsetDateTime;
import java.util.List;

/** An account as its page and REST show it, with its contacts. */
public record AccountView(long id, long version, String name, List<String> emails, List<Member> contacts,
        OffsetDateTime createdAt) {

    /** One contact of the account. */
    public record Member(long id, String name) {
    }
}
