package org.switchboard.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;

/** The designer's list of users: login, name, e-mail, roles, enabled, last sign-in. */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private UserService users;

    private List<UserView> all;

    @PostConstruct
    void load() {
        all = users.list();
    }

    public List<UserView> getAll() {
        return all;
    }

    /** The user's roles as one line. */
    public String roles(UserView user) {
        return String.join(", ", user.roles().stream().map(UserView.RoleRef::name).toList());
    }
}
