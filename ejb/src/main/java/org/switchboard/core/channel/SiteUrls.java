package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SettingService;
import org.switchboard.core.settings.SystemSettings;

/**
 * The installation's public https base URL, {@code SiteUrl} (TG-01), that providers post their webhooks to. When it is
 * empty the first channel that needs it fills it in from the address the administrator is using, if that is https, in
 * the caller's transaction and as a settings change of theirs ({@code SettingChanged}).
 */
@ApplicationScoped
public class SiteUrls {

    @Inject
    private SystemSettings settings;

    @Inject
    private SettingService settingService;

    /** {@code SiteUrl} without a trailing slash, if set. */
    public Optional<String> configured() {
        return settings.text(SettingCodes.SITE_URL).map(SiteUrls::strip);
    }

    /**
     * An address under {@code SiteUrl}, or, while it is empty, under the address in use ({@code requestBaseUrl}):
     * where an OAuth sign-in comes back (FB-01's broker callback, MO-01's Microsoft callback).
     *
     * @param path starting with a slash
     */
    public String under(String requestBaseUrl, String path) {
        return configured().orElseGet(() -> strip(requestBaseUrl == null ? "" : requestBaseUrl.strip())) + path;
    }

    /**
     * {@code SiteUrl}, filled in from {@code requestBaseUrl} (scheme, host and the application's path) if empty.
     *
     * @throws InvalidInputException when both are empty (a call from a system without a browser's address), or when
     *                               it is empty and the address in use is not https (Telegram posts to https only)
     */
    public String siteUrl(String requestBaseUrl) {
        Optional<String> configured = configured();
        if (configured.isPresent()) {
            return configured.get();
        }
        if (requestBaseUrl == null || requestBaseUrl.isBlank() || !URI.create(requestBaseUrl.strip()).isAbsolute()) {
            throw new InvalidInputException("validation.channel.siteUrlMissing", null, SettingCodes.SITE_URL);
        }
        String value = strip(requestBaseUrl.strip());
        if (!"https".equalsIgnoreCase(URI.create(value).getScheme())) {
            throw new InvalidInputException("validation.channel.siteUrlHttps", null, SettingCodes.SITE_URL, value);
        }
        return strip(settingService.fillEmpty(SettingCodes.SITE_URL, value));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
