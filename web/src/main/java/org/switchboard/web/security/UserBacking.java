package org.switchboard.web.security;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.security.RoleService;
import org.switchboard.core.security.RoleView;
import org.switchboard.core.security.UserDraft;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * The designer's page of one user: create one, or edit their name, e-mail, language, roles; reset their
 * password; disable or enable them (asking first before disabling).
 */
@Named
@ViewScoped
public class UserBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/designer/users.xhtml";
    private static final Map<String, String> FIELDS = Map.of("login", "user:login", "displayName", "user:displayName",
            "email", "user:email", "password", "user:password", "locale", "user:locale", "roleIds", "user:roles",
            "enabled", "user:enabled");

    @Inject
    private UserService users;

    @Inject
    private RoleService roleService;

    @Inject
    @Param
    private ParamValue<Long> id;

    private UserView user;
    private List<RoleView> roles;
    private String login;
    private String displayName;
    private String email;
    private String password;
    private String locale;
    private boolean enabled = true;
    private List<Long> roleIds = new ArrayList<>();
    private String newPassword;

    /** Loads the user of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (roles != null) {
            return;
        }
        roles = roleService.list();
        UserView loaded = RecordPages.loadOrNew(id, users::get, "designer_user.notFound", LIST);
        if (loaded != null) {
            show(loaded);
        }
    }

    public void save() throws IOException {
        UserDraft draft = new UserDraft(login, displayName, email, password, enabled, locale, new HashSet<>(roleIds));
        try {
            UserView saved = user == null ? users.create(draft) : users.update(user.id(), user.version(), draft);
            Messages.addFlashGlobalInfo(user == null ? "designer_user.created" : "designer_user.saved", saved.login());
            Faces.redirect(Faces.getRequestContextPath() + LIST);
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void resetPassword() {
        try {
            users.resetPassword(user.id(), newPassword);
            newPassword = null;
            Messages.addGlobalInfo("designer_user.passwordReset", user.login());
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("password", "reset:newPassword"));
        }
    }

    public void toggleEnabled() {
        try {
            show(users.setEnabled(user.id(), !user.enabled()));
            Messages.addGlobalInfo(user.enabled() ? "designer_user.enabledNow" : "designer_user.disabledNow",
                    user.login());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    private void show(UserView view) {
        user = view;
        login = view.login();
        displayName = view.displayName();
        email = view.email();
        locale = view.locale();
        enabled = view.enabled();
        roleIds = new ArrayList<>(view.roles().stream().map(UserView.RoleRef::id).toList());
    }

    public boolean isNew() {
        return user == null;
    }

    public UserView getUser() {
        return user;
    }

    public List<RoleView> getRoles() {
        return roles;
    }

    public String getLogin() {
        return login;
    }

    public void setLogin(String login) {
        this.login = login;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<Long> getRoleIds() {
        return roleIds;
    }

    public void setRoleIds(List<Long> roleIds) {
        this.roleIds = roleIds;
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }
}
