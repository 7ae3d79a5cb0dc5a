package org.switchboard.core.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.settings.SystemSetting;

/**
 * The installation's public base URL, {@code SiteUrl} (TG-01), that providers post their webhooks to. When it is empty
 * the first channel that needs it fills it in from the address the administrator is using (TG-01), in the caller's
 * transaction.
 */
@ApplicationScoped
public class SiteUrls {

    private static final Logger LOG = Logger.getLogger(SiteUrls.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SystemSettings settings;

    @Inject
    private Clock clock;

    /** {@code SiteUrl} without a trailing slash, if set. */
    public Optional<String> configured() {
        return settings.text(SettingCodes.SITE_URL).map(SiteUrls::strip);
    }

    /**
     * {@code SiteUrl}, filled in from {@code requestBaseUrl} (scheme, host and the application's path) if empty.
     *
     * @throws InvalidInputException when both are empty (a call from a system without a browser's address)
     */
    public String siteUrl(String requestBaseUrl) {
        Optional<String> configured = configured();
        if (configured.isPresent()) {
            return configured.get();
        }
        if (requestBaseUrl == null || requestBaseUrl.isBlank() || !URI.create(requestBaseUrl).isAbsolute()) {
            throw new InvalidInputException("validation.channel.siteUrlMissing", null, SettingCodes.SITE_URL);
        }
        String value = strip(requestBaseUrl.strip());
        SystemSetting setting = em.createNamedQuery(SystemSetting.BY_CODE, SystemSetting.class)
                .setParameter("code", SettingCodes.SITE_URL).getSingleResult();
        setting.setCurrentValue(value, OffsetDateTime.now(clock), Callers.SYSTEM);
        LOG.info(() -> SettingCodes.SITE_URL + " was empty and is now " + value + " (TG-01)");
        return value;
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
