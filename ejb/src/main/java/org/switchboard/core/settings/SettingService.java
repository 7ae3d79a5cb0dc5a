package org.switchboard.core.settings;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.FileSignatures;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.settings.SettingFile;
import org.switchboard.model.settings.SettingType;
import org.switchboard.model.settings.SystemSetting;

/**
 * The administrators' use cases on system settings: list, change with typed validation, restore the
 * default, upload or clear a file. Secrets are encrypted before they are stored and are never returned. Every change
 * publishes {@link SettingChanged} on the events topic.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class SettingService {

    private static final Logger LOG = Logger.getLogger(SettingService.class.getName());
    private static final String DEFAULTS = "/org/switchboard/core/settings/defaults/";
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "mp3", "audio/mpeg", "wav", "audio/wav", "ogg", "audio/ogg");

    @PersistenceContext
    private EntityManager em;

    @Inject
    private SecretCipher cipher;

    @Inject
    private EventOutbox events;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    public List<SettingView> list() {
        return em.createNamedQuery(SystemSetting.ALL, SystemSetting.class).getResultList().stream()
                .map(SettingView::of).toList();
    }

    public SettingView get(String code) {
        return SettingView.of(find(code));
    }

    /**
     * Sets the value an administrator typed.
     *
     * @param expectedVersion the version the administrator saw, or {@code null} to overwrite whatever is there
     * @throws InvalidInputException   on field {@code value} when it does not fit the setting's type
     * @throws ConcurrentChangeException when someone else changed the setting since {@code expectedVersion}
     */
    public SettingView update(String code, String rawValue, Long expectedVersion) {
        SystemSetting setting = find(code);
        checkVersion(setting, expectedVersion);
        String value = SettingRules.of(setting).normalize(rawValue);
        String stored = setting.getType() == SettingType.SECRET && !value.isEmpty() ? cipher.encrypt(value) : value;
        setting.setCurrentValue(stored, OffsetDateTime.now(clock), Callers.login(context));
        return changed(setting);
    }

    /**
     * Fills a TEXT setting that is empty with a value the application derived (TG-01: {@code SiteUrl} from the address
     * the administrator uses when the first channel needs it), as a change by the caller, with its
     * {@code SettingChanged}; a setting that has a value is left as it is. For the application's own services: no
     * screen or endpoint offers it, so the caller needs no administration right of their own.
     *
     * @return the value that applies afterwards
     * @throws InvalidInputException when the value does not fit the setting (an http address for {@code SiteUrl})
     */
    @PermitAll
    public String fillEmpty(String code, String rawValue) {
        SystemSetting setting = find(code);
        SettingView current = SettingView.of(setting);
        if (current.effective() != null && !current.effective().isEmpty()) {
            return current.effective();
        }
        String value = SettingRules.of(setting).normalize(rawValue);
        setting.setCurrentValue(value, OffsetDateTime.now(clock), Callers.login(context));
        LOG.info(() -> code + " was empty and is now " + value);
        return changed(setting).effective();
    }

    /** Forgets the administrator's value (and file): the shipped default applies again. */
    public SettingView restoreDefault(String code, Long expectedVersion) {
        SystemSetting setting = find(code);
        checkVersion(setting, expectedVersion);
        removeFile(setting);
        setting.setCurrentValue(null, OffsetDateTime.now(clock), Callers.login(context));
        return changed(setting);
    }

    /** Replaces a FILE setting's file (CH-09: the new-chat sound). */
    public SettingView uploadFile(String code, String fileName, byte[] content, Long expectedVersion) {
        SystemSetting setting = find(code);
        checkVersion(setting, expectedVersion);
        String name = baseName(fileName);
        SettingRules.of(setting).checkFile(name, content == null ? 0 : content.length, SettingFile.CONTENT_MAX);
        if (FileSignatures.known(contentType(name)) && !FileSignatures.matches(contentType(name), content)) {
            // Issue 18: the file is served inline under the type its name gives; its content must agree.
            throw new InvalidInputException("validation.setting.fileContent", SettingRules.FIELD,
                    name.substring(name.lastIndexOf('.') + 1));
        }
        SettingFile file = em.find(SettingFile.class, setting.getId());
        if (file == null) {
            file = new SettingFile(setting.getId());
            file.replace(name, contentType(name), content);
            em.persist(file);
        } else {
            file.replace(name, contentType(name), content);
        }
        setting.setCurrentValue(name, OffsetDateTime.now(clock), Callers.login(context));
        return changed(setting);
    }

    /** Clears a FILE setting: no file at all, not even the default (CH-09: no sound). */
    public SettingView clearFile(String code, Long expectedVersion) {
        SystemSetting setting = find(code);
        checkVersion(setting, expectedVersion);
        if (setting.getType() != SettingType.FILE) {
            throw new InvalidInputException("validation.setting.notFile", SettingRules.FIELD);
        }
        removeFile(setting);
        setting.setCurrentValue("", OffsetDateTime.now(clock), Callers.login(context));
        return changed(setting);
    }

    /**
     * The file that applies for a FILE setting, for every signed-in user (the panel plays the new-chat sound).
     *
     * @throws RecordNotFoundException when the setting was cleared or is not a FILE
     */
    @PermitAll
    public SettingFileContent file(String code) {
        SystemSetting setting = find(code);
        if (setting.getType() != SettingType.FILE) {
            throw new RecordNotFoundException("File", code);
        }
        String current = setting.getCurrentValue();
        if (current == null) {
            return shippedDefault(setting);
        }
        SettingFile file = em.find(SettingFile.class, setting.getId());
        if (current.isEmpty() || file == null) {
            throw new RecordNotFoundException("File", code);
        }
        return new SettingFileContent(file.getFileName(), file.getContentType(), file.getContent(), false);
    }

    private SettingFileContent shippedDefault(SystemSetting setting) {
        String name = setting.getDefaultValue();
        if (name == null || name.isEmpty()) {
            throw new RecordNotFoundException("File", setting.getCode());
        }
        try (InputStream in = SettingService.class.getResourceAsStream(DEFAULTS + name)) {
            if (in == null) {
                throw new RecordNotFoundException("File", setting.getCode());
            }
            return new SettingFileContent(name, contentType(name), in.readAllBytes(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SettingView changed(SystemSetting setting) {
        em.flush();
        String actor = Callers.login(context);
        SettingView view = SettingView.of(setting);
        boolean valueSet = view.effective() != null && !view.effective().isEmpty();
        events.record(new SettingChanged(setting.getCode(), setting.getType(), view.customized(), view.effective(),
                valueSet), actor);
        LOG.info(() -> "Setting " + setting.getCode() + " changed by " + actor);
        return view;
    }

    private void removeFile(SystemSetting setting) {
        SettingFile file = em.find(SettingFile.class, setting.getId());
        if (file != null) {
            em.remove(file);
        }
    }

    private static void checkVersion(SystemSetting setting, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != setting.getVersion()) {
            throw new ConcurrentChangeException("Setting", setting.getCode());
        }
    }

    private SystemSetting find(String code) {
        return em.createNamedQuery(SystemSetting.BY_CODE, SystemSetting.class).setParameter("code", code)
                .getResultStream().findFirst()
                .orElseThrow(() -> new RecordNotFoundException("Setting", code));
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).trim();
    }

    private static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
