package org.switchboard.core.settings;

import java.io.Serializable;
import java.time.OffsetDateTime;
import org.switchboard.model.settings.SettingType;
import org.switchboard.model.settings.SystemSetting;
import org.switchboard.model.settings.TextFormat;

/**
 * A system setting as the designer and the REST API show it. A SECRET's value is never shown: only
 * {@link #MASK} when one is set. For a FILE, the value is the file name.
 *
 * @param value      the administrator's value; {@code null} when the default applies
 * @param effective  what applies now: {@code value}, or the default when none is set
 * @param customized the administrator set a value (possibly an empty one); "restore default" is possible
 */
public record SettingView(long id, long version, String code, String name, SettingType type, TextFormat textFormat,
                          Long minValue, Long maxValue, Integer maxLength, String acceptedFiles, String defaultValue,
                          String value, String effective, boolean customized, OffsetDateTime updatedAt,
                          String updatedBy) implements Serializable {

    /** What a set secret shows instead of its value. */
    public static final String MASK = "********";

    static SettingView of(SystemSetting s) {
        String value = s.getCurrentValue();
        String defaultValue = s.getDefaultValue();
        if (s.getType() == SettingType.SECRET) {
            value = value == null ? null : value.isEmpty() ? "" : MASK;
            defaultValue = null;
        }
        String effective = value != null ? value : defaultValue;
        return new SettingView(s.getId(), s.getVersion(), s.getCode(), s.getName(), s.getType(), s.getTextFormat(),
                s.getMinValue(), s.getMaxValue(), s.getMaxLength(), s.getAcceptedFiles(), defaultValue, value,
                effective, s.isCustomized(), s.getUpdatedAt(), s.getUpdatedBy());
    }
}
