package org.switchboard.core.channel.whatsapp;

import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;

/**
 * Talks to WhatsApp through Twilio in Switchboard's own terms, so no Twilio SDK type leaks into the services: checks
 * a channel's credentials (WA-05), sends replies (CH-12, WA-05) and downloads a customer's files (WA-02, WA-03).
 */
public interface WhatsAppClient {

    /**
     * Checks the Account SID and Auth Token with Twilio (WA-05).
     *
     * @throws ProviderRefusedException refused when Twilio rejects the credentials, not refused when Twilio is not
     *                                  reachable
     */
    void verifyAccount(WhatsAppAccount account);

    /**
     * Sends one message with one HTTP request (the caller decides about retries).
     *
     * @param to             the customer's E.164 number, with or without the {@code whatsapp:} prefix
     * @param body           the text, or null when only {@code mediaUrl} is sent
     * @param mediaUrl       a public URL of one file to attach, or null
     * @param statusCallback where Twilio reports delivery, or null
     */
    SendOutcome send(WhatsAppAccount account, String to, String body, String mediaUrl, String statusCallback);

    /**
     * Downloads a file a customer sent ({@code MediaUrl0} of the webhook) with the account's credentials.
     *
     * @throws ProviderRefusedException refused for a URL outside Twilio's API, a refused download or a file over
     *                                  16 MB; not refused when Twilio is not reachable
     */
    ChannelFile fetchMedia(WhatsAppAccount account, String mediaUrl);
}
