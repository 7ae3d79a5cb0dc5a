package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ChannelIntegrations;
import org.switchboard.core.chat.ChatSettingsChanged.Change;
import org.switchboard.core.chat.ChatSettingsChanged.Kind;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAction;
import org.switchboard.model.chat.ChatQueue;
import org.switchboard.model.chat.ChatQueueOperator;
import org.switchboard.model.chat.QuickReply;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * The designer's "Chat settings" (CH-01): chat queues with their operators (CH-02, CH-06, CH-13), channels (CH-10,
 * CH-11, CH-14, CH-15), chat actions (CH-07) and quick replies (CH-11). Only holders of {@code CanManageChats} (and
 * administrators, who hold every operation) may read or change them. Every change publishes a
 * {@link ChatSettingsChanged}.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_CHATS)
public class ChatSettingsService {

    private static final Logger LOG = Logger.getLogger(ChatSettingsService.class.getName());
    private static final String QUEUE_FIELD = "queueId";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private ChatProcesses processes;

    @Inject
    private ChatDirectory directory;

    @Inject
    private Clock clock;

    @Inject
    private ChannelIntegrations integrations;

    @Inject
    private ChannelAdapters adapters;

    @Resource
    private SessionContext context;

    // Chat queues (CH-02, CH-06, CH-13)

    public List<ChatQueueView> queues() {
        Map<Long, List<QueueOperatorView>> operators = em.createNamedQuery(ChatQueueOperator.NAMES, Object[].class)
                .getResultList().stream()
                .collect(Collectors.groupingBy(row -> (Long) row[0],
                        Collectors.mapping(ChatSettingsService::operator, Collectors.toList())));
        return em.createNamedQuery(ChatQueue.ALL, ChatQueue.class).getResultList().stream()
                .map(q -> view(q, operators.getOrDefault(q.getId(), List.of())))
                .toList();
    }

    public ChatQueueView queue(long id) {
        return view(find(ChatQueue.class, id));
    }

    public ChatQueueView createQueue(ChatQueueDraft draft) {
        ChatQueue queue = new ChatQueue();
        applyQueue(queue, draft);
        queue.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(queue);
        em.flush();
        publish(Kind.QUEUE, queue.getId(), queue.getName(), Change.CREATED);
        return view(queue);
    }

    public ChatQueueView updateQueue(long id, long expectedVersion, ChatQueueDraft draft) {
        ChatQueue queue = find(ChatQueue.class, id);
        checkVersion("ChatQueue", id, queue.getVersion(), expectedVersion);
        applyQueue(queue, draft);
        em.flush();
        publish(Kind.QUEUE, id, queue.getName(), Change.UPDATED);
        return view(queue);
    }

    /**
     * Deletes a queue with its operator entries. Refused while a channel or a chat action names it, or a chat (even a
     * completed one: the history stays, CH-12) was routed through it.
     */
    public void deleteQueue(long id) {
        ChatQueue queue = find(ChatQueue.class, id);
        List<String> channels = em.createNamedQuery(Channel.NAMES_OF_QUEUE, String.class)
                .setParameter("queueId", id).getResultList();
        if (!channels.isEmpty()) {
            throw new RuleViolationException("error.chatQueue.usedByChannels", null, queue.getName(),
                    String.join(", ", channels));
        }
        List<String> actions = em.createNamedQuery(ChatAction.OF_QUEUE, ChatAction.class)
                .setParameter("queueId", id).getResultList().stream().map(ChatAction::getTitle).toList();
        if (!actions.isEmpty()) {
            throw new RuleViolationException("error.chatQueue.usedByActions", null, queue.getName(),
                    String.join(", ", actions));
        }
        long chats = em.createNamedQuery(Chat.COUNT_BY_QUEUE, Long.class).setParameter("queueId", id)
                .getSingleResult();
        if (chats > 0) {
            throw new RuleViolationException("error.chatQueue.hasChats", null, queue.getName(), Long.toString(chats));
        }
        em.remove(queue);
        publish(Kind.QUEUE, id, queue.getName(), Change.DELETED);
    }

