package org.switchboard.core.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Slows down password guessing (X-02, issue 18): failed sign-ins are counted per login and per client address.
 * After a few failures each further attempt must wait a delay that doubles, and after many the login or address is
 * locked for {@link #LOCK} minutes. A throttled attempt is refused before its password is checked, so it costs no
 * PBKDF2 run: an attack cannot take the processors from webhooks and health. Attempts in flight count as failures
 * until they end, so parallel guesses cannot slip through together.
 *
 * <p>The counts live in this node's memory (several nodes each count their own); they are forgotten
 * {@link #FORGET} after the last failure, and a successful sign-in clears its login's count (never its address's, so
 * that an attacker's own account cannot reset the count of the address they attack from). Failed and throttled
 * attempts are logged at INFO with the login and the address, never the password.
 */
@ApplicationScoped
public class SignInThrottle {

    /** Per login: free failures, the doubling delays after them, and the failure that locks. */
    static final Limits ACCOUNT = new Limits("login", 5, 10);
    /** Per address: more free failures, since an office may share one address. */
    static final Limits ADDRESS = new Limits("address", 20, 50);
    static final Duration LOCK = Duration.ofMinutes(15);
    static final Duration FORGET = Duration.ofMinutes(15);
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(60);
    private static final int TRACKED_MAX = 100_000;
    private static final int LOGGED_LOGIN_MAX = 64;
    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());

    /** When a kind of key starts to be delayed and when it is locked. */
    record Limits(String kind, int freeFailures, int lockAt) {

        Duration delayAfter(int failures) {
            if (failures >= lockAt) {
                return LOCK;
            }
            if (failures < freeFailures) {
                return Duration.ZERO;
            }
            Duration delay = Duration.ofSeconds(1L << Math.min(failures - freeFailures, 30));
            return delay.compareTo(LONGEST_DELAY) > 0 ? LONGEST_DELAY : delay;
        }
    }

    /** An attempt that may go ahead; end it with {@link #succeeded} or {@link #failed}. */
    public record Attempt(String login, String address) {
    }

    private static final class Entry {
        int failures;
        int inFlight;
        Instant lastFailure = Instant.MIN;
        Instant blockedUntil = Instant.MIN;
        Instant loggedUntil = Instant.MIN;
    }

    private final Map<String, Entry> entries = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                    return size() > TRACKED_MAX;
                }
            });

    @Inject
    private Clock clock;

    public SignInThrottle() {
    }

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /**
     * Asks to check a password.
     *
     * @return how long the caller must wait before trying again, or empty when the attempt may go ahead (it then
     *         counts as in flight until {@link #succeeded} or {@link #failed})
     */
    public Optional<Duration> tryAttempt(String login, String address) {
        Instant now = clock.instant();
        String loginKey = loginKey(login);
        String addressKey = addressKey(address);
        synchronized (entries) {
            Entry account = current(loginKey, now);
            Entry client = current(addressKey, now);
            Duration wait = longer(waitOf(account, ACCOUNT, now), waitOf(client, ADDRESS, now));
            if (!wait.isZero()) {
                if (account.loggedUntil.isBefore(now) || client.loggedUntil.isBefore(now)) {
                    Instant until = now.plus(wait);
                    account.loggedUntil = until;
                    client.loggedUntil = until;
                    LOG.info(() -> "Sign-in throttled for login '" + shown(login) + "' from " + shown(address)
                            + ": " + account.failures + " failures of the login, " + client.failures
                            + " of the address; next attempt in " + wait.toSeconds() + " s");
                }
                return Optional.of(wait);
            }
            account.inFlight++;
            client.inFlight++;
            return Optional.empty();
        }
    }

    /** The password was right: the login's failures are forgotten. */
    public void succeeded(String login, String address) {
        synchronized (entries) {
            entries.remove(loginKey(login));
            Entry client = entries.get(addressKey(address));
            if (client != null && client.inFlight > 0) {
                client.inFlight--;
            }
        }
    }

    /** The password was wrong (or the login unknown or disabled): counted for both the login and the address. */
    public void failed(String login, String address) {
        Instant now = clock.instant();
        int loginFailures;
        int addressFailures;
        synchronized (entries) {
            loginFailures = fail(current(loginKey(login), now), ACCOUNT, now);
            addressFailures = fail(current(addressKey(address), now), ADDRESS, now);
        }
        LOG.info(() -> "Sign-in failed for login '" + shown(login) + "' from " + shown(address) + " (" + loginFailures
                + " failures of the login, " + addressFailures + " of the address)");
    }

    /** Forgets a login's failures, for example when an administrator sets a new password for it. */
    public void clear(String login) {
        entries.remove(loginKey(login));
    }

    private static int fail(Entry entry, Limits limits, Instant now) {
        if (entry.inFlight > 0) {
            entry.inFlight--;
        }
        entry.failures++;
        entry.lastFailure = now;
        entry.blockedUntil = now.plus(limits.delayAfter(entry.failures));
        return entry.failures;
    }

    /**
     * What an attempt must wait: until the last failure's delay ends; and a second while attempts are in flight that
     * would, if they failed, already bring a delay (they are about to end).
     */
    private static Duration waitOf(Entry entry, Limits limits, Instant now) {
        if (now.isBefore(entry.blockedUntil)) {
            return roundUp(Duration.between(now, entry.blockedUntil));
        }
        return entry.inFlight == 0 || limits.delayAfter(entry.failures + entry.inFlight).isZero()
                ? Duration.ZERO : Duration.ofSeconds(1);
    }

    private Entry current(String key, Instant now) {
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        if (entry.inFlight == 0 && entry.failures > 0 && now.isAfter(entry.lastFailure.plus(FORGET))
                && !now.isBefore(entry.blockedUntil)) {
            entry.failures = 0;
        }
        return entry;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration roundUp(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    private static String loginKey(String login) {
        return "login:" + (login == null ? "" : login.trim().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }

    /** A login or address as it may appear in the log: no control characters (no forged lines), not too long. */
    static String shown(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > LOGGED_LOGIN_MAX ? clean.substring(0, LOGGED_LOGIN_MAX) + "…" : clean;
    }
}
