package org.switchboard.web.mailbox;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;
import org.switchboard.core.mailbox.MailboxConnectRequest;
import org.switchboard.core.mailbox.MailboxRules;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.MailboxView;
import org.switchboard.core.mailbox.MicrosoftMailboxSignIn;
import org.switchboard.web.common.SignIns;
import org.switchboard.core.common.Operations;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.web.common.UiErrors;

/**
 * The mailbox wizard (MB-01, MB-07, MP-04): the address, whose provider is detected or picked from the list; then the
 * password (an app password where the provider says so) and, for providers whose log-in is entered by hand, the
 * log-in, and "Access for other users" for holders of both shared-mailbox operations (SM-01); "Sign in" tries a real
 * log-in and creates the mailbox only when it succeeds. Then "Start loading mail" or "Open settings".
 */
@Named
@ViewScoped
public class MailboxNewBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String PROVIDER = "wizard:provider";
    /** This page, where a sign-in with Microsoft comes back. */
    static final String PAGE = "/panel/mailbox-new.xhtml";
    private static final Map<String, String> ADDRESS_FIELDS = Map.of("address", "wizard:address",
            "providerId", PROVIDER);
    private static final Map<String, String> SIGN_IN_FIELDS = Map.of("password", "wizard:password",
            "login", "wizard:login", "shared", "wizard:shared");

    @Inject
    private MailboxService mailboxes;

    @Inject
    private MailProviderService providers;

    @Inject
    private MicrosoftSignIns signIns;

    @Inject
    private SiteUrls siteUrls;

    private boolean loaded;

    private String address;
    private List<MailProviderView> choices = List.of();
    private Long providerId;
    private MailProviderView provider;
    private boolean picked;
    private String login;
    private String password;
    private MailboxView created;
    private boolean shared;

    /** The page's start: completes a sign-in with Microsoft that came back to it ({@code signIn} parameter). */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        String key = Faces.getRequestParameter("signIn");
        if (key == null) {
            return;
        }
        Optional<SignIns.Answered<MicrosoftMailboxSignIn>> answered = signIns.take(key);
        if (answered.isEmpty()) {
            Messages.addGlobalError("error.mailbox.microsoftSignInLost");
            return;
        }
        SignIns.Answered<MicrosoftMailboxSignIn> answer = answered.get();
        if (answer.failureKey() != null) {
            Messages.addGlobalError(answer.failureKey(), answer.failureArguments().toArray());
            return;
        }
        address = answer.signIn().address();
        if (answer.code() == null) {
            // Entra's own words: the user cancelled, the admin has not consented, the account is not allowed.
            Messages.addGlobalError("error.mailbox.microsoftRefused", answer.errorDescription() != null
                    ? answer.errorDescription() : String.valueOf(answer.error()));
            return;
        }
        try {
            created = mailboxes.connectMicrosoft(answer.signIn(), answer.signIn().state(), answer.code());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /**
     * "Sign in with Microsoft" (MO-01): checks the address and provider, keeps the sign-in in the session and sends
     * the browser to Microsoft; the callback brings it back to this page, which completes it ({@link #load}).
     */
    public void signInWithMicrosoft() throws IOException {
        try {
            MicrosoftMailboxSignIn pending = mailboxes.beginMicrosoft(new MailboxConnectRequest(address, null,
                    picked ? provider.id() : null, isManualLogin() ? login : null, shared ? Boolean.TRUE : null),
                    callbackUri(siteUrls));
            signIns.started(pending, PAGE);
            Faces.redirect(pending.authorizationUrl());
        } catch (BusinessException e) {
            UiErrors.show(e, SIGN_IN_FIELDS);
        }
    }

    /** The callback registered in Entra ID: under {@code SiteUrl}, or the address in use while it is empty. */
    public static String callbackUri(SiteUrls siteUrls) {
        return siteUrls.under(Faces.getRequestBaseURL(), MicrosoftCallbackServlet.PATH);
    }

    /** MO-01: Microsoft 365, and an Exchange Server with OAuth 2.0, sign in with Microsoft instead of a password. */
    public boolean isMicrosoft() {
        return provider != null && provider.microsoftSignIn();
    }

    /**
     * "Next": detects the address's provider (MP-04); for an unknown domain offers the providers to pick from, and
     * goes on with the one picked.
     */
    public void next() {
        try {
            address = MailboxRules.address(address);
            Optional<MailProviderView> detected = providers.detect(address);
            if (detected.isPresent()) {
                provider = detected.get();
                picked = false;
                choices = List.of();
            } else if (choices.isEmpty()) {
                choices = providers.choices();
            } else if (providerId == null) {
                Messages.addError(PROVIDER, "validation.mailProvider.providerRequired");
                Faces.validationFailed();
            } else {
                provider = choices.stream().filter(p -> p.id() == providerId).findFirst().orElse(null);
                picked = provider != null;
            }
        } catch (BusinessException e) {
            UiErrors.show(e, ADDRESS_FIELDS);
        }
    }

    /** Back to the address, to correct it or pick another provider. */
    public void back() {
        provider = null;
        picked = false;
        password = null;
        login = null;
    }

    /** "Sign in" (MB-01, MB-07): a refused log-in is shown on the password; nothing is created then. */
    public void signIn() {
        try {
            created = mailboxes.connect(new MailboxConnectRequest(address, password, picked ? provider.id() : null,
                    isManualLogin() ? login : null, shared ? Boolean.TRUE : null));
        } catch (BusinessException e) {
            UiErrors.show(e, SIGN_IN_FIELDS);
        } finally {
            password = null;
        }
    }

    /** "Start loading mail": the first sync starts in the background, and the e-mail tab follows it. */
    public void startLoading() throws IOException {
        try {
            mailboxes.requestSync(created.id());
            Messages.addFlashGlobalInfo("panel_mailboxNew.loading", created.address());
            Faces.redirect(Faces.getRequestContextPath() + "/panel/email.xhtml");
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** Where the wizard stands: 1 the address, 2 the password, 3 connected. */
    public int getStep() {
        if (created != null) {
            return 3;
        }
        return provider == null ? 1 : 2;
    }

    /** MP-02: the log-in is asked only when the provider's format is "entered by hand". */
    public boolean isManualLogin() {
        return provider != null && provider.loginFormat() == LoginFormat.MANUAL;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public List<MailProviderView> getChoices() {
        return choices;
    }

    public Long getProviderId() {
        return providerId;
    }

    public void setProviderId(Long providerId) {
        this.providerId = providerId;
    }

    public MailProviderView getProvider() {
        return provider;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    /** Never shown back. */
    public String getPassword() {
        return null;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** SM-01: the option to connect the mailbox as shared is shown only to holders of both operations. */
    public boolean isMayShare() {
        return Faces.isUserInRole(Operations.CAN_CONNECT_SHARED_MAILBOX)
                && Faces.isUserInRole(Operations.CAN_MANAGE_SHARED_MAILBOX_SYNC);
    }

    public boolean isShared() {
        return shared;
    }

    public void setShared(boolean shared) {
        this.shared = shared;
    }

    public MailboxView getCreated() {
        return created;
    }
}
