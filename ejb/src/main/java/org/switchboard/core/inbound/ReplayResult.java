package org.switchboard.core.inbound;

/** What a replay of dead letters did: how many were processed now and how many failed again (with their reason). */
public record ReplayResult(int replayed, int failedAgain) {
}
