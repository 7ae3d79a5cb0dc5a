package org.switchboard.web.security;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.omnifaces.cdi.Param;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.security.GrantView;
import org.switchboard.core.security.HolderView;
import org.switchboard.core.security.OperationService;
import org.switchboard.core.security.OperationView;
import org.switchboard.core.security.RoleService;
import org.switchboard.core.security.RoleView;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;
import org.switchboard.web.common.UiErrors;

/**
 * The designer's page of one system operation: its grants, granting it to a user or a role, revoking a grant
 * (asking first), and every user who holds it and how.
 */
@Named
@ViewScoped
public class OperationBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private OperationService operations;

    @Inject
    private UserService users;

    @Inject
    private RoleService roles;

    @Inject
    @Param
    private String code;

    private OperationView operation;
    private List<HolderView> holders;
    private List<UserView> allUsers;
    private List<RoleView> allRoles;
    private String granteeType = GrantView.ROLE;
    private Long userId;
    private Long roleId;

    /** Loads the operation of the page's {@code code} parameter; an unknown one goes back to the list. */
    public void load() throws IOException {
        if (operation != null) {
            return;
        }
        try {
            refresh();
            allUsers = users.list();
            allRoles = roles.list().stream().filter(r -> !r.systemRole()).toList();
        } catch (RecordNotFoundException e) {
            Messages.addFlashGlobalError("designer_operation.notFound", code);
            Faces.redirect(Faces.getRequestContextPath() + "/designer/operations.xhtml");
        }
    }

    public void grant() {
        Long grantee = GrantView.USER.equals(granteeType) ? userId : roleId;
        if (grantee == null) {
            Messages.addError(GrantView.USER.equals(granteeType) ? "grant:user" : "grant:role", "validation.required");
            Faces.validationFailed();
            return;
        }
        try {
            GrantView grant = GrantView.USER.equals(granteeType) ? operations.grantToUser(code, grantee)
                    : operations.grantToRole(code, grantee);
            Messages.addGlobalInfo("designer_operation.granted", code, grant.granteeName());
            userId = null;
            roleId = null;
            refresh();
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void revoke(GrantView grant) {
        try {
            operations.revoke(grant.id());
            Messages.addGlobalInfo("designer_operation.revoked", code, grant.granteeName());
            refresh();
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    private void refresh() {
        operation = operations.get(code);
        holders = operations.holders(code);
    }

    public String getCode() {
        return code;
    }

    public OperationView getOperation() {
        return operation;
    }

    public List<HolderView> getHolders() {
        return holders;
    }

    public List<UserView> getAllUsers() {
        return allUsers;
    }

    public List<RoleView> getAllRoles() {
        return allRoles;
    }

    public String getGranteeType() {
        return granteeType;
    }

    public void setGranteeType(String granteeType) {
        this.granteeType = granteeType;
    }

    public Long getUserId() {
        return userId;
    }

    public void setUserId(Long userId) {
        this.userId = userId;
    }

    public Long getRoleId() {
        return roleId;
    }

    public void setRoleId(Long roleId) {
        this.roleId = roleId;
    }
}
