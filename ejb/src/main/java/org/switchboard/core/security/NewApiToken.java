package org.switchboard.core.security;

/**
 * A personal API token just created (X-02, issue 18): the one moment its secret exists outside its owner's hands,
 * to be shown to them once. Not serializable and its {@link #toString()} leaves the secret out, so that neither a
 * stored session nor a log line carries it.
 *
 * @param token the secret, {@code sbt_…}
 */
public record NewApiToken(ApiTokenView view, String token) {

    @Override
    public String toString() {
        return "NewApiToken[view=" + view + ", token=***]";
    }
}
