package org.switchboard.core.settings;

import jakarta.json.JsonObjectBuilder;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventTypes;
import org.switchboard.model.settings.SettingType;

/**
 * A system setting was changed, restored to its default, or its file replaced or cleared. The new value
 * is included except for a SECRET, whose event says only whether one is set.
 *
 * @param value the value that applies now (a FILE's file name), {@code null} for a SECRET or when empty
 */
public record SettingChanged(String code, SettingType settingType, boolean customized, String value,
                             boolean valueSet) implements DomainEvent {

    public static final String TYPE = EventTypes.SETTING_CHANGED;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String subject() {
        return code;
    }

    @Override
    public void writeData(JsonObjectBuilder data) {
        data.add("code", code).add("settingType", settingType.name()).add("customized", customized)
                .add("valueSet", valueSet);
        if (settingType != SettingType.SECRET && value != null) {
            data.add("value", value);
        } else {
            data.addNull("value");
        }
    }
}
