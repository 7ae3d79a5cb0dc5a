package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the {@link ChatTiming} of configuration key {@value ChatTiming#KEY} (a real minute unless set). */
@ApplicationScoped
public class ChatTimingProducer {

    @Inject
    @ConfigProperty(name = ChatTiming.KEY)
    private Optional<String> minute;

    /** Dependent: a record cannot be proxied, and it is immutable anyway. */
    @Produces
    public ChatTiming timing() {
        String value = minute.map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
        if (value == null) {
            return ChatTiming.REAL;
        }
        try {
            return new ChatTiming(Duration.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(ChatTiming.KEY + " must be an ISO-8601 duration such as PT1M, not "
                    + value, e);
        }
    }
}
