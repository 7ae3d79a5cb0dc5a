package org.switchboard.core.exchange;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One Microsoft 365 mailbox as Graph reaches it (MB-02, SM-01): the signed-in user's own ({@code /me}) or a shared
 * mailbox through the connecting user's token ({@code /users/{address}}, the {@code .Shared} scopes). The address
 * also keys Graph's limit of concurrent requests per mailbox. The token never appears in {@link #toString()}.
 *
 * @param address the mailbox's SMTP address
 * @param shared whether it is reached as another user's mailbox rather than the token's own
 * @param accessToken the bearer token of the user who connected it
 */
public record GraphMailbox(String address, boolean shared, String accessToken) {

    public GraphMailbox {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("A Graph mailbox needs its address");
        }
        address = address.strip();
    }

    /** The path under Graph's base: {@code me}, or {@code users/{address}} for a shared mailbox. */
    public String userPath() {
        return shared ? "users/" + URLEncoder.encode(address, StandardCharsets.UTF_8) : "me";
    }

    /** The key of the mailbox's concurrency limit: the same mailbox whichever way it is reached. */
    String limitKey() {
        return address.toLowerCase(Locale.ROOT);
    }

    /** The same mailbox with a new access token, after a refresh. */
    public GraphMailbox withToken(String token) {
        return new GraphMailbox(address, shared, token);
    }

    @Override
    public String toString() {
        return "GraphMailbox[address=" + address + ", shared=" + shared + ", accessToken=***]";
    }
}
