package org.switchboard.model.settings;

/** The type of a system setting's value; decides its editor and its validation. */
public enum SettingType {
    TEXT, INTEGER, BOOLEAN, SECRET, FILE, DATE
}
