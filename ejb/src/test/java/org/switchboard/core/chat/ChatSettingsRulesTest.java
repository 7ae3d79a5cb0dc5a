package org.switchboard.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.ChannelProvider;

/** The input rules of the chat settings (CH-02, CH-07, CH-10, CH-11, CH-13, CH-15). */
class ChatSettingsRulesTest {

    private static void refused(Class<? extends BusinessException> type, String key, String field, Runnable call) {
        BusinessException e = assertThrows(type, call::run);
        assertEquals(key, e.getMessageKey());
        assertEquals(field, e.getField());
    }

    @Test
    @DisplayName("CH-13 a completion timeout of whole minutes from 1 is taken, spaces and a plus sign ignored")
    void timeoutAccepted() {
        assertEquals(1, ChatSettingsRules.completionTimeout("1"));
        assertEquals(30, ChatSettingsRules.completionTimeout(" 30 "));
        assertEquals(15, ChatSettingsRules.completionTimeout("+15"));
        assertEquals(ChatSettingsRules.TIMEOUT_MAX,
                ChatSettingsRules.completionTimeout(Integer.toString(ChatSettingsRules.TIMEOUT_MAX)));
        assertEquals(60, ChatSettingsRules.completionTimeout(60));
    }

    @Test
    @DisplayName("CH-05 CH-13 an empty completion timeout means never")
    void emptyTimeoutIsNever() {
        assertNull(ChatSettingsRules.completionTimeout(""));
        assertNull(ChatSettingsRules.completionTimeout("   "));
        assertNull(ChatSettingsRules.completionTimeout((String) null));
        assertNull(ChatSettingsRules.completionTimeout((Integer) null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "2.0", "abc", "1e3", "10081", "99999999999", "5 min", "0x10"})
    @DisplayName("CH-13 a completion timeout of 0, negative, decimal, text or beyond a week is refused on the field")
    void timeoutRefused(String text) {
        refused(InvalidInputException.class, "validation.chatQueue.completionTimeout",
                ChatSettingsRules.TIMEOUT_FIELD, () -> ChatSettingsRules.completionTimeout(text));
    }

    @Test
    @DisplayName("CH-13 a numeric completion timeout below 1 or beyond a week is refused on the field")
    void numericTimeoutRefused() {
        refused(InvalidInputException.class, "validation.chatQueue.completionTimeout",
                ChatSettingsRules.TIMEOUT_FIELD, () -> ChatSettingsRules.completionTimeout(0));
        refused(InvalidInputException.class, "validation.chatQueue.completionTimeout",
                ChatSettingsRules.TIMEOUT_FIELD, () -> ChatSettingsRules.completionTimeout(-5));
        refused(InvalidInputException.class, "validation.chatQueue.completionTimeout",
                ChatSettingsRules.TIMEOUT_FIELD, () -> ChatSettingsRules.completionTimeout(10_081));
    }

    @Test
    @DisplayName("CH-02 a name is required, trimmed and at most its column's length")
    void requiredText() {
        assertEquals("1st line support", ChatSettingsRules.required("  1st line support ", "name", 100));
        refused(InvalidInputException.class, "validation.required", "name",
                () -> ChatSettingsRules.required("   ", "name", 100));
        refused(InvalidInputException.class, "validation.required", "title",
                () -> ChatSettingsRules.required(null, "title", 100));
        refused(InvalidInputException.class, "validation.tooLong", "name",
                () -> ChatSettingsRules.required("x".repeat(101), "name", 100));
        assertEquals(100, ChatSettingsRules.required("x".repeat(100), "name", 100).length());
    }

    @Test
    @DisplayName("CH-11 a channel's or a quick reply's language is one the UI speaks")
    void languages() {
        assertEquals(List.of("en", "ru"), ChatSettingsRules.LANGUAGES);
        assertEquals("ru", ChatSettingsRules.language(" ru"));
        refused(InvalidInputException.class, "validation.chat.language", "language",
                () -> ChatSettingsRules.language("de"));
        refused(InvalidInputException.class, "validation.required", "language",
                () -> ChatSettingsRules.language(""));
    }

    @Test
    @DisplayName("CH-10 CH-15 a channel can be created for the providers with an adapter; another is refused with a "
            + "clear reason naming them")
    void providers() {
        List<ChannelProvider> offered = List.of(ChannelProvider.TELEGRAM, ChannelProvider.WHATSAPP,
                ChannelProvider.CUSTOM);
        assertEquals(ChannelProvider.CUSTOM, ChatSettingsRules.provider(ChannelProvider.CUSTOM, offered));
        assertEquals(ChannelProvider.TELEGRAM, ChatSettingsRules.provider(ChannelProvider.TELEGRAM, offered));
        assertEquals(ChannelProvider.WHATSAPP, ChatSettingsRules.provider(ChannelProvider.WHATSAPP, offered));
        RuleViolationException facebook = assertThrows(RuleViolationException.class,
                () -> ChatSettingsRules.provider(ChannelProvider.FACEBOOK, offered));
        assertEquals("error.channel.providerNotAvailable", facebook.getMessageKey());
        assertEquals(List.of("Facebook Messenger", "Telegram, WhatsApp, Custom (JMS)"), facebook.getArguments());
        assertEquals("provider", facebook.getField());
        refused(InvalidInputException.class, "validation.required", "provider",
                () -> ChatSettingsRules.provider(null, offered));
    }

    @Test
    @DisplayName("CH-07 the processes are the names of the named process beans, sorted, once each")
    void processes() {
        assertEquals(List.of(), ChatProcesses.names(Stream.of()));
        assertEquals(List.of("CreateCaseFromChat", "CreateOrder", "NotifySystemAdministrator"),
                ChatProcesses.names(Stream.of("NotifySystemAdministrator", null, "CreateOrder", "CreateCaseFromChat", "CreateOrder")));
    }
}
