package org.switchboard.core.channel.whatsapp;

/**
 * The Twilio credentials and sender of one WhatsApp channel (WA-01): Account SID, Auth Token and the sender's E.164
 * number. {@link #toString()} never shows the token.
 */
public record WhatsAppAccount(String accountSid, String authToken, String fromNumber) {

    @Override
    public String toString() {
        return "WhatsAppAccount[accountSid=" + accountSid + ", authToken=***, fromNumber=" + fromNumber + "]";
    }
}
