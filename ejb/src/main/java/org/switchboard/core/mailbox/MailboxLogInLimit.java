package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.switchboard.core.common.TooManyAttemptsException;

/**
 * The mailbox wizard and "change account settings" log in to a mail server with a password the user typed (MB-01,
 * MB-12). Issue 18: a user whose log-ins were refused {@value #FAILURES} times within {@link #WINDOW} waits until
 * the oldest of them is that old, so that Switchboard cannot be used to guess someone's mail password. Counted per
 * user on this node; a successful log-in is not counted.
 */
@ApplicationScoped
public class MailboxLogInLimit {

    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int USERS_MAX = 10_000;

    private final Map<String, Deque<Instant>> failures = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                    return size() > USERS_MAX;
                }
            });

    @Inject
    private Clock clock;

    public MailboxLogInLimit() {
    }

    MailboxLogInLimit(Clock clock) {
        this.clock = clock;
    }

    /**
     * Before a log-in is tried for the user.
     *
     * @throws TooManyAttemptsException 429 on the password field when their refused log-ins reached the limit
     */
    public void check(String login) {
        Instant now = clock.instant();
        synchronized (failures) {
            Deque<Instant> recent = recent(login, now);
            if (recent.size() >= FAILURES) {
                long seconds = Math.max(1, Duration.between(now, recent.peekFirst().plus(WINDOW)).toSeconds());
                throw new TooManyAttemptsException("error.mailbox.tooManyLogIns", "password", seconds);
            }
        }
    }

    /** A log-in of the user was refused by the server. */
    public void failed(String login) {
        Instant now = clock.instant();
        synchronized (failures) {
            recent(login, now).addLast(now);
        }
    }

    private Deque<Instant> recent(String login, Instant now) {
        Deque<Instant> recent = failures.computeIfAbsent(login == null ? "" : login, k -> new ArrayDeque<>());
        while (!recent.isEmpty() && !recent.peekFirst().plus(WINDOW).isAfter(now)) {
            recent.removeFirst();
        }
        return recent;
    }
}
