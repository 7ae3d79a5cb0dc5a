package org.switchboard.core.channel;

import java.io.Serial;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * A messenger's API refused or failed a call that an administrator or operator is waiting for (checking a token,
 * registering a webhook, fetching a file). {@link #refused()} tells a refusal of the credentials or the request (the
 * user must change something) from an unavailable provider (worth trying again); {@link #getMessage()} is the
 * provider's own reason, never containing a token.
 */
public class ProviderRefusedException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    public ProviderRefusedException(boolean refused, String reason) {
        super(reason);
        this.refused = refused;
    }

    public boolean refused() {
        return refused;
    }

    /**
     * What went wrong on the way to a provider, in words (X-02, issue 18): no answer in time, a refused connection,
     * an unknown host, a failed TLS handshake, or another failed connection. Never the exception's own text or class
     * name, which reached the callers' 502s and the operators' delivery errors; the log keeps those.
     */
    public static String networkReason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return "no answer in time";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof SSLException) {
                return "the TLS handshake failed";
            }
        }
        return "the connection failed";
    }
}
