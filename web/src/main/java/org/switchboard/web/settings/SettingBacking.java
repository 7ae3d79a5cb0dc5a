package org.switchboard.web.settings;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.primefaces.model.file.UploadedFile;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.settings.SettingService;
import org.switchboard.core.settings.SettingView;
import org.switchboard.model.settings.SettingFile;
import org.switchboard.model.settings.SettingType;
import org.switchboard.web.common.UiErrors;

/**
 * The designer's page of one system setting: its title, code and default value; an editor for its type;
 * Save, Restore default, and for files Choose file and Clear value (CH-09). Refusals show on the editor.
 */
@Named
@ViewScoped
public class SettingBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/designer/settings.xhtml";

    @Inject
    private SettingService settings;

    @Inject
    @Param
    private String code;

    private SettingView setting;
    private String value;
    private boolean flag;
    private LocalDate date;
    private String secret;
    private transient UploadedFile file;

    /** Loads the setting named by the page's {@code code} parameter; an unknown one goes back to the list. */
    public void load() throws IOException {
        if (setting != null) {
            return;
        }
        try {
            setting = settings.get(code);
        } catch (RecordNotFoundException e) {
            Messages.addFlashGlobalError("setting.notFound", code);
            Faces.redirect(Faces.getRequestContextPath() + LIST);
            return;
        }
        String current = setting.effective();
        switch (setting.type()) {
            case BOOLEAN -> flag = "true".equals(current);
            case DATE -> date = current == null || current.isEmpty() ? null : LocalDate.parse(current);
            case SECRET, FILE -> value = null;
            default -> value = current;
        }
    }

    public void save() throws IOException {
        String typed = switch (setting.type()) {
            case BOOLEAN -> Boolean.toString(flag);
            case DATE -> date == null ? "" : date.toString();
            case SECRET -> secret;
            default -> value;
        };
        try {
            SettingView saved = settings.update(code, typed, setting.version());
            done(saved);
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("value", "setting:" + editorId()));
        }
    }

    public void restoreDefault() throws IOException {
        try {
            done(settings.restoreDefault(code, setting.version()));
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    /** Clears the value: no file at all for a FILE (no sound), an empty secret for a SECRET. */
    public void clear() throws IOException {
        try {
            done(setting.type() == SettingType.FILE ? settings.clearFile(code, setting.version())
                    : settings.update(code, "", setting.version()));
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void upload() throws IOException {
        if (file == null || file.getSize() == 0) {
            Messages.addError("file:file", "validation.setting.fileEmpty");
            Faces.validationFailed();
            return;
        }
        try {
            done(settings.uploadFile(code, file.getFileName(), file.getContent(), setting.version()));
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("value", "file:file"));
        }
    }

    private void done(SettingView saved) throws IOException {
        Messages.addFlashGlobalInfo("setting.saved", saved.code());
        Faces.redirect(Faces.getRequestContextPath() + LIST);
    }

    /** The id of the input that edits this setting's type, where its messages show. */
    public String editorId() {
        return switch (setting.type()) {
            case BOOLEAN -> "flag";
            case DATE -> "date";
            case SECRET -> "secret";
            default -> "value";
        };
    }

    public String getDisplayDefault() {
        return setting.type() == SettingType.SECRET ? ""
                : SettingsBacking.display(setting.type(), setting.defaultValue(), true);
    }

    public boolean isSecretSet() {
        return setting.type() == SettingType.SECRET && setting.effective() != null && !setting.effective().isEmpty();
    }

    /** For a FILE setting, whether a file applies (an upload or the shipped default) and can be played. */
    public boolean isFilePresent() {
        return setting.type() == SettingType.FILE && setting.effective() != null && !setting.effective().isEmpty();
    }

    public String getCode() {
        return code;
    }

    public SettingView getSetting() {
        return setting;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public boolean isFlag() {
        return flag;
    }

    public void setFlag(boolean flag) {
        this.flag = flag;
    }

    public LocalDate getDate() {
        return date;
    }

    public void setDate(LocalDate date) {
        this.date = date;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** The largest file a setting may hold, checked in the browser before the upload. */
    public int getFileMaxBytes() {
        return SettingFile.CONTENT_MAX;
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }
}
