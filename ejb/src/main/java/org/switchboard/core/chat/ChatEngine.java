package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelFilePrefetch;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InLists;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatQueue;
import org.switchboard.model.chat.ChatQueueOperator;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingDecision;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactIdentity;
import org.switchboard.model.security.User;

/**
 * The chat rules applied to the database inside the caller's transaction (CH-03..CH-08): receiving a message,
 * routing, accepting, replying, completing, the two timeouts, and distributing waiting chats. Decisions come from
 * {@link ChatRouter}; this class loads the facts, applies the decision, records it with its reasons and journals the
 * events. Capacity is kept by {@link OperatorState#getActiveChats()} under optimistic locking, so that concurrent
 * transactions (an operator accepting while a message is routed, two nodes) never exceed {@code SimultaneousChats}:
 * the loser rolls back and is retried.
 */
@ApplicationScoped
public class ChatEngine {

    @Inject
    private ChannelFilePrefetch filePrefetch;

    @Inject
    private ChannelAdapters adapters;

    private static final Logger LOG = Logger.getLogger(ChatEngine.class.getName());
    private static final int DECISION_CANDIDATES_MAX = 40;
    /** At most this many values in one IN list of a batch's look-ups. */
    private static final int PREFETCH_CHUNK = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SystemSettings settings;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatTiming timing;

    @Inject
    private ChatDirectory directory;

    /** The facts one transaction reads once: settings, queues' operators, users; and the time it acts at. */
    public final class Work {

        private final OffsetDateTime now = OffsetDateTime.now(clock);
        private String actor;

        public String actor() {
            return actor;
        }

        /** What follows is done for this actor (an inbound batch's items may come from different submitters). */
        public Work actingAs(String actor) {
            this.actor = actor;
            return this;
        }
        private Integer capacity;
        private Integer acceptTimeout;
        private final Map<Long, ChatDirectory.QueueOperators> operatorsOfQueue = new HashMap<>();
        private final Map<Long, String> logins = new HashMap<>();
        private final Map<Long, Channel> channels = new HashMap<>();
        private final Map<SenderKey, ChatDirectory.KnownSender> senders = new HashMap<>();
        private final Map<Long, Chat> openChats = new HashMap<>();
        private final Set<String> seenMessages = new HashSet<>();
        /** The identities this transaction created (a query would not see them before the flush at commit). */
        private final Map<SenderKey, ContactIdentity> createdIdentities = new HashMap<>();
        /** Customers' files this transaction stored by reference only, to fetch from the messenger after commit. */
        private final List<Long> filesToFetch = new ArrayList<>();
        /** Contacts this transaction created: they have no chat yet. */
        private final Set<Long> newContacts = new HashSet<>();
        /** Queues whose operators' states this transaction has read. */
        private final Set<Long> statesRead = new HashSet<>();
        /** Operators' states read or created by this transaction; {@code null} for an operator who has none yet. */
        private final Map<Long, OperatorState> states = new HashMap<>();
        /** One message at a time (a single message, or a failed batch retried): only the database is trusted. */
        private boolean checkRepeats = true;

        /** A batch starts from this node's directory of senders and open chats (see {@link #receive}). */
        public Work inBatch() {
            this.checkRepeats = false;
            return this;
        }

        Work(String actor) {
            this.actor = actor;
        }

        public OffsetDateTime now() {
            return now;
        }

        int capacity() {
            if (capacity == null) {
                capacity = (int) settings.integer(SettingCodes.SIMULTANEOUS_CHATS);
            }
            return capacity;
        }

        int acceptTimeout() {
            if (acceptTimeout == null) {
                acceptTimeout = (int) settings.integer(SettingCodes.OPERATOR_ACCEPT_CHAT_TIMEOUT);
            }
            return acceptTimeout;
        }

