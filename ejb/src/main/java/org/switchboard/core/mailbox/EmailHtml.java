package org.switchboard.core.mailbox;

/**
 * The HTML body of an e-mail as the panel frames it (MB-02, issue 18 item 6): rewritten by
 * {@link EmailHtmlRewriter}, how many remote references it has (shown or not), whether remote content is shown (asked for this
 * view, or the reader always shows it from this sender) and the sender that "Always show from" would name.
 */
public record EmailHtml(long emailId, String html, int remoteCount, boolean remoteShown, String sender,
        boolean senderTrusted) {
}