    /**
     * Makes exactly these users and roles the queue's operators (CH-06). Entries that stay are kept as they are, so
     * that a repeated call changes nothing.
     */
    public ChatQueueView setOperators(long id, List<Long> userIds, List<Long> roleIds) {
        ChatQueue queue = em.createNamedQuery(ChatQueue.WITH_OPERATORS, ChatQueue.class).setParameter("id", id)
                .getResultStream().findFirst().orElseThrow(() -> new RecordNotFoundException("ChatQueue", id));
        Set<Long> users = distinct(userIds);
        Set<Long> roles = distinct(roleIds);
        List<User> newUsers = new ArrayList<>();
        for (Long userId : users) {
            User user = em.find(User.class, userId);
            if (user == null) {
                throw new InvalidInputException("validation.chatQueue.unknownUser", "userIds", userId.toString());
            }
            newUsers.add(user);
        }
        List<Role> newRoles = new ArrayList<>();
        for (Long roleId : roles) {
            Role role = em.find(Role.class, roleId);
            if (role == null) {
                throw new InvalidInputException("validation.chatQueue.unknownRole", "roleIds", roleId.toString());
            }
            newRoles.add(role);
        }
        boolean removed = queue.getOperators().removeIf(o -> o.getUser() != null
                ? !users.contains(o.getUser().getId()) : !roles.contains(o.getRole().getId()));
        Set<Long> keptUsers = queue.getOperators().stream().filter(o -> o.getUser() != null)
                .map(o -> o.getUser().getId()).collect(Collectors.toSet());
        Set<Long> keptRoles = queue.getOperators().stream().filter(o -> o.getRole() != null)
                .map(o -> o.getRole().getId()).collect(Collectors.toSet());
        List<ChatQueueOperator> added = Stream.concat(
                newUsers.stream().filter(u -> !keptUsers.contains(u.getId())).map(u -> ChatQueueOperator.user(queue, u)),
                newRoles.stream().filter(r -> !keptRoles.contains(r.getId())).map(r -> ChatQueueOperator.role(queue, r)))
                .toList();
        queue.getOperators().addAll(added);
        if (removed || !added.isEmpty()) {
            em.flush();
            publish(Kind.QUEUE, id, queue.getName(), Change.OPERATORS_CHANGED);
            directory.forgetQueue(id);
        }
        return view(queue);
    }

    /** The enabled users, then the roles, that can be made operators of a queue (CH-06). */
    public List<QueueOperatorView> operatorCandidates() {
        Stream<QueueOperatorView> users = em.createNamedQuery(User.ALL, User.class).getResultStream()
                .filter(User::isEnabled)
                .map(u -> new QueueOperatorView(QueueOperatorView.Kind.USER, u.getId(), u.getLogin()));
        Stream<QueueOperatorView> roles = em.createNamedQuery(Role.ALL, Role.class).getResultStream()
                .map(r -> new QueueOperatorView(QueueOperatorView.Kind.ROLE, r.getId(), r.getName()));
        return Stream.concat(users, roles).toList();
    }

    private void applyQueue(ChatQueue queue, ChatQueueDraft draft) {
        ChatQueueDraft given = draft == null ? new ChatQueueDraft(null, null, null) : draft;
        String name = ChatSettingsRules.required(given.name(), "name", ChatQueue.NAME_MAX);
        boolean taken = em.createNamedQuery(ChatQueue.BY_NAME, ChatQueue.class).setParameter("name", name)
                .getResultStream().anyMatch(other -> !other.getId().equals(queue.getId()));
        if (taken) {
            throw new RuleViolationException("error.chatQueue.nameTaken", "name", name);
        }
        if (given.routingRule() == null) {
            throw new InvalidInputException("validation.required", "routingRule");
        }
        queue.setName(name);
        queue.setRoutingRule(given.routingRule());
        queue.setCompletionTimeoutMinutes(ChatSettingsRules.completionTimeout(given.completionTimeoutMinutes()));
    }

    private ChatQueueView view(ChatQueue queue) {
        List<QueueOperatorView> operators = em.createNamedQuery(ChatQueueOperator.NAMES_OF_QUEUE, Object[].class)
                .setParameter("queueId", queue.getId()).getResultList().stream()
                .map(ChatSettingsService::operator).toList();
        return view(queue, operators);
    }