        /**
         * A user's login, read once per transaction: from the queue's operators when the user serves the queue (the
         * usual case), else from the user.
         */
        String login(Long userId, long queueId) {
            if (userId == null) {
                return null;
            }
            if (!logins.containsKey(userId)) {
                queue(queueId);
            }
            return logins.computeIfAbsent(userId, id -> em.find(User.class, id).getLogin());
        }

        /** The logins of a queue's operators (CH-06), in the order of {@link #operatorsOf}. */
        List<String> queueLogins(long queueId) {
            return queue(queueId).logins();
        }

        /** The enabled users who serve a queue, directly or through a role (CH-06), in id order. */
        List<Long> operatorsOf(long queueId) {
            return queue(queueId).ids();
        }

        private ChatDirectory.QueueOperators queue(long queueId) {
            ChatDirectory.QueueOperators operators = operatorsOfQueue.get(queueId);
            if (operators == null) {
                operators = directory.operators(queueId, ChatEngine.this::loadQueue);
                operatorsOfQueue.put(queueId, operators);
                for (int i = 0; i < operators.ids().size(); i++) {
                    logins.putIfAbsent(operators.ids().get(i), operators.logins().get(i));
                }
            }
            return operators;
        }

        Channel channel(long id) {
            return channels.computeIfAbsent(id, key -> em.find(Channel.class, key));
        }
    }

    public Work work(String actor) {
        return new Work(actor);
    }

    /**
     * The work of an inbound batch, shared by its chat items: it trusts this node's directory when the batch has
     * several items, and tells the directory what it learnt once the batch has committed.
     */
    public Work work(InboundBatch batch) {
        return batch.shared(ChatEngine.class, () -> {
            Work work = new Work(Callers.SYSTEM);
            if (batch.isBatch()) {
                work.inBatch();
            }
            batch.afterCommit(() -> committed(work));
            return work;
        });
    }

    /** Reads a queue's operators (CH-06): the enabled users named on it and the enabled members of its roles. */
    ChatDirectory.QueueOperators loadQueue(long queueId) {
        Set<Long> ids = new LinkedHashSet<>(em.createNamedQuery(ChatQueueOperator.USERS_OF_QUEUE, Long.class)
                .setParameter("queueId", queueId).getResultList());
        ids.addAll(em.createNamedQuery(ChatQueueOperator.ROLE_MEMBERS_OF_QUEUE, Long.class)
                .setParameter("queueId", queueId).getResultList());
        List<Long> sorted = ids.stream().sorted().toList();
        return new ChatDirectory.QueueOperators(sorted,
                sorted.stream().map(id -> em.find(User.class, id).getLogin()).toList(), System.nanoTime());
    }

    /** Whether the user serves the queue (CH-06). */
    public boolean serves(Work work, long queueId, long userId) {
        return work.operatorsOf(queueId).contains(userId);
    }

    // ---------------------------------------------------------------- inbound

    /**
     * Reads at once what {@link #receive} would otherwise read message by message, for a batch: the open chats
     * this node remembers for the messages' senders, in one query by primary key instead of one look-up per message.
     * One message at a time ({@link Work#inBatch()} not called) reads nothing ahead. (Which messages are stored
     * already is still asked message by message: an IN list on the second column of the unique key made H2 scan all
     * of the channel's messages.)
     */
    public void prefetch(Work work, List<InboundChatMessage> messages) {
        if (work.checkRepeats || messages.isEmpty()) {
            return;
        }
        Set<Long> hintedChats = new HashSet<>();
        for (InboundChatMessage message : messages) {
            ChatDirectory.KnownSender sender = directory.sender(message.channelId(), message.senderId());
            Long chatId = sender == null ? null : directory.openChat(sender.contactId());
            if (chatId != null) {
                hintedChats.add(chatId);
            }
        }
        List<Long> chatIds = new ArrayList<>(hintedChats);
        for (int from = 0; from < chatIds.size(); from += PREFETCH_CHUNK) {
            // Loaded into the persistence context, where openChat's em.find takes them from.
            em.createNamedQuery(Chat.BY_IDS, Chat.class)
                    .setParameter("ids", InLists.padded(chatIds.subList(from,
                            Math.min(chatIds.size(), from + PREFETCH_CHUNK))))
                    .getResultList();
        }
    }

