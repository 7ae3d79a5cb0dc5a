package org.switchboard.web.common;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The UI texts of {@code messages[_ru].properties} outside JSF: REST problem details and the like. Keys
 * follow the bundle's header; a missing key shows itself rather than failing.
 */
public final class Texts {

    public static final String BUNDLE = "org.switchboard.web.i18n.messages";
    /** The UI languages, the first being the default. */
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.forLanguageTag("ru"));

    private Texts() {
    }

    public static String format(Locale locale, String key, Object... arguments) {
        String pattern;
        try {
            pattern = ResourceBundle.getBundle(BUNDLE, supported(locale)).getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, supported(locale)).format(arguments);
    }

    /** The supported language closest to the one asked for: Russian for any {@code ru}, English otherwise. */
    public static Locale supported(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage()) ? LOCALES.get(1) : LOCALES.get(0);
    }

    /** The first supported language of a list in order of preference (an Accept-Language header). */
    public static Locale firstSupported(List<Locale> preferred) {
        for (Locale locale : preferred) {
            if ("ru".equals(locale.getLanguage()) || "en".equals(locale.getLanguage())) {
                return supported(locale);
            }
        }
        return LOCALES.get(0);
    }
}
