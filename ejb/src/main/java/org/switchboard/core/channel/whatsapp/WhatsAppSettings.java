package org.switchboard.core.channel.whatsapp;

import java.util.Set;

/** The settings a WhatsApp channel keeps (WA-01, WA-05); those in {@link #SECRET} are encrypted and never shown. */
public final class WhatsAppSettings {

    /** Twilio's Account SID and Auth Token (WA-01). */
    public static final String ACCOUNT_SID = "accountSid";
    public static final String AUTH_TOKEN = "authToken";
    /** The Twilio sender number, and the number the confirmation goes to (WA-01, WA-05). */
    public static final String PHONE_NUMBER = "phoneNumber";
    public static final String VERIFICATION_NUMBER = "verificationNumber";

    static final Set<String> SECRET = Set.of(AUTH_TOKEN);

    private WhatsAppSettings() {
    }
}