    /**
     * Stores an inbound message: a repeated provider message id does nothing; otherwise the contact is found
     * or created, the open chat found or a new one opened and routed (CH-05: after completion a new chat), the
     * message stored and {@code ChatMessageReceived} journaled.
     *
     * @return the stored message, or {@code null} for a repeat
     */
    public ChatMessage receive(Work work, InboundChatMessage inbound) {
        Channel channel = work.channel(inbound.channelId());
        if (channel == null) {
            throw new InboundRejectedException("CHANNEL_UNKNOWN", "Channel " + inbound.channelId()
                    + " does not exist");
        }
        if (!channel.isActive()) {
            throw new InboundRejectedException("CHANNEL_INACTIVE", "Channel " + inbound.channelId() + " ("
                    + channel.getName() + ") is not active: activate it, then replay this message (CH-14)");
        }
        String key = messageKey(channel.getId(), inbound.messageId());
        if (!work.seenMessages.add(key) || isStored(channel.getId(), inbound.messageId())) {
            LOG.fine(() -> "Repeated message " + inbound.messageId() + " of channel " + channel.getId());
            return null;
        }
        ChatDirectory.KnownSender sender = sender(work, channel, inbound);
        Chat chat = openChat(work, channel, sender.contactId());
        if (chat != null && chat.getStatus() == ChatStatus.ACTIVE && chat.getCompletionDueAt() != null
                && !chat.getCompletionDueAt().isAfter(work.now)) {
            // CH-05: the timeout passed before the timer's tick; the client's new message opens a new chat.
            complete(work, chat, ChatCompletion.TIMEOUT);
            chat = null;
        }
        if (chat == null) {
            chat = new Chat(channel, em.find(Contact.class, sender.contactId()), channel.getQueue(), work.now);
            em.persist(chat);
            outbox.record(event(work, ChatEvent.CREATED, chat, queueAudience(work, chat),
                    Jsons.object().add("contactName", sender.contactName())), work.actor);
            route(work, chat);
        }
        work.openChats.put(sender.contactId(), chat);
        ChatMessage message = ChatMessage.inbound(chat, inbound.messageId(), inbound.text(), inbound.sentAt(),
                work.now);
        message.setAttachmentCount(inbound.attachments().size());
        em.persist(message);
        boolean fetchAtOnce = adapters.of(channel.getProvider()).fetchesFilesAtOnce();
        for (InboundChatMessage.Attachment file : inbound.attachments()) {
            ChatAttachment attachment = new ChatAttachment(message, file.fileName(), file.contentType(),
                    file.content(), file.url());
            em.persist(attachment);
            if (fetchAtOnce && file.content() == null) {
                work.filesToFetch.add(attachment.getId());
            }
        }
        outbox.record(event(work, ChatEvent.MESSAGE_RECEIVED, chat, audience(work, chat),
                ChatEvent.message(message)), work.actor);
        return message;
    }

    /**
     * Whether the channel has stored the message already. Looked for explicitly rather than left to the unique key:
     * a batch that fails at commit is retried message by message, and on Payara with H2's XA data source a
     * rolled-back commit was seen to leave part of its writes.
     */
    private boolean isStored(long channelId, String providerMessageId) {
        return !em.createNamedQuery(ChatMessage.BY_PROVIDER_ID, ChatMessage.class)
                .setParameter("channelId", channelId).setParameter("providerMessageId", providerMessageId)
                .getResultList().isEmpty();
    }

    private static String messageKey(long channelId, String providerMessageId) {
        return channelId + "\u0000" + providerMessageId;
    }

