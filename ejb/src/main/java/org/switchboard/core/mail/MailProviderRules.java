package org.switchboard.core.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.mail.ExchangeKind;
import org.switchboard.model.mail.LoginFormat;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mail.MailProviderDomain;
import org.switchboard.model.mail.MailProviderType;
import org.switchboard.model.mail.MailSecurity;

/**
 * The input rules of mail providers and their domains (MP-01..MP-04, MP-06, MP-13): host names, ports, the parts an
 * IMAP or an Exchange provider needs, OAuth 2.0's client, the app-password page, domains. Plain code, unit-tested;
 * {@link MailProviderService} applies it, and the REST and JSF layers parse typed ports through it. Each failure names
 * the input it concerns, in the order of the form.
 */
public final class MailProviderRules {

    public static final int PORT_MIN = 1;
    public static final int PORT_MAX = 65_535;

    /** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    /** A host name such as imap.example.com or mail (MP-01: not imap@domain.com, no scheme, no spaces). */
    private static final Pattern HOST = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    /** A mail domain such as example.com: at least two labels, the last one starting with a letter. */
    private static final Pattern DOMAIN = Pattern.compile("(?:" + LABEL + "\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** MO-01: an Entra ID tenant: its id (a GUID), a verified domain, or organizations / common. */
    private static final Pattern TENANT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|organizations|common|"
                    + "(?:" + LABEL + "\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    /** Digits only, at most nine of them so that the value fits an int; the range check follows. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\+?\\d{1,9}");

    private MailProviderRules() {
    }

