package org.switchboard.web.common;

import java.io.Serial;
import java.io.Serializable;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth sign-ins that this session started and not yet finished (FB-01 through the identity broker, MO-01 with
 * Microsoft): a callback is accepted only with a {@code state} that one of them holds, in the session that started
 * it, once, and within {@link #LIFETIME}: a callback forged by another site or replayed finds nothing. The PKCE
 * verifier stays here. Each kind of sign-in has its own session-scoped subclass.
 *
 * @param <T> what a sign-in keeps until its callback: its state, verifier and what it is for
 */
public abstract class SignIns<T extends Serializable> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    /** How long a sign-in may take, the broker's and the provider's login pages included. */
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    /** A session holds at most this many unfinished sign-ins; the oldest goes first. */
    private static final int MAX = 5;

    /** A sign-in started here; {@code returnTo} is the application's page that takes it over. */
    private record Pending<T>(T signIn, String returnTo, Instant started) implements Serializable {
    }

    /**
     * A sign-in the authorization server has answered: the code to exchange, or its refusal ({@code error},
     * {@code error_description}).
     */
    public record Answered<T>(T signIn, String code, String error, String errorDescription,
            String failureKey, List<Object> failureArguments) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final Map<String, Pending<T>> pending = new LinkedHashMap<>();
    private final Map<String, Answered<T>> answered = new LinkedHashMap<>();

    /** Remembers a sign-in under its {@code state} before the browser goes to the authorization server. */
    protected synchronized void started(String state, T signIn, String returnTo) {
        expire();
        while (pending.size() >= MAX) {
            Iterator<String> oldest = pending.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        pending.put(state, new Pending<>(signIn, returnTo, Instant.now()));
    }

    /**
     * The authorization server's answer to the sign-in with this state: kept under a new key for the page that takes
     * it over, whose address is returned; empty when no sign-in of this session has this state (forged, replayed,
     * expired).
     */
    public synchronized Optional<String> answer(String state, String code, String error, String errorDescription) {
        expire();
        if (state == null) {
            return Optional.empty();
        }
        String match = null;
        for (String known : pending.keySet()) {
            if (MessageDigest.isEqual(known.getBytes(StandardCharsets.US_ASCII),
                    state.getBytes(StandardCharsets.US_ASCII))) {
                match = known;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        Pending<T> started = pending.remove(match);
        return Optional.of(keep(started.returnTo(), new Answered<>(started.signIn(), code, error, errorDescription,
                null, List.of())));
    }

    /**
     * A sign-in that could not start (the server unreachable, a setting empty): kept like an answer, so that the page
     * that takes sign-ins over shows why; returns that page's address.
     */
    public synchronized String failed(String returnTo, String messageKey, List<Object> arguments) {
        return keep(returnTo, new Answered<T>(null, null, null, null, messageKey,
                List.copyOf(arguments.stream().map(String::valueOf).toList())));
    }

    private String keep(String returnTo, Answered<T> answer) {
        String key = UUID.randomUUID().toString();
        while (answered.size() >= MAX) {
            Iterator<String> oldest = answered.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        answered.put(key, answer);
        return returnTo + (returnTo.contains("?") ? "&" : "?") + "signIn=" + key;
    }

    /** The answered sign-in under this key, once. */
    public synchronized Optional<Answered<T>> take(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(answered.remove(key));
    }

    private void expire() {
        Instant oldest = Instant.now().minus(LIFETIME);
        pending.values().removeIf(p -> p.started().isBefore(oldest));
    }
}