    /** Remembers what the work's transaction learnt about senders and open chats, once it has committed. */
    public void committed(Work work) {
        if (!work.filesToFetch.isEmpty()) {
            filePrefetch.fetch(List.copyOf(work.filesToFetch));
        }
        work.senders.forEach((key, sender) -> directory.rememberSender(key.channelId(), key.senderId(), sender));
        work.openChats.forEach((contactId, chat) -> {
            if (chat.getId() != null && chat.getStatus() != ChatStatus.COMPLETED) {
                directory.rememberOpenChat(contactId, chat.getId());
            }
        });
    }

    /** The contact's open chat on the channel: this batch's, the remembered one if still open, or the database's. */
    private Chat openChat(Work work, Channel channel, long contactId) {
        Chat chat = work.openChats.get(contactId);
        if (chat != null && chat.getStatus() != ChatStatus.COMPLETED) {
            return chat;
        }
        if (chat == null && work.newContacts.contains(contactId)) {
            return null;
        }
        Long hint = work.checkRepeats ? null : directory.openChat(contactId);
        if (hint != null) {
            Chat known = em.find(Chat.class, hint);
            if (known != null && known.getStatus() != ChatStatus.COMPLETED
                    && known.getChannelId().equals(channel.getId())) {
                return known;
            }
        }
        List<Chat> open = em.createNamedQuery(Chat.OPEN_OF_CONTACT, Chat.class).setParameter("contactId", contactId)
                .setParameter("channelId", channel.getId()).setParameter("completed", ChatStatus.COMPLETED)
                .getResultList();
        return open.isEmpty() ? null : open.get(0);
    }

    /** Who wrote: known to this node, or found by their identity on the channel, or a new contact. */
    private ChatDirectory.KnownSender sender(Work work, Channel channel, InboundChatMessage inbound) {
        SenderKey key = new SenderKey(channel.getId(), inbound.senderId());
        ChatDirectory.KnownSender known = work.senders.get(key);
        if (known == null && !work.checkRepeats) {
            known = directory.sender(channel.getId(), inbound.senderId());
        }
        if (known != null && (inbound.senderName() == null || inbound.senderName().equals(known.displayName()))) {
            work.senders.put(key, known);
            return known;
        }
        ContactIdentity identity = work.createdIdentities.containsKey(key) ? work.createdIdentities.get(key)
                : em.createNamedQuery(ContactIdentity.BY_EXTERNAL_ID, ContactIdentity.class)
                        .setParameter("channelId", channel.getId()).setParameter("externalId", inbound.senderId())
                        .getResultList().stream().findFirst().orElse(null);
        if (identity == null) {
            String name = inbound.senderName() == null || inbound.senderName().isBlank()
                    ? inbound.senderId() : inbound.senderName().strip();
            Contact contact = new Contact(truncate(name, Contact.NAME_MAX), work.now);
            em.persist(contact);
            identity = new ContactIdentity(contact, channel, inbound.senderId(), inbound.senderName());
            em.persist(identity);
            work.createdIdentities.put(key, identity);
            work.newContacts.add(contact.getId());
        } else if (inbound.senderName() != null && !inbound.senderName().equals(identity.getDisplayName())) {
            identity.setDisplayName(inbound.senderName());
        }
        Contact contact = identity.getContact();
        known = new ChatDirectory.KnownSender(contact.getId(), contact.getName(), identity.getDisplayName());
        work.senders.put(key, known);
        return known;
    }

    /** A sender's identity on a channel. */
    record SenderKey(long channelId, String senderId) {
    }

    // ---------------------------------------------------------------- routing

