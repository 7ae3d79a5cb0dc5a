package org.switchboard.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.security.RoleService;
import org.switchboard.core.security.RoleView;

/** The designer's list of roles (X-02, CH-06): name, description, members, operations. */
@Named
@ViewScoped
public class RolesBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private RoleService roles;

    private List<RoleView> all;

    @PostConstruct
    void load() {
        all = roles.list();
    }

    public List<RoleView> getAll() {
        return all;
    }

    /** The operations granted to the role, as one line. */
    public String operations(RoleView role) {
        return String.join(", ", role.operations());
    }
}
