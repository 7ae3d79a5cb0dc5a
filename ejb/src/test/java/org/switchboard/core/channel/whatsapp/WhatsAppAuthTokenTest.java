package org.switchboard.core.channel.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.channel.ChannelProvider;

/** WA-05, X-02 issue 18: an Auth Token longer than any of Twilio's is refused before Twilio is asked with it. */
class WhatsAppAuthTokenTest {

    @Test
    @DisplayName("X-02 issue 18: a 1 MB Auth Token is a 400 on authToken; the adapter asks no one (it has no client)")
    void hugeTokenRefused() {
        ChannelDraft draft = new ChannelDraft(ChannelProvider.WHATSAPP, "WhatsApp", true, 50L, "en", Map.of(
                WhatsAppSettings.ACCOUNT_SID, "AC" + "0".repeat(32),
                WhatsAppSettings.AUTH_TOKEN, "t".repeat(1_000_000),
                WhatsAppSettings.PHONE_NUMBER, "+15551234567",
                WhatsAppSettings.VERIFICATION_NUMBER, "+15557654321"));

        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> new WhatsAppAdapter().saving(null, true, false, draft, "https://switchboard.example.com"));

        assertEquals(List.of("validation.tooLong", WhatsAppSettings.AUTH_TOKEN,
                List.of(WhatsAppAdapter.AUTH_TOKEN_MAX)),
                List.of(refused.getMessageKey(), refused.getField(), refused.getArguments()));
    }
}