    /**
     * Routes a new or waiting chat by its queue's rule (CH-03, CH-04, CH-08) and records the decision. A chat that
     * was waiting and still finds nobody is left as it is, without a new record.
     */
    public RoutingPlan route(Work work, Chat chat) {
        ChatQueue queue = chat.getQueue();
        List<OperatorCandidate> candidates = candidates(work, queue.getId());
        RoutingPlan plan = ChatRouter.route(queue.getRoutingRule(), candidates, work.capacity());
        switch (plan.outcome()) {
            case QUEUED -> {
                if (chat.getStatus() == ChatStatus.QUEUED && chat.getRoutedAt() != null) {
                    return plan;
                }
                chat.setStatus(ChatStatus.QUEUED);
                chat.setRoutedAt(work.now);
                decide(work, chat, plan, null, candidates.isEmpty()
                        ? "The queue has no operators" : "No operator is Active with a free place");
                outbox.record(event(work, ChatEvent.QUEUED, chat, queueAudience(work, chat), ChatEvent.none()),
                        work.actor);
            }
            case OFFERED -> {
                chat.setStatus(ChatStatus.OFFERED);
                chat.setRoutedAt(work.now);
                decide(work, chat, plan, null, "Offered to " + plan.offeredTo().size() + " operator(s)");
                JsonArrayBuilder offeredTo = Jsons.array();
                plan.candidates().stream().filter(j -> j.verdict() == CandidateVerdict.OFFERED)
                        .forEach(j -> offeredTo.add(j.candidate().login()));
                outbox.record(event(work, ChatEvent.OFFERED, chat, queueAudience(work, chat),
                        Jsons.object().add("offeredTo", offeredTo)), work.actor);
            }
            default -> {
                User operator = em.getReference(User.class, plan.chosenUserId());
                OperatorState state = stateForUpdate(work, plan.chosenUserId());
                state.setActiveChats(state.getActiveChats() + 1);
                state.setLastAssignedAt(work.now);
                chat.setStatus(ChatStatus.ASSIGNED);
                chat.setOperator(operator);
                chat.setRoutedAt(work.now);
                chat.setAssignedAt(work.now);
                chat.setAcceptDeadline(work.now.plus(timing.minutes(work.acceptTimeout())));
                OperatorCandidate chosen = plan.candidates().stream()
                        .filter(j -> j.verdict() == CandidateVerdict.CHOSEN).findFirst().orElseThrow().candidate();
                decide(work, chat, plan, operator, "Least busy: " + chosen.load() + " chat(s) in work"
                        + (chosen.lastAssignedAt() == null ? ", never took a chat"
                        : ", last took a chat at " + chosen.lastAssignedAt()));
                String login = work.login(plan.chosenUserId(), chat.getQueueId());
                outbox.record(event(work, ChatEvent.ASSIGNED, chat, List.of(login),
                        Jsons.object().add("acceptDeadline", ChatEvent.time(chat.getAcceptDeadline()))),
                        work.actor);
            }
        }
        return plan;
    }

