package org.switchboard.model.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * A mail provider (MP-01..MP-03, MP-13): the servers and sign-in rules that mailboxes of one mail service share. An
 * IMAP provider names its incoming server and, unless its SMTP block is off, its outgoing server; an Exchange provider
 * names its service address and whether mail is loaded and/or sent through it. The OAuth client secret is stored
 * encrypted by the service that writes it.
 */
@Entity
@Table(name = "mail_provider")
@NamedQuery(name = MailProvider.ALL, query = "SELECT p FROM MailProvider p ORDER BY p.name")
@NamedQuery(name = MailProvider.BY_NAME, query = "SELECT p FROM MailProvider p WHERE LOWER(p.name) = LOWER(:name)")
public class MailProvider {

    public static final String ALL = "MailProvider.all";
    /** The provider of that service name, compared without case. */
    public static final String BY_NAME = "MailProvider.byName";

    public static final int NAME_MAX = 100;
    /** A DNS name has at most 253 characters. */
    public static final int HOST_MAX = 253;
    public static final int CLIENT_ID_MAX = 500;
    /** The longest client secret accepted; its ciphertext needs {@link #SECRET_STORED_MAX}. */
    public static final int SECRET_MAX = 500;
    public static final int SECRET_STORED_MAX = 1000;
    public static final int URL_MAX = 500;
    public static final int DEFAULT_IMAP_PORT = 993;
    public static final int DEFAULT_SMTP_PORT = 465;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_provider_seq")
    @SequenceGenerator(name = "mail_provider_seq", sequenceName = "mail_provider_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "name", length = NAME_MAX, nullable = false, unique = true)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "provider_type", length = 20, nullable = false, updatable = false)
    @NotNull
    private MailProviderType type;

    @Column(name = "imap_host", length = HOST_MAX)
    @Size(max = HOST_MAX)
    private String imapHost;

    @Column(name = "imap_port")
    private Integer imapPort;

    @Enumerated(EnumType.STRING)
    @Column(name = "imap_security", length = 20)
    private MailSecurity imapSecurity;

    @Column(name = "smtp_enabled", nullable = false)
    private boolean smtpEnabled = true;

    @Column(name = "smtp_host", length = HOST_MAX)
    @Size(max = HOST_MAX)
    private String smtpHost;

    @Column(name = "smtp_port")
    private Integer smtpPort;

    @Enumerated(EnumType.STRING)
    @Column(name = "smtp_security", length = 20)
    private MailSecurity smtpSecurity;

    @Column(name = "service_address", length = HOST_MAX)
    @Size(max = HOST_MAX)
    private String serviceAddress;

    @Enumerated(EnumType.STRING)
    @Column(name = "exchange_kind", length = 20)
    private ExchangeKind exchangeKind;

    @Column(name = "oauth_tenant", length = HOST_MAX)
    @Size(max = HOST_MAX)
    private String oauthTenant;

    @Column(name = "ntlm_domain", length = HOST_MAX)
    @Size(max = HOST_MAX)
    private String ntlmDomain;

    @Column(name = "load_mail", nullable = false)
    private boolean loadMail;

    @Column(name = "send_mail", nullable = false)
    private boolean sendMail;

    @Enumerated(EnumType.STRING)
    @Column(name = "login_format", length = 20, nullable = false)
    @NotNull
    private LoginFormat loginFormat;

    @Enumerated(EnumType.STRING)
    @Column(name = "authentication", length = 20, nullable = false)
    @NotNull
    private MailAuthentication authentication;

    @Column(name = "oauth_client_id", length = CLIENT_ID_MAX)
    @Size(max = CLIENT_ID_MAX)
    private String oauthClientId;

    /** AES-GCM ciphertext of the client secret, never the secret itself. */
    @Column(name = "oauth_client_secret", length = SECRET_STORED_MAX)
    @Size(max = SECRET_STORED_MAX)
    private String oauthClientSecret;

    @Column(name = "app_password_url", length = URL_MAX)
    @Size(max = URL_MAX)
    private String appPasswordUrl;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    protected MailProvider() {
    }

    public MailProvider(MailProviderType type) {
        this.type = type;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public MailProviderType getType() {
        return type;
    }

    public String getImapHost() {
        return imapHost;
    }

    public void setImapHost(String imapHost) {
        this.imapHost = imapHost;
    }

    public Integer getImapPort() {
        return imapPort;
    }

    public void setImapPort(Integer imapPort) {
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

    public Integer getSmtpPort() {
        return smtpPort;
    }

    public void setSmtpPort(Integer smtpPort) {
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

    /** Microsoft 365 or Exchange Server for an Exchange provider; {@code null} for an IMAP one. */
    public ExchangeKind getExchangeKind() {
        return exchangeKind;
    }

    public void setExchangeKind(ExchangeKind exchangeKind) {
        this.exchangeKind = exchangeKind;
    }

    /** The Entra ID directory that signs the mailboxes in (MO-01): its id, a verified domain or organizations. */
    public String getOauthTenant() {
        return oauthTenant;
    }

    public void setOauthTenant(String oauthTenant) {
        this.oauthTenant = oauthTenant;
    }

    /** The Windows domain of an Exchange Server's NTLM sign-in; {@code null} signs in with Basic. */
    public String getNtlmDomain() {
        return ntlmDomain;
    }

    public void setNtlmDomain(String ntlmDomain) {
        this.ntlmDomain = ntlmDomain;
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

    /** The ciphertext of the OAuth client secret, or {@code null}. */
    public String getOauthClientSecret() {
        return oauthClientSecret;
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

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MailProvider provider && id != null && id.equals(provider.getId());
    }

    @Override
    public int hashCode() {
        return MailProvider.class.hashCode();
    }
}