    /**
     * Checks a provider and returns it as it is to be stored: texts trimmed, defaults filled in (ports 993/465,
     * SSL/TLS, SMTP on, e-mail login, Basic), the part of the other type and an unused OAuth client dropped.
     *
     * @param type         the provider's type: the draft's on creation, the stored one on update
     * @param secretStored whether a client secret is stored already, so that an empty one keeps it
     * @return the checked draft; its {@code oauthClientSecret} is {@code null} when the stored one stays (or none is
     *         needed)
     * @throws InvalidInputException on the first input at fault
     */
    public static MailProviderDraft check(MailProviderDraft draft, MailProviderType type, boolean secretStored) {
        MailProviderDraft given = draft == null ? MailProviderDraft.empty(type) : draft;
        if (type == null) {
            throw new InvalidInputException("validation.required", "type");
        }
        String name = required(given.name(), "name", MailProvider.NAME_MAX);
        String imapHost = null;
        Integer imapPort = null;
        MailSecurity imapSecurity = null;
        boolean smtpEnabled = false;
        String smtpHost = null;
        Integer smtpPort = null;
        MailSecurity smtpSecurity = null;
        String serviceAddress = null;
        boolean loadMail = false;
        boolean sendMail = false;
        ExchangeKind exchangeKind = null;
        String ntlmDomain = null;
        if (type == MailProviderType.IMAP) {
            imapHost = host(given.imapHost(), "imapHost");
            imapPort = port(given.imapPort(), "imapPort", MailProvider.DEFAULT_IMAP_PORT);
            imapSecurity = given.imapSecurity() == null ? MailSecurity.SSL_TLS : given.imapSecurity();
            // MP-13: with SMTP off the mailboxes only receive, so no outgoing server is needed (one given is kept).
            smtpEnabled = given.smtpEnabled() == null || given.smtpEnabled();
            boolean hostGiven = given.smtpHost() != null && !given.smtpHost().isBlank();
            smtpHost = smtpEnabled || hostGiven ? host(given.smtpHost(), "smtpHost") : null;
            smtpPort = port(given.smtpPort(), "smtpPort", MailProvider.DEFAULT_SMTP_PORT);
            smtpSecurity = given.smtpSecurity() == null ? MailSecurity.SSL_TLS : given.smtpSecurity();
        } else {
            exchangeKind = given.exchangeKind() == null ? ExchangeKind.MICROSOFT_365 : given.exchangeKind();
            // MP-03: Microsoft 365 is reached at Graph's one address; an Exchange Server names its EWS address.
            serviceAddress = exchangeKind == ExchangeKind.EXCHANGE_SERVER
                    ? ewsAddress(given.serviceAddress(), "serviceAddress") : null;
            loadMail = given.loadMail();
            sendMail = given.sendMail();
            if (!loadMail && !sendMail) {
                throw new InvalidInputException("validation.mailProvider.loadOrSend", "loadMail");
            }
            // MP-13's "mailboxes only receive" reads smtp_enabled: for Exchange it follows "send e-mails".
            smtpEnabled = sendMail;
        }
        LoginFormat loginFormat = given.loginFormat() == null ? LoginFormat.EMAIL : given.loginFormat();
        MailAuthentication authentication = given.authentication() != null ? given.authentication()
                : exchangeKind == ExchangeKind.MICROSOFT_365 ? MailAuthentication.OAUTH2 : MailAuthentication.BASIC;
        if (exchangeKind == ExchangeKind.MICROSOFT_365 && authentication != MailAuthentication.OAUTH2) {
            // MO-01: Exchange Online turned Basic authentication off; only a sign-in with Microsoft reaches Graph.
            throw new InvalidInputException("validation.mailProvider.microsoft365NeedsOAuth", "authentication");
        }
        if (exchangeKind == ExchangeKind.EXCHANGE_SERVER && authentication == MailAuthentication.BASIC) {
            ntlmDomain = trimmed(given.ntlmDomain());
            if (ntlmDomain != null) {
                tooLong(ntlmDomain, "ntlmDomain", MailProvider.HOST_MAX);
            }
        }
        String clientId = null;
        String secret = null;
        String tenant = null;
        if (authentication == MailAuthentication.OAUTH2 && type == MailProviderType.EXCHANGE) {
            tenant = required(given.oauthTenant(), "oauthTenant", MailProvider.HOST_MAX);
            if (!TENANT.matcher(tenant).matches()) {
                throw new InvalidInputException("validation.mailProvider.oauthTenant", "oauthTenant");
            }
        }
        if (authentication == MailAuthentication.OAUTH2) {
            clientId = trimmed(given.oauthClientId());
            if (clientId == null) {
                throw new InvalidInputException("validation.mailProvider.oauthClientId", "oauthClientId");
            }
            tooLong(clientId, "oauthClientId", MailProvider.CLIENT_ID_MAX);
            secret = trimmed(given.oauthClientSecret());
            if (secret == null && !secretStored) {
                throw new InvalidInputException("validation.mailProvider.oauthClientSecret", "oauthClientSecret");
            }
            if (secret != null) {
                tooLong(secret, "oauthClientSecret", MailProvider.SECRET_MAX);
            }
        }
        String appPasswordUrl = httpsUrl(given.appPasswordUrl(), "appPasswordUrl");
        return new MailProviderDraft(type, name, imapHost, imapPort, imapSecurity, smtpEnabled, smtpHost, smtpPort,
                smtpSecurity, serviceAddress, loadMail, sendMail, loginFormat, authentication, clientId, secret,
                appPasswordUrl, exchangeKind, tenant, ntlmDomain);
    }

    /**
     * MP-03: an Exchange Server's EWS address, either the server's name (mail.example.com, which becomes
     * https://mail.example.com/EWS/Exchange.asmx) or the full https address of its EWS endpoint (http only to
     * localhost).
     *
     * @throws InvalidInputException on {@code field} when neither
     */
    public static String ewsAddress(String text, String field) {
        String address = required(text, field, MailProvider.HOST_MAX);
        if (HOST.matcher(address).matches()) {
            return address;
        }
        try {
            URI uri = new URI(address);
            // Plain http only to this machine: EWS's Basic sign-in would cross the network in clear.
            boolean secure = "https".equalsIgnoreCase(uri.getScheme()) || ("http".equalsIgnoreCase(uri.getScheme())
                    && ("localhost".equalsIgnoreCase(uri.getHost()) || "127.0.0.1".equals(uri.getHost())));
            if (secure && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return address;
            }
        } catch (URISyntaxException e) {
            // refused below, on the field
        }
        throw new InvalidInputException("validation.mailProvider.ewsAddress", field);
    }

