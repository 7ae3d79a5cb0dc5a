package org.switchboard.core.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.settings.SettingType;
import org.switchboard.model.settings.SystemSetting;
import org.switchboard.model.settings.TextFormat;

/**
 * The typed validation of a system setting's value: turns what an administrator typed into the stored form,
 * or refuses it with a message naming the rule. Plain code, unit-tested; the service applies it.
 *
 * @param maxLength      for TEXT and SECRET, the longest value; null for no limit
 * @param acceptedFiles  for FILE, the comma-separated extensions it takes; null for any
 */
public record SettingRules(SettingType type, TextFormat textFormat, Long minValue, Long maxValue, Integer maxLength,
                           String acceptedFiles) {

    /** The input a message names. */
    public static final String FIELD = "value";
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    public static SettingRules of(SystemSetting setting) {
        return new SettingRules(setting.getType(), setting.getTextFormat(), setting.getMinValue(),
                setting.getMaxValue(), setting.getMaxLength(), setting.getAcceptedFiles());
    }

    /**
     * The value to store for what was typed.
     *
     * @throws InvalidInputException on field {@value #FIELD} when the value does not fit the type
     */
    public String normalize(String raw) {
        String value = raw == null ? "" : raw.trim();
        return switch (type) {
            case INTEGER -> integer(value);
            case BOOLEAN -> bool(value);
            case DATE -> date(value);
            case TEXT -> text(value);
            case SECRET -> length(value);
            case FILE -> throw new InvalidInputException("validation.setting.fileUpload", FIELD);
        };
    }

    /**
     * Checks an uploaded file for a FILE setting.
     *
     * @throws InvalidInputException when it is empty, too large or of a type the setting does not take
     */
    public void checkFile(String fileName, long size, long maxSize) {
        if (type != SettingType.FILE) {
            throw new InvalidInputException("validation.setting.notFile", FIELD);
        }
        if (fileName == null || fileName.isBlank()) {
            throw new InvalidInputException("validation.setting.fileName", FIELD);
        }
        if (size <= 0) {
            throw new InvalidInputException("validation.setting.fileEmpty", FIELD);
        }
        if (size > maxSize) {
            throw new InvalidInputException("validation.setting.fileTooLarge", FIELD, maxSize / (1024 * 1024));
        }
        if (acceptedFiles != null) {
            int dot = fileName.lastIndexOf('.');
            String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
            boolean accepted = Arrays.stream(acceptedFiles.split(",")).map(String::trim).anyMatch(extension::equals);
            if (!accepted) {
                throw new InvalidInputException("validation.setting.fileType", FIELD, acceptedFiles.replace(",", ", "));
            }
        }
    }

    private String integer(String value) {
        if (!INTEGER.matcher(value).matches()) {
            throw new InvalidInputException("validation.setting.integer", FIELD);
        }
        long number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
        if (minValue != null && number < minValue) {
            throw new InvalidInputException("validation.setting.min", FIELD, minValue);
        }
        if (maxValue != null && number > maxValue) {
            throw new InvalidInputException("validation.setting.max", FIELD, maxValue);
        }
        return Long.toString(number);
    }

    private static String bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> "true";
            case "false" -> "false";
            default -> throw new InvalidInputException("validation.setting.boolean", FIELD);
        };
    }

    private static String date(String value) {
        if (value.isEmpty()) {
            return "";
        }
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("validation.setting.date", FIELD);
        }
    }

    private String text(String value) {
        length(value);
        if (textFormat == TextFormat.URL && !value.isEmpty()) {
            url(value, false);
        }
        if (textFormat == TextFormat.HTTPS_URL && !value.isEmpty()) {
            url(value, true);
        }
        return value;
    }

    private String length(String value) {
        if (maxLength != null && value.length() > maxLength) {
            throw new InvalidInputException("validation.tooLong", FIELD, maxLength);
        }
        return value;
    }

    /** An absolute URL with a host; https only, or http too. */
    private static void url(String value, boolean httpsOnly) {
        String key = httpsOnly ? "validation.setting.httpsUrl" : "validation.setting.url";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean allowed = scheme.equals("https") || scheme.equals("http") && !httpsOnly;
            if (!allowed || uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new InvalidInputException(key, FIELD);
            }
        } catch (URISyntaxException e) {
            throw new InvalidInputException(key, FIELD);
        }
    }
}