    private List<OperatorCandidate> candidates(Work work, long queueId) {
        List<Long> ids = work.operatorsOf(queueId);
        List<String> logins = work.queueLogins(queueId);
        if (work.statesRead.add(queueId)) {
            // Once per transaction and queue, in one query rather than one look-up per operator.
            Map<Long, OperatorState> read = new HashMap<>();
            for (int from = 0; from < ids.size(); from += PREFETCH_CHUNK) {
                em.createNamedQuery(OperatorState.OF_USERS, OperatorState.class)
                        .setParameter("userIds", ids.subList(from, Math.min(ids.size(), from + PREFETCH_CHUNK)))
                        .getResultList().forEach(state -> read.put(state.getUserId(), state));
            }
            ids.forEach(id -> work.states.putIfAbsent(id, read.get(id)));
        }
        List<OperatorCandidate> candidates = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Long userId = ids.get(i);
            OperatorState state = state(work, userId);
            candidates.add(state == null
                    ? new OperatorCandidate(userId, logins.get(i), OperatorStatus.ACTIVE, 0, null)
                    : new OperatorCandidate(userId, logins.get(i), state.getStatus(), state.getActiveChats(),
                            state.getLastAssignedAt()));
        }
        return candidates;
    }

    /** The operator's state as this transaction knows it, or {@code null} if they have none yet. */
    private OperatorState state(Work work, long userId) {
        if (!work.states.containsKey(userId)) {
            work.states.put(userId, em.find(OperatorState.class, userId));
        }
        return work.states.get(userId);
    }

    private OperatorState stateForUpdate(Work work, long userId) {
        OperatorState state = state(work, userId);
        if (state == null) {
            state = new OperatorState(userId, work.now);
            em.persist(state);
            work.states.put(userId, state);
        }
        return state;
    }

    private void decide(Work work, Chat chat, RoutingPlan plan, User operator, String reason) {
        em.persist(new RoutingDecision(chat, work.now, plan.rule(), plan.outcome(), operator,
                truncate(reason, RoutingDecision.REASON_MAX), candidatesJson(plan)));
    }

    private void note(Work work, Chat chat, RoutingOutcome outcome, User operator, String reason) {
        em.persist(new RoutingDecision(chat, work.now, chat.getQueue().getRoutingRule(), outcome, operator,
                truncate(reason, RoutingDecision.REASON_MAX), null));
    }

    /** {@code {"capacity":5,"candidates":[{userId,login,status,load,lastAssignedAt,verdict}],"more":0}}. */
    static String candidatesJson(RoutingPlan plan) {
        JsonArrayBuilder list = Jsons.array();
        plan.candidates().stream().limit(DECISION_CANDIDATES_MAX).forEach(j -> {
            JsonObjectBuilder item = Jsons.object().add("userId", j.candidate().userId())
                    .add("login", j.candidate().login()).add("status", j.candidate().status().name())
                    .add("load", j.candidate().load()).add("lastAssignedAt", ChatEvent.time(j.candidate()
                            .lastAssignedAt()))
                    .add("verdict", j.verdict().name());
            list.add(item);
        });
        return Jsons.object().add("capacity", plan.capacity()).add("candidates", list)
                .add("more", Math.max(0, plan.candidates().size() - DECISION_CANDIDATES_MAX)).build().toString();
    }

    // ---------------------------------------------------------------- operator actions

    /** CH-03: the first operator who accepts an offered chat takes it; CH-04: the assigned operator accepts. */
    public void accept(Work work, Chat chat, User user) {
        switch (chat.getStatus()) {
            case ASSIGNED -> {
                if (!user.equals(chat.getOperator())) {
                    throw new RuleViolationException("error.chat.assignedToOther", null,
                            chat.getId());
                }
                chat.setStatus(ChatStatus.ACTIVE);
                chat.setAcceptedAt(work.now);
                chat.setAcceptDeadline(null);
                note(work, chat, RoutingOutcome.ACCEPTED, user, user.getLogin() + " accepted the assigned chat");
                outbox.record(event(work, ChatEvent.ACCEPTED, chat, List.of(user.getLogin()), ChatEvent.none()),
                        work.actor);
            }
            case OFFERED, QUEUED -> {
                if (!serves(work, chat.getQueue().getId(), user.getId())) {
                    throw new RuleViolationException("error.chat.notOperator", null,
                            chat.getQueue().getName());
                }
                OperatorState state = stateForUpdate(work, user.getId());
                if (state.getStatus() != OperatorStatus.ACTIVE) {
                    throw new RuleViolationException("error.chat.inactive", null);
                }
                if (state.getActiveChats() >= work.capacity()) {
                    throw new RuleViolationException("error.chat.atCapacity", null,
                            work.capacity());
                }
                state.setActiveChats(state.getActiveChats() + 1);
                state.setLastAssignedAt(work.now);
                chat.setStatus(ChatStatus.ACTIVE);
                chat.setOperator(user);
                chat.setAssignedAt(work.now);
                chat.setAcceptedAt(work.now);
                note(work, chat, RoutingOutcome.ACCEPTED, user, user.getLogin() + " accepted first");
                outbox.record(event(work, ChatEvent.ACCEPTED, chat, queueAudience(work, chat), ChatEvent.none()),
                        work.actor);
            }
            case ACTIVE -> {
                if (!user.equals(chat.getOperator())) {
                    throw new RuleViolationException("error.chat.alreadyTaken", null,
                            chat.getOperator().getDisplayName());
                }
            }
            default -> throw new RuleViolationException("error.chat.completed", null,
                    chat.getId());
        }
    }

    /** An operator's reply, stored pending for the channel (CH-12); restarts the completion clock (CH-05). */
    public ChatMessage reply(Work work, Chat chat, User user, String text, List<FileUpload> files) {
        if (chat.getStatus() != ChatStatus.ACTIVE || !user.equals(chat.getOperator())) {
            throw new RuleViolationException(
                    chat.getStatus() == ChatStatus.COMPLETED ? "error.chat.completed" : "error.chat.notYours",
                    null, chat.getId());
        }
        ChatMessage message = ChatMessage.outbound(chat, user, text, work.now);
        message.setAttachmentCount(files.size());
        em.persist(message);
        for (FileUpload file : files) {
            em.persist(new ChatAttachment(message, file.fileName(), file.contentType(), file.content(), null));
        }
        chat.setLastOutboundAt(work.now);
        Integer minutes = chat.getQueue().getCompletionTimeoutMinutes();
        // CH-05: only outgoing messages start the completion clock.
        chat.setCompletionDueAt(minutes == null ? null : work.now.plus(timing.minutes(minutes)));
        outbox.record(event(work, ChatEvent.MESSAGE_SENT, chat, List.of(user.getLogin()),
                ChatEvent.message(message)), work.actor);
        return message;
    }

    /** Completes a chat (by its operator, CH-12, or by the timeout, CH-05) and frees the operator's place. */
    public void complete(Work work, Chat chat, ChatCompletion how) {
        if (chat.getStatus() == ChatStatus.COMPLETED) {
            return;
        }
        Collection<String> audience = audience(work, chat);
        releaseOperator(work, chat);
        chat.setStatus(ChatStatus.COMPLETED);
        chat.setCompletedAt(work.now);
        chat.setCompletion(how);
        chat.setAcceptDeadline(null);
        chat.setCompletionDueAt(null);
        note(work, chat, RoutingOutcome.COMPLETED, chat.getOperator(), switch (how) {
            case OPERATOR -> "Finished by the operator";
            case TIMEOUT -> "No message for " + chat.getQueue().getCompletionTimeoutMinutes()
                    + " minute(s) after the last outgoing message";
        });
        outbox.record(event(work, ChatEvent.COMPLETED, chat, audience,
                Jsons.object().add("completion", how.name())), work.actor);
    }

    private void releaseOperator(Work work, Chat chat) {
        if (chat.getOperator() != null
                && (chat.getStatus() == ChatStatus.ASSIGNED || chat.getStatus() == ChatStatus.ACTIVE)) {
            OperatorState state = stateForUpdate(work, chat.getOperator().getId());
            state.setActiveChats(Math.max(0, state.getActiveChats() - 1));
        }
    }

    /**
     * CH-04: the assigned operator did not accept in time. They lose the chat and are switched Inactive; the chat is
     * routed again, to the next operator.
     */
    public void acceptTimedOut(Work work, Chat chat) {
        if (chat.getStatus() != ChatStatus.ASSIGNED || chat.getAcceptDeadline() == null
                || chat.getAcceptDeadline().isAfter(work.now)) {
            return;
        }
        User previous = chat.getOperator();
        releaseOperator(work, chat);
        OperatorState state = stateForUpdate(work, previous.getId());
        String reason = "Did not accept chat " + chat.getId() + " within " + work.acceptTimeout() + " minute(s)";
        state.changeStatus(OperatorStatus.INACTIVE, work.now, reason);
        outbox.record(new OperatorStatusChanged(previous.getId(), previous.getLogin(), OperatorStatus.INACTIVE.name(),
                reason), work.actor);
        chat.setOperator(null);
        chat.setAcceptDeadline(null);
        chat.setStatus(ChatStatus.QUEUED);
        chat.setRoutedAt(null);
        note(work, chat, RoutingOutcome.REASSIGNED, previous, reason + "; switched to Inactive");
        outbox.record(event(work, ChatEvent.REASSIGNED, chat, List.of(previous.getLogin()),
                Jsons.object().add("previousOperatorLogin", previous.getLogin())), work.actor);
        route(work, chat);
    }

    /** Sets an operator's own status (CH-04); returns whether it changed. */
    public boolean setStatus(Work work, User user, OperatorStatus status) {
        OperatorState state = stateForUpdate(work, user.getId());
        if (state.getStatus() == status) {
            return false;
        }
        state.changeStatus(status, work.now, null);
        outbox.record(new OperatorStatusChanged(user.getId(), user.getLogin(), status.name(), null), work.actor);
        return true;
    }

    /**
     * Routes waiting chats while their queues find operators (CH-08: distributed as soon as somebody has capacity):
     * queues in the order of their oldest waiting chat, each queue's chats oldest first. A queue whose operators
     * have no free place is skipped without loading its chats, so a long waiting line costs one query per tick.
     *
     * @return how many chats left the waiting state
     */
    public int distributeWaiting(Work work, int limit) {
        List<Object[]> queues = em.createNamedQuery(Chat.QUEUES_WITH_STATUS, Object[].class)
                .setParameter("status", ChatStatus.QUEUED).getResultList();
        int routed = 0;
        for (Object[] row : queues) {
            long queueId = (Long) row[0];
            ChatQueue queue = em.find(ChatQueue.class, queueId);
            if (routed >= limit || ChatRouter.route(queue.getRoutingRule(), candidates(work, queueId),
                    work.capacity()).outcome() == RoutingOutcome.QUEUED) {
                continue; // nobody has a free place: the queue's chats are not even loaded
            }
            List<Long> waiting = em.createNamedQuery(Chat.IDS_OF_QUEUE_BY_STATUS, Long.class)
                    .setParameter("status", ChatStatus.QUEUED).setParameter("queueId", queueId)
                    .setMaxResults(limit - routed).getResultList();
            for (Long id : waiting) {
                Chat chat = em.find(Chat.class, id);
                if (chat == null || chat.getStatus() != ChatStatus.QUEUED) {
                    continue;
                }
                if (route(work, chat).outcome() == RoutingOutcome.QUEUED) {
                    break;
                }
                routed++;
            }
        }
        return routed;
    }

    // ---------------------------------------------------------------- audiences

    /** The logins whose panels a change of the chat concerns: its operator, or while nobody holds it the queue's. */
    Collection<String> audience(Work work, Chat chat) {
        Long operatorId = chat.getOperatorId();
        if (operatorId != null) {
            return List.of(work.login(operatorId, chat.getQueueId()));
        }
        return queueAudience(work, chat);
    }

    Collection<String> queueAudience(Work work, Chat chat) {
        List<String> logins = work.queueLogins(chat.getQueueId());
        String operator = work.login(chat.getOperatorId(), chat.getQueueId());
        if (operator == null || logins.contains(operator)) {
            return logins;
        }
        List<String> all = new ArrayList<>(logins);
        all.add(operator);
        return all;
    }

    /** A chat event with the operator's login from the transaction's cache. */
    private ChatEvent event(Work work, String type, Chat chat, Collection<String> audience, JsonObjectBuilder extra) {
        return ChatEvent.of(type, chat, work.login(chat.getOperatorId(), chat.getQueueId()), audience, extra);
    }

    static String preview(String text, int files) {
        String base = text == null || text.isBlank() ? "[" + files + " file(s)]" : text.strip().replaceAll("\\s+", " ");
        return truncate(base, Chat.LAST_MESSAGE_MAX);
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
