package org.switchboard.core.mailbox;

/**
 * A running watch of one mailbox that starts its sync when new mail arrives (MB-02, MP-11): IMAP IDLE or EWS streaming
 * notifications, run in a thread of its own.
 */
public interface MailboxWatch extends Runnable {

    /** Ends the watch from any thread; its thread ends soon after. */
    void stop();

    /** Whether it was stopped or ended for good. */
    boolean isStopped();
}
