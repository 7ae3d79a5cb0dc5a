package org.switchboard.model.mailbox;

/** The header an e-mail address came from (MB-04). */
public enum AddressKind {
    FROM, TO, CC, BCC
}
