package org.switchboard.web.security;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.security.RoleService;
import org.switchboard.core.security.RoleView;
import org.switchboard.core.security.UserService;
import org.switchboard.core.security.UserView;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * The designer's page of one role (X-02, CH-06): create it or change its name and description, add and remove
 * members, delete it. Removing a member and deleting ask first.
 */
@Named
@ViewScoped
public class RoleBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String LIST = "/designer/roles.xhtml";
    private static final Map<String, String> FIELDS = Map.of("name", "role:name", "description", "role:description");

    @Inject
    private RoleService roles;

    @Inject
    private UserService users;

    @Inject
    @Param
    private ParamValue<Long> id;

    private RoleView role;
    private String name;
    private String description;
    private List<UserView> candidates;
    private Long newMemberId;

    /** Loads the role of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (role != null) {
            return;
        }
        RoleView loaded = RecordPages.loadOrNew(id, roles::get, "designer_role.notFound", LIST);
        if (loaded != null) {
            show(loaded);
        }
    }

    public void save() throws IOException {
        try {
            RoleView saved = role == null ? roles.create(name, description)
                    : roles.update(role.id(), role.version(), name, description);
            Messages.addFlashGlobalInfo(role == null ? "designer_role.created" : "designer_role.saved", saved.name());
            Faces.redirect(Faces.getRequestContextPath()
                    + (role == null ? "/designer/role.xhtml?id=" + saved.id() : LIST));
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            roles.delete(role.id());
            Messages.addFlashGlobalInfo("designer_role.deleted", role.name());
            Faces.redirect(Faces.getRequestContextPath() + LIST);
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void addMember() {
        if (newMemberId == null) {
            Messages.addError("members:newMember", "validation.required");
            Faces.validationFailed();
            return;
        }
        try {
            show(roles.addMember(role.id(), newMemberId));
            newMemberId = null;
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void removeMember(long userId) {
        try {
            show(roles.removeMember(role.id(), userId));
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    private void show(RoleView view) {
        role = view;
        name = view.name();
        description = view.description();
        Set<Long> memberIds = view.members().stream().map(RoleView.Member::id).collect(Collectors.toSet());
        candidates = users.list().stream().filter(u -> !memberIds.contains(u.id())).toList();
    }

    public boolean isNew() {
        return role == null;
    }

    public RoleView getRole() {
        return role;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<UserView> getCandidates() {
        return candidates;
    }

    public Long getNewMemberId() {
        return newMemberId;
    }

    public void setNewMemberId(Long newMemberId) {
        this.newMemberId = newMemberId;
    }
}
