package org.switchboard.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;
import org.switchboard.web.common.UiErrors;

/** The signed-in user's profile page: their account, their UI language and their password. */
@Named
@ViewScoped
public class ProfileBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private UserService users;

    @Inject
    private LocaleBacking locale;

    private UserView me;
    private String language;
    private String currentPassword;
    private String newPassword;

    @PostConstruct
    void load() {
        me = users.me();
        language = locale.getLanguage();
    }

    public void saveLanguage() throws IOException {
        locale.choose(language, Faces.getResponse());
        Messages.addFlashGlobalInfo("profile.languageSaved");
        Faces.redirect(Faces.getRequestContextPath() + "/profile.xhtml");
    }

    public void changePassword() {
        try {
            int generation = users.changeOwnPassword(currentPassword, newPassword);
            SwitchboardAuthenticationMechanism.remember(Faces.getSession(), Faces.getRemoteUser(), generation);
            Messages.addGlobalInfo("profile.passwordChanged");
            currentPassword = null;
            newPassword = null;
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("currentPassword", "password:current", "newPassword", "password:newPassword"));
        }
    }

    public UserView getMe() {
        return me;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getCurrentPassword() {
        return currentPassword;
    }

    public void setCurrentPassword(String currentPassword) {
        this.currentPassword = currentPassword;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
