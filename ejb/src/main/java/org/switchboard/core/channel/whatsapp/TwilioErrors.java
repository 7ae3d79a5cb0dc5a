package org.switchboard.core.channel.whatsapp;

import java.util.Map;

/**
 * Plain-English meanings of the permanent Twilio errors operators meet on WhatsApp (CH-12, WA-05), for refused sends
 * and for the {@code ErrorCode} of status callbacks.
 */
public final class TwilioErrors {

    private static final Map<Integer, String> MEANINGS = Map.of(
            63016, "the 24-hour window to answer this customer has closed; only an approved template can be sent now",
            63003, "the recipient cannot be reached on WhatsApp (the number is inactive, invalid or not on WhatsApp)",
            63024, "the recipient is not a valid WhatsApp recipient",
            21211, "the recipient's number is not a valid phone number",
            21610, "the recipient has opted out of messages from this sender",
            63018, "the WhatsApp sender's rate limit is exceeded",
            30008, "the message could not be delivered for an unknown reason");

    private TwilioErrors() {
    }

    /**
     * The meaning of a Twilio error code, e.g. "Twilio error 63016: the 24-hour window …", or {@code fallback} for
     * codes not listed here.
     */
    public static String describe(int twilioErrorCode, String fallback) {
        String meaning = MEANINGS.get(twilioErrorCode);
        return meaning == null ? fallback : "Twilio error " + twilioErrorCode + ": " + meaning;
    }
}
