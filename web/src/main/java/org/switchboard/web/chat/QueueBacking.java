package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.chat.ChatQueueDraft;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsRules;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QueueOperatorView;
import org.switchboard.core.chat.QueueOperatorView.Kind;
import org.switchboard.core.common.BusinessException;
import org.switchboard.model.chat.RoutingRule;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/**
 * A chat queue's card (CH-02, CH-06, CH-13): name, routing rule, completion timeout (empty = never), and its
 * operators, users and roles, added and removed one by one. Removing an operator and deleting ask first.
 */
@Named
@ViewScoped
public class QueueBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("name", "queue:name", "routingRule", "queue:routingRule",
            ChatSettingsRules.TIMEOUT_FIELD, "queue:timeout");

    @Inject
    private ChatSettingsService settings;

    @Inject
    @Param
    private ParamValue<Long> id;

    private ChatQueueView queue;
    private List<QueueOperatorView> candidates;
    private String name;
    private RoutingRule routingRule = RoutingRule.TO_ALL;
    private String timeout;
    private Long newUserId;
    private Long newRoleId;

    /** Loads the queue of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (candidates != null) {
            return;
        }
        candidates = settings.operatorCandidates();
        ChatQueueView loaded = RecordPages.loadOrNew(id, settings::queue, "designer_queue.notFound", ChatCards.LIST);
        if (loaded != null) {
            show(loaded);
        }
    }

    public void save() throws IOException {
        try {
            // CH-13: what was typed is checked on the field before the use case.
            ChatQueueDraft draft = new ChatQueueDraft(name, routingRule,
                    ChatSettingsRules.completionTimeout(timeout));
            if (queue == null) {
                ChatQueueView created = settings.createQueue(draft);
                ChatCards.goTo("/designer/chat/queue.xhtml?id=" + created.id(), "designer_queue.created",
                        created.name());
            } else {
                ChatCards.backToList("designer_queue.saved", settings.updateQueue(queue.id(), queue.version(), draft)
                        .name());
            }
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            settings.deleteQueue(queue.id());
            ChatCards.backToList("designer_queue.deleted", queue.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public void addUser() {
        add(newUserId, Kind.USER, "operators:newUser");
    }

    public void addRole() {
        add(newRoleId, Kind.ROLE, "operators:newRole");
    }

    private void add(Long id, Kind kind, String clientId) {
        if (id == null) {
            Messages.addError(clientId, "validation.required");
            Faces.validationFailed();
            return;
        }
        List<QueueOperatorView> operators = new ArrayList<>(queue.operators());
        operators.add(new QueueOperatorView(kind, id, null));
        saveOperators(operators);
    }

    public void removeOperator(Kind kind, long id) {
        saveOperators(queue.operators().stream().filter(o -> o.kind() != kind || o.id() != id).toList());
    }

    private void saveOperators(List<QueueOperatorView> operators) {
        List<Long> userIds = operators.stream().filter(o -> o.kind() == Kind.USER).map(QueueOperatorView::id).toList();
        List<Long> roleIds = operators.stream().filter(o -> o.kind() == Kind.ROLE).map(QueueOperatorView::id).toList();
        try {
            show(settings.setOperators(queue.id(), userIds, roleIds));
            newUserId = null;
            newRoleId = null;
            Messages.addGlobalInfo("designer_queue.operatorsSaved", queue.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    private void show(ChatQueueView view) {
        queue = view;
        name = view.name();
        routingRule = view.routingRule();
        timeout = view.completionTimeoutMinutes() == null ? null : view.completionTimeoutMinutes().toString();
    }

    /** The users or roles that are not operators of the queue yet, for a picker. */
    public List<QueueOperatorView> candidates(Kind kind) {
        return candidates.stream().filter(c -> c.kind() == kind)
                .filter(c -> queue.operators().stream().noneMatch(o -> o.kind() == kind && o.id() == c.id()))
                .toList();
    }

    public boolean isNew() {
        return queue == null;
    }

    public RoutingRule[] getRoutingRules() {
        return RoutingRule.values();
    }

    public ChatQueueView getQueue() {
        return queue;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public RoutingRule getRoutingRule() {
        return routingRule;
    }

    public void setRoutingRule(RoutingRule routingRule) {
        this.routingRule = routingRule;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public Long getNewUserId() {
        return newUserId;
    }

    public void setNewUserId(Long newUserId) {
        this.newUserId = newUserId;
    }

    public Long getNewRoleId() {
        return newRoleId;
    }

    public void setNewRoleId(Long newRoleId) {
        this.newRoleId = newRoleId;
    }
}
