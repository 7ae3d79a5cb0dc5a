package org.switchboard.core.channel.whatsapp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.channel.ReplyParts;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * WhatsApp channels through a Twilio account (WA-01..WA-06). "Connect" creates the channel only after Twilio took the
 * Account SID and Auth Token and sent the confirmation message to the verification number; on any refusal Twilio's
 * reason is shown and nothing is saved. A number belongs to one channel (WA-04). The card then shows the webhook URL
 * to paste into Twilio's "When a message comes in" (WA-06). Saving runs in the caller's transaction. Replies go out
 * through Twilio's Messages API in pieces of 1,600 characters, one medium per message fetched by Twilio from a signed
 * URL of this installation (a single file carries a short text as its body), each asking for status callbacks, within
 * Twilio's default of 80 messages a second per sender; only the files WhatsApp takes may be attached (WA-03).
 */
@ApplicationScoped
public class WhatsAppAdapter implements ChannelAdapter {

    public static final String HOOK_PATH = "/hooks/whatsapp/";
    /** A Twilio Account SID: "AC" and 32 hexadecimal digits. */
    public static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    /** A phone number in E.164 form. */
    public static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Characters of one WhatsApp message body through Twilio. */
    public static final int BODY_MAX = 1600;
    /**
     * The longest Auth Token taken (X-02, issue 18): Twilio's have 32 characters (so do API key secrets); a longer
     * text is refused before Twilio is asked with it.
     */
    public static final int AUTH_TOKEN_MAX = 128;
    private static final Duration PER_NUMBER = Duration.ofMillis(13);
    private static final Logger LOG = Logger.getLogger(WhatsAppAdapter.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private WhatsAppClient client;

    @Inject
    private ChannelSecrets secrets;

    @Inject
    private SiteUrls siteUrls;

    @Override
    public ChannelProvider provider() {
        return ChannelProvider.WHATSAPP;
    }

    @Override
    public int menuOrder() {
        return 20;
    }

    @Override
    public Set<String> secretSettings() {
        return WhatsAppSettings.SECRET;
    }

    @Override
    public Optional<String> webhookSecret(Channel channel) {
        return secrets.get(channel, WhatsAppSettings.AUTH_TOKEN);
    }

    @Override
    public Dispatch dispatch() {
        return Dispatch.AFTER_COMMIT;
    }

    /**
     * On "Connect" (a new channel) checks the account with Twilio and sends the confirmation; on a later save, only a
     * changed account is checked again. The webhook URL is recorded from {@code SiteUrl}.
     */
    @Override
    public void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft,
            String requestBaseUrl) {
        String sid = value(channel, draft, WhatsAppSettings.ACCOUNT_SID);
        String token = value(channel, draft, WhatsAppSettings.AUTH_TOKEN);
        String number = number(value(channel, draft, WhatsAppSettings.PHONE_NUMBER));
        String verification = number(value(channel, draft, WhatsAppSettings.VERIFICATION_NUMBER));
        if (sid == null) {
            throw new InvalidInputException("validation.required", WhatsAppSettings.ACCOUNT_SID);
        }
        if (!ACCOUNT_SID.matcher(sid).matches()) {
            throw new InvalidInputException("validation.whatsapp.accountSid", WhatsAppSettings.ACCOUNT_SID);
        }
        if (token == null) {
            throw new InvalidInputException("validation.required", WhatsAppSettings.AUTH_TOKEN);
        }
        if (token.length() > AUTH_TOKEN_MAX) {
            throw new InvalidInputException("validation.tooLong", WhatsAppSettings.AUTH_TOKEN, AUTH_TOKEN_MAX);
        }
        checkNumber(number, WhatsAppSettings.PHONE_NUMBER);
        checkNumber(verification, WhatsAppSettings.VERIFICATION_NUMBER);
        checkNumberFree(channel, number);
        boolean changed = created || !sid.equals(secrets.get(channel, WhatsAppSettings.ACCOUNT_SID).orElse(null))
                || !token.equals(secrets.get(channel, WhatsAppSettings.AUTH_TOKEN).orElse(null))
                || !number.equals(secrets.get(channel, WhatsAppSettings.PHONE_NUMBER).orElse(null));
        WhatsAppAccount account = new WhatsAppAccount(sid, token, number);
        if (changed) {
            connect(account, verification);
        }
        secrets.put(channel, WhatsAppSettings.ACCOUNT_SID, sid);
        secrets.put(channel, WhatsAppSettings.AUTH_TOKEN, token);
        secrets.put(channel, WhatsAppSettings.PHONE_NUMBER, number);
        secrets.put(channel, WhatsAppSettings.VERIFICATION_NUMBER, verification);
        secrets.put(channel, ChannelSettings.WEBHOOK_URL,
                siteUrls.siteUrl(requestBaseUrl) + HOOK_PATH + channel.getId());
    }

