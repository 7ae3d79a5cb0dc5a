package org.switchboard.core.exchange;

/**
 * How Switchboard signs in to an Exchange Server's EWS for one mailbox (MB-02, MB-03): a password sent as HTTP Basic,
 * a Windows domain account through NTLM, or an OAuth access token (Exchange hybrid modern authentication), which a
 * plan names as {@link MicrosoftSignIn} until the call. No password or token ever appears in {@link #toString()}, so a
 * mailbox can be logged whole.
 */
public sealed interface EwsCredentials {

    /** The login name, or null for a token: the only part of the credentials that may be shown or logged. */
    String user();

    /**
     * HTTP Basic, sent with the first request (Exchange's {@code Basic} authentication on the EWS virtual directory).
     *
     * @param user the login name as Exchange accepts it: {@code user@domain} or {@code DOMAIN\\user}
     */
    record Basic(String user, String password) implements EwsCredentials {

        public Basic {
            user = required(user, "user");
            password = required(password, "password");
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=***]";
        }
    }

    /**
     * NTLM (Exchange's {@code Windows} authentication): the password never crosses the wire.
     *
     * @param domain the NetBIOS domain name, {@code CONTOSO}
     */
    record Ntlm(String user, String password, String domain) implements EwsCredentials {

        public Ntlm {
            user = required(user, "user");
            password = required(password, "password");
            domain = required(domain, "domain");
        }

        @Override
        public String toString() {
            return "Ntlm[user=" + user + ", domain=" + domain + ", password=***]";
        }
    }

    /** An OAuth 2.0 access token for {@code EWS.AccessAsUser.All}, sent as {@code Authorization: Bearer}. */
    record Bearer(String accessToken) implements EwsCredentials {

        public Bearer {
            accessToken = required(accessToken, "access token");
        }

        @Override
        public String user() {
            return null;
        }

        @Override
        public String toString() {
            return "Bearer[accessToken=***]";
        }
    }

    /**
     * MO-01: the mailbox signs in with Microsoft (hybrid modern authentication) and its tokens are stored: a
     * placeholder that the caller swaps for a {@link Bearer} from the token store before calling Exchange, so that a
     * plan or a send attempt made in a transaction never holds an access token that may expire before it is used.
     */
    record MicrosoftSignIn(String user) implements EwsCredentials {

        public MicrosoftSignIn {
            user = required(user, "user");
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("EWS credentials need a " + what);
        }
        return value;
    }
}
