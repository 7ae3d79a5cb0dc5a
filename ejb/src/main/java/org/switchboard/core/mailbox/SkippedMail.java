package org.switchboard.core.mailbox;

/**
 * A message of a folder that could not be read at all (MB-02): the sync records it in the mailbox's list of skipped
 * messages, with "Retry", and goes on past it.
 *
 * @param reason what went wrong, for the mailbox page and the log (the parser's or the database's words)
 */
public record SkippedMail(long uid, String reason) {
}