    /** The settings the card shows: the account, the numbers and the webhook URL for Twilio (WA-06). */
    @Override
    public Map<String, String> visible(Channel channel) {
        return secrets.shown(channel, WhatsAppSettings.ACCOUNT_SID, WhatsAppSettings.PHONE_NUMBER,
                WhatsAppSettings.VERIFICATION_NUMBER, ChannelSettings.WEBHOOK_URL);
    }

    @Override
    public List<Part> parts(ChannelDelivery delivery) {
        return ReplyParts.of(delivery, BODY_MAX, BODY_MAX);
    }

    @Override
    public SendOutcome send(ChannelDelivery delivery, Part part) {
        WhatsAppAccount account = new WhatsAppAccount(delivery.settings().get(WhatsAppSettings.ACCOUNT_SID),
                delivery.settings().get(WhatsAppSettings.AUTH_TOKEN),
                delivery.settings().get(WhatsAppSettings.PHONE_NUMBER));
        String webhook = delivery.settings().get(ChannelSettings.WEBHOOK_URL);
        String media = part.file() == null ? null
                : WhatsAppWebhooks.mediaUrl(webhook, account.authToken(), part.file().attachmentId());
        return client.send(account, delivery.recipient(), part.text(), media,
                WhatsAppWebhooks.statusUrl(webhook, delivery.messageId()));
    }

    @Override
    public List<Limit> limits(ChannelDelivery delivery) {
        return List.of(new Limit("whatsapp:" + delivery.channelId(), PER_NUMBER));
    }

    /** A customer's medium from Twilio's media URL, fetched with the channel's account. */
    @Override
    public Optional<ChannelFile> fetchFile(Channel channel, String source, String fileName, String contentType) {
        if (!source.startsWith("https://") && !source.startsWith("http://")) {
            return Optional.empty();
        }
        WhatsAppAccount account = new WhatsAppAccount(
                secrets.get(channel, WhatsAppSettings.ACCOUNT_SID).orElseThrow(),
                secrets.get(channel, WhatsAppSettings.AUTH_TOKEN).orElseThrow(),
                secrets.get(channel, WhatsAppSettings.PHONE_NUMBER).orElseThrow());
        ChannelFile file = client.fetchMedia(account, source);
        return Optional.of(new ChannelFile(fileName, contentType != null ? contentType : file.contentType(),
                file.content()));
    }

    @Override
    public boolean fetchesFilesAtOnce() {
        return true;
    }

    /** WA-03: only the types and sizes WhatsApp takes. */
    @Override
    public Optional<UploadRefusal> uploadRefusal(String fileName, String contentType, long size) {
        return Optional.ofNullable(WhatsAppFileRules.problem(fileName, contentType, size))
                .map(problem -> new UploadRefusal("validation.whatsapp.file", problem));
    }

    /** WA-05: the account is checked, then the confirmation message must be taken by Twilio. */
    private void connect(WhatsAppAccount account, String verification) {
        try {
            client.verifyAccount(account);
        } catch (ProviderRefusedException e) {
            if (e.refused()) {
                throw new InvalidInputException("validation.whatsapp.refused", WhatsAppSettings.AUTH_TOKEN,
                        e.getMessage());
            }
            throw new ProviderException("error.whatsapp.unavailable", WhatsAppSettings.AUTH_TOKEN, e.getMessage());
        }
        SendOutcome outcome = client.send(account, verification,
                "Switchboard is now connected to the WhatsApp number " + account.fromNumber() + ".", null, null);
        if (outcome instanceof SendOutcome.Failed failed) {
            throw new InvalidInputException("validation.whatsapp.confirmationRefused",
                    WhatsAppSettings.VERIFICATION_NUMBER, failed.reason());
        }
        if (outcome instanceof SendOutcome.Retry retry) {
            throw new ProviderException("error.whatsapp.unavailable", WhatsAppSettings.VERIFICATION_NUMBER,
                    retry.reason());
        }
        LOG.info(() -> "WhatsApp number " + account.fromNumber() + " connected; confirmation sent");
    }

    /** WA-04: one number, one channel; the refusal names the channel that holds it. */
    private void checkNumberFree(Channel channel, String number) {
        em.createNamedQuery(Channel.BY_PROVIDER, Channel.class).setParameter("provider", ChannelProvider.WHATSAPP)
                .getResultStream().filter(other -> !other.equals(channel))
                .filter(other -> number.equals(other.getProperties().get(WhatsAppSettings.PHONE_NUMBER)))
                .findFirst().ifPresent(other -> {
                    throw new RuleViolationException("error.whatsapp.numberTaken", WhatsAppSettings.PHONE_NUMBER,
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