    private static ChatQueueView view(ChatQueue queue, List<QueueOperatorView> operators) {
        List<QueueOperatorView> sorted = operators.stream()
                .sorted(Comparator.comparing(QueueOperatorView::kind).thenComparing(QueueOperatorView::name,
                        String.CASE_INSENSITIVE_ORDER))
                .toList();
        return new ChatQueueView(queue.getId(), queue.getVersion(), queue.getName(), queue.getRoutingRule(),
                queue.getCompletionTimeoutMinutes(), sorted);
    }

    /** A row of {@link ChatQueueOperator#NAMES}: {queue id, user id, login, role id, role name}. */
    private static QueueOperatorView operator(Object[] row) {
        return row[1] != null
                ? new QueueOperatorView(QueueOperatorView.Kind.USER, (Long) row[1], (String) row[2])
                : new QueueOperatorView(QueueOperatorView.Kind.ROLE, (Long) row[3], (String) row[4]);
    }

    /** The queue a channel or an action names (CH-14: required). */
    private ChatQueue referencedQueue(Long queueId) {
        if (queueId == null) {
            throw new InvalidInputException("validation.chat.queueRequired", QUEUE_FIELD);
        }
        ChatQueue queue = em.find(ChatQueue.class, queueId);
        if (queue == null) {
            throw new InvalidInputException("validation.chat.unknownQueue", QUEUE_FIELD, queueId.toString());
        }
        return queue;
    }

    // Channels (CH-10, CH-11, CH-14, CH-15)

    /** The providers a channel can be created for now (CH-15); the others arrive with their integrations. */
    public List<ChannelProvider> availableProviders() {
        return adapters.offered();
    }

    /** Whether a new channel of this provider is made from its card, rather than by signing in (FB-02). */
    public boolean createdFromCard(ChannelProvider provider) {
        return !adapters.has(provider) || adapters.of(provider).createdFromCard();
    }

    /** FB-07: whether the provider's channels can be checked for their access ("Check now" on the card). */
    public boolean checksAccess(ChannelProvider provider) {
        return adapters.has(provider) && adapters.of(provider).checksAccess();
    }

    /** The languages of channels and quick replies (CH-11). */
    public List<String> languages() {
        return ChatSettingsRules.LANGUAGES;
    }

    public List<ChannelView> channels() {
        return em.createNamedQuery(Channel.ALL, Channel.class).getResultList().stream()
                .map(this::channelView).toList();
    }

    /** FB-07: the channels flagged because their messenger no longer takes their messages, by name. */
    public List<ChannelView> flaggedChannels() {
        return em.createNamedQuery(Channel.FLAGGED, Channel.class).getResultList().stream().map(this::channelView)
                .toList();
    }

    public ChannelView channel(long id) {
        return channelView(find(Channel.class, id));
    }

    public ChannelView createChannel(ChannelDraft draft) {
        return createChannel(draft, null);
    }

    /**
     * Creates a channel; a Telegram or WhatsApp channel only once its provider took it (TG-03, WA-05).
     *
     * @param requestBaseUrl the address the administrator uses (scheme, host, application path): fills an empty
     *                       {@code SiteUrl} for the provider's webhook (TG-01)
     */
    public ChannelView createChannel(ChannelDraft draft, String requestBaseUrl) {
        ChannelDraft given = draft == null ? new ChannelDraft(null, null, true, null, null) : draft;
        Channel channel = new Channel(ChatSettingsRules.provider(given.provider(), adapters.offered()));
        applyChannel(channel, given);
        channel.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(channel);
        integrations.saving(channel, true, false, given, requestBaseUrl);
        flushChannel(channel);
        publish(Kind.CHANNEL, channel.getId(), channel.getName(), Change.CREATED);
        return channelView(channel);
    }

    public ChannelView updateChannel(long id, long expectedVersion, ChannelDraft draft) {
        return updateChannel(id, expectedVersion, draft, null);
    }

    /**
     * Changes a channel's name, state, queue, language and provider settings; its provider stays what it was created
     * with. Activating or deactivating a Telegram channel registers or removes its webhook (TG-03).
     */
    public ChannelView updateChannel(long id, long expectedVersion, ChannelDraft draft, String requestBaseUrl) {
        Channel channel = find(Channel.class, id);
        checkVersion("Channel", id, channel.getVersion(), expectedVersion);
        boolean wasActive = channel.isActive();
        ChannelDraft given = draft == null ? new ChannelDraft(null, null, true, null, null) : draft;
        applyChannel(channel, given);
        integrations.saving(channel, false, wasActive, given, requestBaseUrl);
        flushChannel(channel);
        publish(Kind.CHANNEL, id, channel.getName(), Change.UPDATED);
        return channelView(channel);
    }

