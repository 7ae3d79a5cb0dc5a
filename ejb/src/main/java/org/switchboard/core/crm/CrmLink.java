package org.switchboard.core.crm;

/** A contact or an account an e-mail is linked to (MB-04), through the address it carries. */
public record CrmLink(Kind kind, long id, String name, String address) {

    /** What holds the address. */
    public enum Kind {
        CONTACT, ACCOUNT
    }
}
