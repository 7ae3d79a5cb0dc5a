package org.switchboard.web.common;

import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body the strict reading refused (X-02, issue 18): every field at fault with the message key and the
 * arguments of its reason, answered in the caller's language by {@link BodyRefusedExceptionMapper}. The message names
 * the fields only, never a value (a value may be a password).
 */
public class BodyRefusedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * One field at fault.
     *
     * @param field     its path in the body ({@code displayName}, {@code files[0].fileName},
     *                  {@code settings.botToken}), or {@link StrictJsonBinder#BODY} for the body as a whole
     * @param key       the message key of the reason
     * @param arguments the message's arguments
     */
    public record Refusal(String field, String key, List<String> arguments) implements Serializable {
    }

    private final List<Refusal> refusals;

    public BodyRefusedException(List<Refusal> refusals) {
        super("Request body refused on " + refusals.stream().map(Refusal::field).distinct()
                .collect(Collectors.joining(", ")));
        this.refusals = List.copyOf(refusals);
    }

    /** A refusal of one field. */
    public static BodyRefusedException of(String field, String key, String... arguments) {
        return new BodyRefusedException(List.of(new Refusal(field, key, List.of(arguments))));
    }

    /** The fields at fault, in the order of the body. */
    public List<Refusal> refusals() {
        return refusals;
    }
}
