package org.switchboard.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.settings.SettingType;
import org.switchboard.model.settings.TextFormat;

/** The typed validation of system settings. */
class SettingRulesTest {

    private static final SettingRules SIMULTANEOUS_CHATS = new SettingRules(SettingType.INTEGER, null, 1L, 100L, null,
            null);
    private static final SettingRules SITE_URL = new SettingRules(SettingType.TEXT, TextFormat.HTTPS_URL, null, null,
            500, null);
    private static final SettingRules IDENTITY_SERVER_URL = new SettingRules(SettingType.TEXT, TextFormat.URL, null,
            null, 500, null);
    private static final SettingRules SOUND = new SettingRules(SettingType.FILE, null, null, null, null, "mp3,wav,ogg");

    private static void refused(String key, Runnable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
        assertEquals(key, e.getMessageKey());
        assertEquals(SettingRules.FIELD, e.getField());
    }

    @Test
    @DisplayName("X-01 an integer setting takes a whole number within its range and stores it plainly")
    void integerAccepted() {
        assertEquals("7", SIMULTANEOUS_CHATS.normalize(" 7 "));
        assertEquals("12", SIMULTANEOUS_CHATS.normalize("+12"));
        assertEquals("1", SIMULTANEOUS_CHATS.normalize("1"));
        assertEquals("100", SIMULTANEOUS_CHATS.normalize("100"));
    }

    @Test
    @DisplayName("X-01 a non-integer for SimultaneousChats is refused on the value field")
    void nonIntegerRefused() {
        refused("validation.setting.integer", () -> SIMULTANEOUS_CHATS.normalize("five"));
        refused("validation.setting.integer", () -> SIMULTANEOUS_CHATS.normalize("2.5"));
        refused("validation.setting.integer", () -> SIMULTANEOUS_CHATS.normalize(""));
        refused("validation.setting.integer", () -> SIMULTANEOUS_CHATS.normalize("99999999999999999999"));
    }

    @Test
    @DisplayName("X-01 an integer out of the setting's range is refused with the bound")
    void rangeRefused() {
        InvalidInputException low = assertThrows(InvalidInputException.class,
                () -> SIMULTANEOUS_CHATS.normalize("0"));
        assertEquals("validation.setting.min", low.getMessageKey());
        assertEquals(1L, low.getArguments().get(0));
        refused("validation.setting.max", () -> SIMULTANEOUS_CHATS.normalize("101"));
    }

    @Test
    @DisplayName("X-01 a boolean setting takes true or false only")
    void booleans() {
        SettingRules rules = new SettingRules(SettingType.BOOLEAN, null, null, null, null, null);
        assertEquals("true", rules.normalize("TRUE"));
        assertEquals("false", rules.normalize("false"));
        refused("validation.setting.boolean", () -> rules.normalize("yes"));
    }

    @Test
    @DisplayName("X-01 a date setting takes an ISO date or nothing")
    void dates() {
        SettingRules rules = new SettingRules(SettingType.DATE, null, null, null, null, null);
        assertEquals("2026-11-25", rules.normalize("2026-11-25"));
        assertEquals("", rules.normalize(" "));
        refused("validation.setting.date", () -> rules.normalize("25.11.2026"));
        refused("validation.setting.date", () -> rules.normalize("2026-02-30"));
    }

    @Test
    @DisplayName("X-01 TG-01 SiteUrl takes an absolute https address or nothing; an http one is refused")
    void urls() {
        assertEquals("https://crm.example.com/0", SITE_URL.normalize(" https://crm.example.com/0 "));
        assertEquals("", SITE_URL.normalize(""));
        refused("validation.setting.httpsUrl", () -> SITE_URL.normalize("http://crm.example.com/0"));
        refused("validation.setting.httpsUrl", () -> SITE_URL.normalize("crm.example.com"));
        refused("validation.setting.httpsUrl", () -> SITE_URL.normalize("ftp://crm.example.com"));
        refused("validation.setting.httpsUrl", () -> SITE_URL.normalize("https://"));
        assertEquals("http://keycloak.internal/realms/crm",
                IDENTITY_SERVER_URL.normalize("http://keycloak.internal/realms/crm"));
        refused("validation.setting.url", () -> IDENTITY_SERVER_URL.normalize("ftp://keycloak.internal"));
        refused("validation.tooLong", () -> SITE_URL.normalize("https://x.com/" + "a".repeat(500)));
    }

    @Test
    @DisplayName("X-01 a file setting takes only uploads of its types and size")
    void files() {
        refused("validation.setting.fileUpload", () -> SOUND.normalize("new-chat.wav"));
        SOUND.checkFile("ding.MP3", 1000, 2_000_000);
        refused("validation.setting.fileType", () -> SOUND.checkFile("ding.exe", 1000, 2_000_000));
        refused("validation.setting.fileEmpty", () -> SOUND.checkFile("ding.wav", 0, 2_000_000));
        refused("validation.setting.fileTooLarge", () -> SOUND.checkFile("ding.wav", 3_000_000, 2_000_000));
        refused("validation.setting.notFile", () -> SIMULTANEOUS_CHATS.checkFile("ding.wav", 10, 2_000_000));
    }
}
