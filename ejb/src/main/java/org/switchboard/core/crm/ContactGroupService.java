package org.switchboard.core.crm;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.model.crm.ContactGroup;
import org.switchboard.model.crm.ContactGroupMember;
import org.switchboard.model.crm.CrmTag;
import org.switchboard.model.security.User;

/**
 * Contact groups and tags (issue 21 item 1, EC-02). Groups are the CRM's, like contacts: every signed-in user sees
 * them, makes, renames and removes them. A tag is personal (its owner alone sees and uses it), corporate or public
 * (everyone sees and uses it); a tag is removed by the user who made it. Removing a group or a tag keeps its contacts;
 * a contact sync that exported a removed group stops exporting its contacts.
 */
@Stateless
@PermitAll
public class ContactGroupService {

    private static final Logger LOG = Logger.getLogger(ContactGroupService.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    // ---------------------------------------------------------------- groups

    /** Every group, by name, with the number of its contacts. */
    public List<ContactGroupView> groups() {
        return em.createNamedQuery(ContactGroup.ALL, ContactGroup.class).getResultStream().map(this::view).toList();
    }

    public ContactGroupView createGroup(String name) {
        String checked = groupName(name, null);
        ContactGroup group = new ContactGroup(checked, OffsetDateTime.now(clock));
        em.persist(group);
        flush(checked, null);
        LOG.info(() -> "Contact group " + group.getId() + " created by " + Callers.login(context));
        return view(group);
    }

    /** Renames the group read at {@code expectedVersion}. */
    public ContactGroupView renameGroup(long id, long expectedVersion, String name) {
        ContactGroup group = findGroup(id);
        if (group.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("ContactGroup", id);
        }
        String checked = groupName(name, id);
        group.setName(checked);
        flush(checked, id);
        return view(group);
    }

    /** Removes the group; its contacts stay, and the contact syncs stop exporting it. */
    public void deleteGroup(long id) {
        ContactGroup group = findGroup(id);
        em.remove(group);
        em.flush();
        LOG.info(() -> "Contact group " + id + " deleted by " + Callers.login(context));
    }

    private String groupName(String name, Long id) {
        String checked = CrmRules.name(name, ContactGroup.NAME_MAX);
        for (ContactGroup same : em.createNamedQuery(ContactGroup.BY_NAME, ContactGroup.class)
                .setParameter("name", checked.toLowerCase(Locale.ROOT)).getResultList()) {
            if (!same.getId().equals(id)) {
                throw new InvalidInputException("validation.crm.groupExists", "name", checked);
            }
        }
        return checked;
    }

    /**
     * Writes now, so that a group given the same name at the same moment (the check above saw neither) is refused by
     * the unique key as the check refuses it, and nothing of this call is kept.
     */
    private void flush(String name, Long id) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException("ContactGroup", id);
        } catch (PersistenceException e) {
            LOG.info(() -> "Contact group " + name + " not saved, a unique key refused it: " + e);
            throw new InvalidInputException("validation.crm.groupExists", "name", name);
        }
    }

    private ContactGroup findGroup(long id) {
        ContactGroup group = em.find(ContactGroup.class, id);
        if (group == null) {
            throw new RecordNotFoundException("ContactGroup", id);
        }
        return group;
    }

    private ContactGroupView view(ContactGroup group) {
        return new ContactGroupView(group.getId(), group.getVersion(), group.getName(),
                em.createNamedQuery(ContactGroupMember.COUNT_OF_GROUP, Long.class).setParameter("groupId",
                        group.getId()).getSingleResult());
    }

    // ---------------------------------------------------------------- tags

    /** The tags the caller sees: every corporate and public one, and their own personal ones; by name. */
    public List<ContactTagView> tags() {
        User caller = caller();
        return em.createNamedQuery(CrmTag.VISIBLE, CrmTag.class).setParameter("userId", caller.getId())
                .setParameter("personal", CrmTag.Kind.PERSONAL).getResultStream().map(t -> view(t, caller))
                .toList();
    }

    /** Makes a tag of the kind (PERSONAL when none is given); the caller owns it. */
    public ContactTagView createTag(String name, String kind) {
        User caller = caller();
        String checked = CrmRules.name(name, CrmTag.NAME_MAX);
        CrmTag.Kind chosen = kind(kind);
        if (!em.createNamedQuery(CrmTag.SAME, CrmTag.class).setParameter("name", checked.toLowerCase(Locale.ROOT))
                .setParameter("kind", chosen).setParameter("personal", CrmTag.Kind.PERSONAL)
                .setParameter("userId", caller.getId()).getResultList().isEmpty()) {
            throw new InvalidInputException("validation.crm.tagExists", "name", checked);
        }
        CrmTag tag = new CrmTag(checked, chosen, caller.getId());
        em.persist(tag);
        em.flush();
        return view(tag, caller);
    }

    /** Removes a tag the caller made; its contacts stay. */
    public void deleteTag(long id) {
        User caller = caller();
        CrmTag tag = em.find(CrmTag.class, id);
        if (tag == null || !tag.visibleTo(caller.getId())) {
            throw new RecordNotFoundException("ContactTag", id);
        }
        if (!caller.getId().equals(tag.getOwnerId())) {
            throw new RuleViolationException("error.crm.tagNotYours", null, tag.getName());
        }
        em.remove(tag);
        em.flush();
    }

    private static CrmTag.Kind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return CrmTag.Kind.PERSONAL;
        }
        try {
            return CrmTag.Kind.valueOf(kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation.json.choice", "kind", "PERSONAL, CORPORATE, PUBLIC");
        }
    }

    private ContactTagView view(CrmTag tag, User caller) {
        return new ContactTagView(tag.getId(), tag.getVersion(), tag.getName(), tag.getKind().name(),
                caller.getId().equals(tag.getOwnerId()), em.createNamedQuery(CrmTag.COUNT_OF_TAG, Long.class)
                        .setParameter("tagId", tag.getId()).getSingleResult());
    }

    private User caller() {
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", Callers.login(context))
                .getResultStream().findFirst()
                .orElseThrow(() -> new RuleViolationException("error.crm.noUser", null, Callers.login(context)));
    }
}
