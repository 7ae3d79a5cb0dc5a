package org.switchboard.core.chat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.ChannelProvider;

/**
 * The input rules of the chat settings (CH-02, CH-10, CH-11, CH-13, CH-14): trimmed required texts, the completion
 * timeout, the languages of channels and quick replies, whether a channel can be created for a provider. Plain code,
 * unit-tested; {@link ChatSettingsService} applies it, and the REST and JSF layers parse typed text through it.
 */
public final class ChatSettingsRules {

    /** The input a completion timeout message names. */
    public static final String TIMEOUT_FIELD = "completionTimeoutMinutes";
    /** The longest completion timeout: one week, in minutes (CH-13). */
    public static final int TIMEOUT_MAX = 10_080;
    /** The languages of channels and quick replies (CH-11): the languages the UI speaks. */
    public static final List<String> LANGUAGES = List.of("en", "ru");

    /** Digits only, at most nine of them so that the value fits an int; the range check follows. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?\\d{1,9}");

    private ChatSettingsRules() {
    }

    /**
     * A required text, trimmed.
     *
     * @throws InvalidInputException on {@code field} when it is empty or longer than {@code max}
     */
    public static String required(String text, String field, int max) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", field);
        }
        if (trimmed.length() > max) {
            throw new InvalidInputException("validation.tooLong", field, max);
        }
        return trimmed;
    }

    /**
     * The completion timeout typed as text (CH-13): empty means never, otherwise whole minutes from 1 to
     * {@value #TIMEOUT_MAX}.
     *
     * @throws InvalidInputException on {@value #TIMEOUT_FIELD} for 0, negative numbers, decimals and text
     */
    public static Integer completionTimeout(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw timeoutRefused();
        }
        return completionTimeout(Integer.valueOf(trimmed));
    }

    /**
     * Checks a completion timeout given as a number (CH-13): {@code null} (never) or 1 to {@value #TIMEOUT_MAX}.
     *
     * @throws InvalidInputException on {@value #TIMEOUT_FIELD} otherwise
     */
    public static Integer completionTimeout(Integer minutes) {
        if (minutes != null && (minutes < 1 || minutes > TIMEOUT_MAX)) {
            throw timeoutRefused();
        }
        return minutes;
    }

    private static InvalidInputException timeoutRefused() {
        return new InvalidInputException("validation.chatQueue.completionTimeout", TIMEOUT_FIELD,
                Integer.toString(TIMEOUT_MAX));
    }

    /**
     * A language of a channel or a quick reply (CH-11).
     *
     * @throws InvalidInputException on {@code language} unless it is one of {@link #LANGUAGES}
     */
    public static String language(String language) {
        String trimmed = language == null ? "" : language.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("validation.required", "language");
        }
        if (!LANGUAGES.contains(trimmed)) {
            throw new InvalidInputException("validation.chat.language", "language", String.join(", ", LANGUAGES));
        }
        return trimmed;
    }

    /**
     * A provider a new channel can be created for (CH-10, CH-15): one of those whose adapter is deployed.
     *
     * @param offered the providers with an adapter, in the menu's order
     * @throws InvalidInputException on {@code provider} when none is given
     * @throws RuleViolationException on {@code provider} when its integration is not part of this release
     */
    public static ChannelProvider provider(ChannelProvider provider, List<ChannelProvider> offered) {
        if (provider == null) {
            throw new InvalidInputException("validation.required", "provider");
        }
        if (!offered.contains(provider)) {
            throw new RuleViolationException("error.channel.providerNotAvailable", "provider", provider.brand(),
                    offered.stream().map(ChannelProvider::brand).collect(Collectors.joining(", ")));
        }
        return provider;
    }
}
