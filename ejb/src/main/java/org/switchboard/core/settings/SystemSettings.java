package org.switchboard.core.settings;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.Optional;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.settings.SettingType;
import org.switchboard.model.settings.SystemSetting;

/**
 * Typed read access to system settings for the application's own services: the value that applies now,
 * secrets decrypted. Not a use case of its own, so any caller (timers, consumers, operators' services) may read.
 */
@Stateless
@PermitAll
public class SystemSettings {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SecretCipher cipher;

    public long integer(String code) {
        return Long.parseLong(effective(code, SettingType.INTEGER).orElseThrow(
                () -> new IllegalStateException("Integer setting " + code + " has no value")));
    }

    public boolean bool(String code) {
        return Boolean.parseBoolean(effective(code, SettingType.BOOLEAN).orElse("false"));
    }

    public Optional<String> text(String code) {
        return effective(code, SettingType.TEXT);
    }

    public Optional<LocalDate> date(String code) {
        return effective(code, SettingType.DATE).map(LocalDate::parse);
    }

    /** The decrypted secret, or empty when none is set. */
    public Optional<String> secret(String code) {
        return effective(code, SettingType.SECRET).map(cipher::decrypt);
    }

    private Optional<String> effective(String code, SettingType type) {
        SystemSetting setting = em.createNamedQuery(SystemSetting.BY_CODE, SystemSetting.class)
                .setParameter("code", code).getResultStream().findFirst()
                .orElseThrow(() -> new RecordNotFoundException("Setting", code));
        if (setting.getType() != type) {
            throw new IllegalArgumentException("Setting " + code + " is " + setting.getType() + ", not " + type);
        }
        String value = setting.isCustomized() ? setting.getCurrentValue() : setting.getDefaultValue();
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }
}