    /** Deletes a channel that never had a chat (CH-10); one with chats is to be deactivated instead. */
    public void deleteChannel(long id) {
        Channel channel = find(Channel.class, id);
        long chats = em.createNamedQuery(Chat.COUNT_BY_CHANNEL, Long.class).setParameter("channelId", id)
                .getSingleResult();
        if (chats > 0) {
            throw new RuleViolationException("error.channel.hasChats", null, channel.getName());
        }
        integrations.deleting(channel);
        em.remove(channel);
        publish(Kind.CHANNEL, id, channel.getName(), Change.DELETED);
    }

    /**
     * Writes the channel now, so that a channel saved meanwhile with the same name or provider account (two
     * administrators connecting one Facebook page at the same moment, FB-04) is refused by the unique keys with a
     * clear message, and nothing of this save is kept.
     */
    private void flushChannel(Channel channel) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentChangeException("Channel", channel.getId());
        } catch (PersistenceException e) {
            LOG.info(() -> "Channel " + channel.getName() + " not saved, a unique key refused it: " + e);
            throw new RuleViolationException("error.channel.savedMeanwhile", null, channel.getName());
        }
    }

    private void applyChannel(Channel channel, ChannelDraft draft) {
        String name = ChatSettingsRules.required(draft.name(), "name", Channel.NAME_MAX);
        boolean taken = em.createNamedQuery(Channel.BY_NAME, Channel.class).setParameter("name", name)
                .getResultStream().anyMatch(other -> !other.getId().equals(channel.getId()));
        if (taken) {
            throw new RuleViolationException("error.channel.nameTaken", "name", name);
        }
        ChatQueue queue = referencedQueue(draft.queueId());
        String language = ChatSettingsRules.language(draft.language());
        channel.setName(name);
        channel.setActive(draft.active());
        channel.setQueue(queue);
        channel.setLanguage(language);
    }

    private ChannelView channelView(Channel channel) {
        return new ChannelView(channel.getId(), channel.getVersion(), channel.getProvider(), channel.getName(),
                channel.isActive(), channel.getQueue().getId(), channel.getQueue().getName(), channel.getLanguage(),
                integrations.visible(channel), channel.getFlagReason(), channel.getFlaggedAt());
    }

    // Chat actions (CH-07)

    /** The names of the processes a chat action can start (CH-07). */
    public List<String> processes() {
        return processes.names();
    }

    public List<ChatActionView> actions() {
        return em.createNamedQuery(ChatAction.ALL, ChatAction.class).getResultList().stream()
                .map(ChatSettingsService::view).toList();
    }

    public ChatActionView action(long id) {
        return view(find(ChatAction.class, id));
    }

    public ChatActionView createAction(ChatActionDraft draft) {
        ChatAction action = new ChatAction();
        applyAction(action, draft);
        action.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(action);
        em.flush();
        publish(Kind.ACTION, action.getId(), action.getTitle(), Change.CREATED);
        return view(action);
    }

    public ChatActionView updateAction(long id, long expectedVersion, ChatActionDraft draft) {
        ChatAction action = find(ChatAction.class, id);
        checkVersion("ChatAction", id, action.getVersion(), expectedVersion);
        applyAction(action, draft);
        em.flush();
        publish(Kind.ACTION, id, action.getTitle(), Change.UPDATED);
        return view(action);
    }

    public void deleteAction(long id) {
        ChatAction action = find(ChatAction.class, id);
        em.remove(action);
        publish(Kind.ACTION, id, action.getTitle(), Change.DELETED);
    }

    private void applyAction(ChatAction action, ChatActionDraft draft) {
        ChatActionDraft given = draft == null ? new ChatActionDraft(null, null, null) : draft;
        String title = ChatSettingsRules.required(given.title(), "title", ChatAction.TITLE_MAX);
        String process = ChatSettingsRules.required(given.process(), "process", ChatAction.PROCESS_MAX);
        if (!processes.exists(process)) {
            throw new InvalidInputException("validation.chatAction.process", "process",
                    String.join(", ", processes.names()));
        }
        ChatQueue queue = referencedQueue(given.queueId());
        boolean taken = em.createNamedQuery(ChatAction.BY_TITLE_IN_QUEUE, ChatAction.class)
                .setParameter("queueId", queue.getId()).setParameter("title", title)
                .getResultStream().anyMatch(other -> !other.getId().equals(action.getId()));
        if (taken) {
            throw new RuleViolationException("error.chatAction.titleTaken", "title", title, queue.getName());
        }
        action.setTitle(title);
        action.setProcess(process);
        action.setQueue(queue);
    }

    private static ChatActionView view(ChatAction action) {
        return new ChatActionView(action.getId(), action.getVersion(), action.getTitle(), action.getProcess(),
                action.getQueue().getId(), action.getQueue().getName());
    }

    // Quick replies (CH-11)

    public List<QuickReplyView> quickReplies() {
        return em.createNamedQuery(QuickReply.ALL, QuickReply.class).getResultList().stream()
                .map(ChatSettingsService::view).toList();
    }

    public QuickReplyView quickReply(long id) {
        return view(find(QuickReply.class, id));
    }

    public QuickReplyView createQuickReply(QuickReplyDraft draft) {
        QuickReply reply = new QuickReply();
        applyQuickReply(reply, draft);
        reply.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(reply);
        em.flush();
        publish(Kind.QUICK_REPLY, reply.getId(), reply.getTitle(), Change.CREATED);
        return view(reply);
    }

    public QuickReplyView updateQuickReply(long id, long expectedVersion, QuickReplyDraft draft) {
        QuickReply reply = find(QuickReply.class, id);
        checkVersion("QuickReply", id, reply.getVersion(), expectedVersion);
        applyQuickReply(reply, draft);
        em.flush();
        publish(Kind.QUICK_REPLY, id, reply.getTitle(), Change.UPDATED);
        return view(reply);
    }

    public void deleteQuickReply(long id) {
        QuickReply reply = find(QuickReply.class, id);
        em.remove(reply);
        publish(Kind.QUICK_REPLY, id, reply.getTitle(), Change.DELETED);
    }

    private void applyQuickReply(QuickReply reply, QuickReplyDraft draft) {
        QuickReplyDraft given = draft == null ? new QuickReplyDraft(null, null, null) : draft;
        String language = ChatSettingsRules.language(given.language());
        String title = ChatSettingsRules.required(given.title(), "title", QuickReply.TITLE_MAX);
        String body = ChatSettingsRules.required(given.body(), "body", QuickReply.BODY_MAX);
        boolean taken = em.createNamedQuery(QuickReply.BY_TITLE, QuickReply.class)
                .setParameter("language", language).setParameter("title", title)
                .getResultStream().anyMatch(other -> !other.getId().equals(reply.getId()));
        if (taken) {
            throw new RuleViolationException("error.quickReply.titleTaken", "title", title, language);
        }
        reply.setLanguage(language);
        reply.setTitle(title);
        reply.setBody(body);
    }

    private static QuickReplyView view(QuickReply reply) {
        return new QuickReplyView(reply.getId(), reply.getVersion(), reply.getLanguage(), reply.getTitle(),
                reply.getBody());
    }

    // Shared

    /** The record of that type and id, or a 404 naming the type (ChatQueue, Channel, ChatAction, QuickReply). */
    private <T> T find(Class<T> type, long id) {
        T entity = em.find(type, id);
        if (entity == null) {
            throw new RecordNotFoundException(type.getSimpleName(), id);
        }
        return entity;
    }

    private static void checkVersion(String what, long id, long version, long expectedVersion) {
        if (version != expectedVersion) {
            throw new ConcurrentChangeException(what, id);
        }
    }

    private static Set<Long> distinct(List<Long> ids) {
        Set<Long> distinct = new LinkedHashSet<>();
        if (ids != null) {
            ids.stream().filter(Objects::nonNull).forEach(distinct::add);
        }
        return distinct;
    }

    private void publish(Kind entity, long id, String name, Change change) {
        String actor = Callers.login(context);
        events.record(new ChatSettingsChanged(entity, id, name, change), actor);
        LOG.info(() -> "Chat settings: " + entity + " " + id + " " + change + " by " + actor);
    }
}
