package org.switchboard.model.settings;

/** An extra rule on a TEXT setting's value. */
public enum TextFormat {
    /** An absolute http or https URL, such as {@code IdentityServerUrl}. */
    URL,
    /** An absolute https URL: {@code SiteUrl}, which messengers post their webhooks to (TG-01). */
    HTTPS_URL
}
