package org.switchboard.model.mailbox;

/** Where an e-mail sent from Switchboard stands (MB-03): stored and not yet accepted, accepted by SMTP, refused. */
public enum SendStatus {
    PENDING, SENT, FAILED
}