    /** The EWS endpoint of an Exchange Server's service address ({@link #ewsAddress}). */
    public static URI ewsEndpoint(String serviceAddress) {
        return URI.create(serviceAddress.contains("://") ? serviceAddress
                : "https://" + serviceAddress + "/EWS/Exchange.asmx");
    }

    /**
     * A required host name (MP-01, MP-03), trimmed.
     *
     * @throws InvalidInputException on {@code field} when empty, too long, or not a host name (an {@code @}, a
     *                               space, a scheme or a path)
     */
    public static String host(String text, String field) {
        String host = required(text, field, MailProvider.HOST_MAX);
        if (!HOST.matcher(host).matches()) {
            throw new InvalidInputException("validation.mailProvider.host", field);
        }
        return host;
    }

    /**
     * A port, or the default when none is given.
     *
     * @throws InvalidInputException on {@code field} outside 1..65535
     */
    public static int port(Integer port, String field, int defaultPort) {
        if (port == null) {
            return defaultPort;
        }
        if (port < PORT_MIN || port > PORT_MAX) {
            throw portRefused(field);
        }
        return port;
    }

    /**
     * A port typed as text (a form input, a JSON string or number); empty means "not given".
     *
     * @throws InvalidInputException on {@code field} for anything but a whole number from 1 to 65535
     */
    public static Integer port(String text, String field) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (!WHOLE_NUMBER.matcher(trimmed).matches()) {
            throw portRefused(field);
        }
        return port(Integer.valueOf(trimmed), field, 0);
    }

    private static InvalidInputException portRefused(String field) {
        return new InvalidInputException("validation.mailProvider.port", field, Integer.toString(PORT_MAX));
    }

    /**
     * A domain of the lookup (MP-04), trimmed and in lower case.
     *
     * @throws InvalidInputException on {@code domain} when empty or not a domain name such as example.com
     */
    public static String domain(String text) {
        String domain = required(text, "domain", MailProviderDomain.DOMAIN_MAX).toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidInputException("validation.mailProvider.domain", "domain");
        }
        return domain;
    }

    /** The domain of an e-mail address in lower case (MP-04), or empty when the address has none that is valid. */
    public static Optional<String> domainOf(String emailAddress) {
        if (emailAddress == null) {
            return Optional.empty();
        }
        String address = emailAddress.trim();
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.length() <= MailProviderDomain.DOMAIN_MAX && DOMAIN.matcher(domain).matches()
                ? Optional.of(domain) : Optional.empty();
    }

    /**
     * An optional https address (the provider's app-password page, MP-06).
     *
     * @return the trimmed address, or {@code null} when empty
     * @throws InvalidInputException on {@code field} when not an absolute https URL with a host
     */
    public static String httpsUrl(String text, String field) {
        String url = trimmed(text);
        if (url == null) {
            return null;
        }
        tooLong(url, field, MailProvider.URL_MAX);
        try {
            URI uri = new URI(url);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // refused below, on the field
        }
        throw new InvalidInputException("validation.mailProvider.url", field);
    }

    /**
     * A required text, trimmed.
     *
     * @throws InvalidInputException on {@code field} when it is empty or longer than {@code max}
     */
    static String required(String text, String field, int max) {
        String trimmed = trimmed(text);
        if (trimmed == null) {
            throw new InvalidInputException("validation.required", field);
        }
        tooLong(trimmed, field, max);
        return trimmed;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static void tooLong(String text, String field, int max) {
        if (text.length() > max) {
            throw new InvalidInputException("validation.tooLong", field, max);
        }
    }
}
