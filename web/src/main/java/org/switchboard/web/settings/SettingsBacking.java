package org.switchboard.web.settings;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.util.Faces;
import org.switchboard.core.settings.SettingService;
import org.switchboard.core.settings.SettingView;
import org.switchboard.model.settings.SettingType;
import org.switchboard.web.common.Texts;

/** The designer's list of system settings: name, code, type, the value that applies and its default. */
@Named
@ViewScoped
public class SettingsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private SettingService settings;

    private List<SettingView> all;

    @PostConstruct
    void load() {
        all = settings.list();
    }

    public List<SettingView> getAll() {
        return all;
    }

    /** The value that applies, as the viewer reads it: Yes/No, a masked secret, a file name, or "not set". */
    public String display(SettingView setting) {
        return display(setting.type(), setting.effective(), !setting.customized());
    }

    /** A default value as the viewer reads it. */
    public String displayDefault(SettingView setting) {
        return setting.type() == SettingType.SECRET ? "" : display(setting.type(), setting.defaultValue(), true);
    }

    static String display(SettingType type, String value, boolean isDefault) {
        java.util.Locale locale = Faces.getLocale();
        if (value == null || value.isEmpty()) {
            return Texts.format(locale, type == SettingType.FILE && !isDefault ? "setting.value.cleared"
                    : "setting.value.empty");
        }
        return switch (type) {
            case BOOLEAN -> Texts.format(locale, "true".equals(value) ? "value.yes" : "value.no");
            default -> value;
        };
    }
}
