package org.switchboard.core.channel.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.chat.ChannelDraft;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * A WhatsApp channel's Twilio account (WA-01, WA-04..WA-06). "Connect" creates the channel only after Twilio took the
 * Account SID and Auth Token and sent the confirmation message to the verification number; on any refusal Twilio's
 * reason is shown and nothing is saved. A number belongs to one channel (WA-04). The card then shows the webhook URL
 * to paste into Twilio's "When a message comes in" (WA-06). Runs in the caller's transaction.
 */
@ApplicationScoped
public class WhatsAppChannels {

    public static final String HOOK_PATH = "/hooks/whatsapp/";
    /** A Twilio Account SID: "AC" and 32 hexadecimal digits. */
    public static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** A phone number in E.164 form. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Logger LOG = Logger.getLogger(WhatsAppChannels.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private WhatsAppClient client;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private SiteUrls siteUrls;

    /**
     * On "Connect" (a new channel) checks the account with Twilio and sends the confirmation; on a later save, only a
     * changed account is checked again. The webhook URL is recorded from {@code SiteUrl}.
     */
    public void saving(Channel channel, boolean created, ChannelDraft draft, String requestBaseUrl) {
        String sid = value(channel, draft, ChannelSettings.ACCOUNT_SID);
        String token = value(channel, draft, ChannelSettings.AUTH_TOKEN);
        String number = number(value(channel, draft, ChannelSettings.PHONE_NUMBER));
        String verification = number(value(channel, draft, ChannelSettings.VERIFICATION_NUMBER));
        if (sid == null) {
            throw new InvalidInputException("validation.required", ChannelSettings.ACCOUNT_SID);
        }
        if (!ACCOUNT_SID.matcher(sid).matches()) {
            throw new InvalidInputException("validation.whatsapp.accountSid", ChannelSettings.ACCOUNT_SID);
        }
        if (token == null) {
            throw new InvalidInputException("validation.required", ChannelSettings.AUTH_TOKEN);
        }
        checkNumber(number, ChannelSettings.PHONE_NUMBER);
        checkNumber(verification, ChannelSettings.VERIFICATION_NUMBER);
        checkNumberFree(channel, number);
        boolean changed = created || !sid.equals(secrets.get(channel, ChannelSettings.ACCOUNT_SID).orElse(null))
                || !token.equals(secrets.get(channel, ChannelSettings.AUTH_TOKEN).orElse(null))
                || !number.equals(secrets.get(channel, ChannelSettings.PHONE_NUMBER).orElse(null));
        WhatsAppAccount account = new WhatsAppAccount(sid, token, number);
        if (changed) {
            connect(account, verification);
        }
        secrets.put(channel, ChannelSettings.ACCOUNT_SID, sid);
        secrets.put(channel, ChannelSettings.AUTH_TOKEN, token);
        secrets.put(channel, ChannelSettings.PHONE_NUMBER, number);
        secrets.put(channel, ChannelSettings.VERIFICATION_NUMBER, verification);
        secrets.put(channel, ChannelSettings.WEBHOOK_URL,
                siteUrls.siteUrl(requestBaseUrl) + HOOK_PATH + channel.getId());
    }

    /** The settings the card shows: the account, the numbers and the webhook URL for Twilio (WA-06). */
    public void visible(Channel channel, Map<String, String> settings) {
        for (String key : new String[] {ChannelSettings.ACCOUNT_SID, ChannelSettings.PHONE_NUMBER,
                ChannelSettings.VERIFICATION_NUMBER, ChannelSettings.WEBHOOK_URL}) {
            secrets.get(channel, key).ifPresent(value -> settings.put(key, value));
        }
    }

    /** The channel's Twilio account with its token decrypted. */
    public WhatsAppAccount account(Channel channel) {
        return new WhatsAppAccount(secrets.get(channel, ChannelSettings.ACCOUNT_SID).orElseThrow(),
                secrets.get(channel, ChannelSettings.AUTH_TOKEN).orElseThrow(),
                secrets.get(channel, ChannelSettings.PHONE_NUMBER).orElseThrow());
    }

    /** WA-05: the account is checked, then the confirmation message must be taken by Twilio. */
    private void connect(WhatsAppAccount account, String verification) {
        try {
            client.verifyAccount(account);
        } catch (ProviderRefusedException e) {
            if (e.refused()) {
                throw new InvalidInputException("validation.whatsapp.refused", ChannelSettings.AUTH_TOKEN,
                        e.getMessage());
            }
            throw new ProviderException("error.whatsapp.unavailable", ChannelSettings.AUTH_TOKEN, e.getMessage());
        }
        SendOutcome outcome = client.send(account, verification,
                "Switchboard is now connected to the WhatsApp number " + account.fromNumber() + ".", null, null);
        if (outcome instanceof SendOutcome.Failed failed) {
            throw new InvalidInputException("validation.whatsapp.confirmationRefused",
                    ChannelSettings.VERIFICATION_NUMBER, failed.reason());
        }
        if (outcome instanceof SendOutcome.Retry retry) {
            throw new ProviderException("error.whatsapp.unavailable", ChannelSettings.VERIFICATION_NUMBER,
                    retry.reason());
        }
        LOG.info(() -> "WhatsApp number " + account.fromNumber() + " connected; confirmation sent");
    }

    /** WA-04: one number, one channel; the refusal names the channel that holds it. */
    private void checkNumberFree(Channel channel, String number) {
        em.createNamedQuery(Channel.ALL, Channel.class).getResultStream()
                .filter(other -> other.getProvider() == ChannelProvider.WHATSAPP && !other.equals(channel))
                .filter(other -> number.equals(other.getProperties().get(ChannelSettings.PHONE_NUMBER)))
                .findFirst().ifPresent(other -> {
                    throw new RuleViolationException("error.whatsapp.numberTaken", ChannelSettings.PHONE_NUMBER,
                            number, other.getName());
                });
    }

    private String value(Channel channel, ChannelDraft draft, String key) {
        String given = draft.setting(key);
        return given != null ? given : secrets.get(channel, key).orElse(null);
    }

    /** A number as typed, without spaces, dashes, brackets or a {@code whatsapp:} prefix. */
    private static String number(String typed) {
        if (typed == null) {
            return null;
        }
        String number = typed.startsWith("whatsapp:") ? typed.substring("whatsapp:".length()) : typed;
        return number.replaceAll("[\\s()\\-.]", "");
    }

    private static void checkNumber(String number, String field) {
        if (number == null) {
            throw new InvalidInputException("validation.required", field);
        }
        if (!E164.matcher(number).matches()) {
            throw new InvalidInputException("validation.whatsapp.number", field);
        }
    }
}
