package org.switchboard.web.mail;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.mail.MailProviderDraft;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;
import org.switchboard.core.channel.SiteUrls;
import org.switchboard.core.exchange.MicrosoftOAuth;
import org.switchboard.core.mailbox.GraphHooks;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;
import org.switchboard.web.mailbox.MailboxNewBacking;

/**
 * A mail provider's form (MP-01..MP-03, MP-06, MP-10, MP-13): the IMAP block or the Exchange block by type, the SMTP
 * block behind its on/off checkbox, the OAuth client only for OAuth 2.0; Apply saves, Cancel goes back, deleting asks
 * first. The client secret is never shown: left empty, the stored one stays.
 */
@Named
@ViewScoped
public class MailProviderBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("type", "provider:type"),
            Map.entry("name", "provider:name"), Map.entry("imapHost", "provider:imapHost"),
            Map.entry("imapPort", "provider:imapPort"), Map.entry("smtpHost", "provider:smtpHost"),
            Map.entry("smtpPort", "provider:smtpPort"), Map.entry("serviceAddress", "provider:serviceAddress"),
            Map.entry("loadMail", "provider:loadMail"), Map.entry("oauthClientId", "provider:oauthClientId"),
            Map.entry("oauthClientSecret", "provider:oauthClientSecret"),
            Map.entry("appPasswordUrl", "provider:appPasswordUrl"), Map.entry("oauthTenant", "provider:oauthTenant"),
            Map.entry("ntlmDomain", "provider:ntlmDomain"), Map.entry("authentication", "provider:authentication"));

    @Inject
    private MailProviderService service;

    @Inject
    private SecurityContext security;

    @Inject
    @Param
    private ParamValue<Long> id;

    private boolean loaded;
    private MailProviderView provider;
    private MailProviderType type = MailProviderType.IMAP;
    private String name;
    private String imapHost;
    private String imapPort = Integer.toString(MailProvider.DEFAULT_IMAP_PORT);
    private MailSecurity imapSecurity = MailSecurity.SSL_TLS;
    private boolean smtpEnabled = true;
    private String smtpHost;
    private String smtpPort = Integer.toString(MailProvider.DEFAULT_SMTP_PORT);
    private MailSecurity smtpSecurity = MailSecurity.SSL_TLS;
    private String serviceAddress;
    private boolean loadMail = true;
    private boolean sendMail = true;
    private LoginFormat loginFormat = LoginFormat.EMAIL;
    private MailAuthentication authentication = MailAuthentication.BASIC;
    private String oauthClientId;
    private String oauthClientSecret;
    private String appPasswordUrl;
    private ExchangeKind exchangeKind = ExchangeKind.MICROSOFT_365;
    private String oauthTenant;
    private String ntlmDomain;

    @Inject
    private SiteUrls siteUrls;

    @Inject
    private GraphHooks hooks;

    private GraphHooks.Listener listener;

    /** Loads the provider of the {@code id} parameter, or prepares a new IMAP one. */
    public void load() throws IOException {
        if (loaded || !MailPages.allowed(security)) {
            return;
        }
        loaded = true;
        provider = RecordPages.loadOrNew(id, service::provider, "designer_mailProvider.notFound", MailPages.PROVIDERS);
        if (provider == null) {
            return;
        }
        type = provider.type();
        name = provider.name();
        if (type == MailProviderType.IMAP) {
            imapHost = provider.imapHost();
            imapPort = text(provider.imapPort());
            imapSecurity = provider.imapSecurity();
            smtpEnabled = provider.smtpEnabled();
            smtpHost = provider.smtpHost();
            smtpPort = text(provider.smtpPort());
            smtpSecurity = provider.smtpSecurity();
        } else {
            serviceAddress = provider.serviceAddress();
            exchangeKind = provider.exchangeKind() == null ? ExchangeKind.MICROSOFT_365 : provider.exchangeKind();
            oauthTenant = provider.oauthTenant();
            ntlmDomain = provider.ntlmDomain();
            loadMail = provider.loadMail();
            sendMail = provider.sendMail();
        }
        loginFormat = provider.loginFormat();
        authentication = provider.authentication();
        oauthClientId = provider.oauthClientId();
        appPasswordUrl = provider.appPasswordUrl();
    }

    /** Apply (MP-10): saves the provider and goes back to the list. */
    public void save() throws IOException {
        try {
            MailProviderDraft draft = new MailProviderDraft(type, name, imapHost,
                    MailProviderRules.port(imapPort, "imapPort"), imapSecurity, smtpEnabled, smtpHost,
                    MailProviderRules.port(smtpPort, "smtpPort"), smtpSecurity, serviceAddress, loadMail, sendMail,
                    loginFormat, authentication, oauthClientId, oauthClientSecret, appPasswordUrl,
                    type == MailProviderType.EXCHANGE ? exchangeKind : null, oauthTenant, ntlmDomain);
            MailProviderView saved = provider == null ? service.createProvider(draft)
                    : service.updateProvider(provider.id(), provider.version(), draft);
            MailPages.goTo(MailPages.PROVIDERS,
                    provider == null ? "designer_mailProvider.created" : "designer_mailProvider.saved", saved.name());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    /** Deletes the provider with its domains, after the page asked. */
    public void delete() throws IOException {
        try {
            service.deleteProvider(provider.id());
            MailPages.goTo(MailPages.PROVIDERS, "designer_mailProvider.deleted", provider.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    private static String text(Integer number) {
        return number == null ? null : number.toString();
    }

    /** MP-03: Microsoft 365 (Graph) or Exchange Server (EWS) for an Exchange provider. */
    public boolean isMicrosoft365() {
        return type == MailProviderType.EXCHANGE && exchangeKind == ExchangeKind.MICROSOFT_365;
    }

    /** MO-01: the Exchange provider's OAuth block shows the tenant, the redirect URI and the permissions. */
    public boolean isExchangeOauth() {
        return type == MailProviderType.EXCHANGE && authentication == MailAuthentication.OAUTH2;
    }

    /** MP-02: an Exchange Server signing in with Basic may name its Windows domain (NTLM). */
    public boolean isNtlmPossible() {
        return type == MailProviderType.EXCHANGE && exchangeKind == ExchangeKind.EXCHANGE_SERVER
                && authentication == MailAuthentication.BASIC;
    }

    /**
     * MP-11: for a Microsoft 365 provider, whether Graph's change notifications can reach this installation (checked
     * once per form); anything but READY is a warning that new mail comes by polling only.
     */
    public GraphHooks.Listener getListener() {
        if (listener == null) {
            listener = hooks.listener();
        }
        return listener;
    }

    public String getSiteUrl() {
        return siteUrls.configured().orElse("");
    }

    /** MO-01: the redirect URI to register in Entra ID, under {@code SiteUrl} (or the address in use). */
    public String getRedirectUri() {
        return MailboxNewBacking.callbackUri(siteUrls);
    }

    /** MO-01: the delegated permissions to grant with admin consent, by kind. */
    public String getPermissions() {
        if (exchangeKind != ExchangeKind.EXCHANGE_SERVER) {
            return String.join(", ", MicrosoftOAuth.GRAPH_MAIL_SCOPES);
        }
        // Hybrid Exchange: EWS.AccessAsUser.All of Exchange Online's application, on the server's own address.
        try {
            return String.join(", ", MicrosoftOAuth.ewsScopes(MailProviderRules.ewsEndpoint(
                    MailProviderRules.ewsAddress(serviceAddress, "serviceAddress"))));
        } catch (RuntimeException e) {
            return "offline_access, https://mail.example.com/" + MicrosoftOAuth.EWS_PERMISSION;
        }
    }

    public List<ExchangeKind> getExchangeKinds() {
        return List.of(ExchangeKind.values());
    }

    public ExchangeKind getExchangeKind() {
        return exchangeKind;
    }

    public void setExchangeKind(ExchangeKind exchangeKind) {
        this.exchangeKind = exchangeKind;
    }

    public String getOauthTenant() {
        return oauthTenant;
    }

    public void setOauthTenant(String oauthTenant) {
        this.oauthTenant = oauthTenant;
    }

    public String getNtlmDomain() {
        return ntlmDomain;
    }

    public void setNtlmDomain(String ntlmDomain) {
        this.ntlmDomain = ntlmDomain;
    }

    public boolean isNew() {
        return provider == null;
    }

    public boolean isImap() {
        return type == MailProviderType.IMAP;
    }

    public boolean isOauth() {
        return authentication == MailAuthentication.OAUTH2;
    }

    public MailProviderView getProvider() {
        return provider;
    }

    /** The provider's domains as one line. */
    public String getDomainsText() {
        return provider == null ? "" : String.join(", ", provider.domains());
    }

    public List<MailProviderType> getTypes() {
        return List.of(MailProviderType.values());
    }

    public List<MailSecurity> getSecurities() {
        return List.of(MailSecurity.values());
    }

    public List<LoginFormat> getLoginFormats() {
        return List.of(LoginFormat.values());
    }

    public List<MailAuthentication> getAuthentications() {
        return List.of(MailAuthentication.values());
    }

    public MailProviderType getType() {
        return type;
    }

    public void setType(MailProviderType type) {
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getImapHost() {
        return imapHost;
    }

    public void setImapHost(String imapHost) {
        this.imapHost = imapHost;
    }

    public String getImapPort() {
        return imapPort;
    }

    public void setImapPort(String imapPort) {
        this.imapPort = imapPort;
    }

    public MailSecurity getImapSecurity() {
        return imapSecurity;
    }

    public void setImapSecurity(MailSecurity imapSecurity) {
        this.imapSecurity = imapSecurity;
    }

    public boolean isSmtpEnabled() {
        return smtpEnabled;
    }

    public void setSmtpEnabled(boolean smtpEnabled) {
        this.smtpEnabled = smtpEnabled;
    }

    public String getSmtpHost() {
        return smtpHost;
    }

    public void setSmtpHost(String smtpHost) {
        this.smtpHost = smtpHost;
    }

    public String getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(String smtpPort) {
        this.smtpPort = smtpPort;
    }

    public MailSecurity getSmtpSecurity() {
        return smtpSecurity;
    }

    public void setSmtpSecurity(MailSecurity smtpSecurity) {
        this.smtpSecurity = smtpSecurity;
    }

    public String getServiceAddress() {
        return serviceAddress;
    }

    public void setServiceAddress(String serviceAddress) {
        this.serviceAddress = serviceAddress;
    }

    public boolean isLoadMail() {
        return loadMail;
    }

    public void setLoadMail(boolean loadMail) {
        this.loadMail = loadMail;
    }

    public boolean isSendMail() {
        return sendMail;
    }

    public void setSendMail(boolean sendMail) {
        this.sendMail = sendMail;
    }

    public LoginFormat getLoginFormat() {
        return loginFormat;
    }

    public void setLoginFormat(LoginFormat loginFormat) {
        this.loginFormat = loginFormat;
    }

    public MailAuthentication getAuthentication() {
        return authentication;
    }

    public void setAuthentication(MailAuthentication authentication) {
        this.authentication = authentication;
    }

    public String getOauthClientId() {
        return oauthClientId;
    }

    public void setOauthClientId(String oauthClientId) {
        this.oauthClientId = oauthClientId;
    }

    /** Always empty: the stored secret is never shown. */
    public String getOauthClientSecret() {
        return null;
    }

    public void setOauthClientSecret(String oauthClientSecret) {
        this.oauthClientSecret = oauthClientSecret;
    }

    public String getAppPasswordUrl() {
        return appPasswordUrl;
    }

    public void setAppPasswordUrl(String appPasswordUrl) {
        this.appPasswordUrl = appPasswordUrl;
    }
}
