package org.switchboard.core.chat;

import jakarta.json.JsonObjectBuilder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.crm.ContactIdentity;

/**
 * What one transaction of the chat rules knows (CH-03..CH-08, X-03): the time it acts at and for whom, the settings,
 * queues' operators and users' logins it read once, and what it wrote that a query would not see before the commit
 * (senders, open chats, operators' states). Made by {@link ChatWorks}; {@link ChatIntake}, {@link ChatRouting} and
 * {@link ChatLifecycle} share it within the transaction. It also names the audience of a chat's events: the logins
 * whose panels a change concerns.
 */
public final class ChatWork {

    private final ChatWorks facts;
    final OffsetDateTime now;
    private String actor;
    private Integer capacity;
    private Integer acceptTimeout;
    private final Map<Long, ChatDirectory.QueueOperators> operatorsOfQueue = new HashMap<>();
    private final Map<Long, String> logins = new HashMap<>();
    private final Map<Long, Channel> channels = new HashMap<>();
    final Map<SenderKey, ChatDirectory.KnownSender> senders = new HashMap<>();
    final Map<Long, Chat> openChats = new HashMap<>();
    final Set<String> seenMessages = new HashSet<>();
    /** The identities this transaction created (a query would not see them before the flush at commit). */
    final Map<SenderKey, ContactIdentity> createdIdentities = new HashMap<>();
    /** Customers' files this transaction stored by reference only, to fetch from the messenger after commit. */
    final List<Long> filesToFetch = new ArrayList<>();
    /** Identities this transaction created without a name, to ask the messenger for after commit. */
    final List<Long> identitiesToName = new ArrayList<>();
    /** Contacts this transaction created: they have no chat yet. */
    final Set<Long> newContacts = new HashSet<>();
    /** Queues whose operators' states this transaction has read. */
    final Set<Long> statesRead = new HashSet<>();
    /** Operators' states read or created by this transaction; {@code null} for an operator who has none yet. */
    final Map<Long, OperatorState> states = new HashMap<>();
    /** One message at a time (a single message, or a failed batch retried): only the database is trusted. */
    boolean checkRepeats = true;

    /** A sender's identity on a channel. */
    record SenderKey(long channelId, String senderId) {
    }

    ChatWork(ChatWorks facts, String actor, OffsetDateTime now) {
        this.facts = facts;
        this.actor = actor;
        this.now = now;
    }

    public OffsetDateTime now() {
        return now;
    }

    /** Who the changes are made by, as the events' {@code actor}. */
    public String actor() {
        return actor;
    }

    /** What follows is done for this actor (an inbound batch's items may come from different submitters). */
    public ChatWork actingAs(String actor) {
        this.actor = actor;
        return this;
    }

    /** A batch starts from this node's directory of senders and open chats (see {@link ChatIntake#receive}). */
    public ChatWork inBatch() {
        this.checkRepeats = false;
        return this;
    }

    /** {@code SimultaneousChats} (CH-08). */
    public int capacity() {
        if (capacity == null) {
            capacity = facts.capacity();
        }
        return capacity;
    }

    /** {@code OmniChatOperatorAcceptChatTimeout} in minutes (CH-04). */
    int acceptTimeout() {
        if (acceptTimeout == null) {
            acceptTimeout = facts.acceptTimeout();
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
        return logins.computeIfAbsent(userId, facts::login);
    }

    /** The logins of a queue's operators (CH-06), in the order of {@link #operatorsOf}. */
    List<String> queueLogins(long queueId) {
        return queue(queueId).logins();
    }

    /** The enabled users who serve a queue, directly or through a role (CH-06), in id order. */
    List<Long> operatorsOf(long queueId) {
        return queue(queueId).ids();
    }

    /** Whether the user serves the queue (CH-06). */
    public boolean serves(long queueId, long userId) {
        return operatorsOf(queueId).contains(userId);
    }

    private ChatDirectory.QueueOperators queue(long queueId) {
        ChatDirectory.QueueOperators operators = operatorsOfQueue.get(queueId);
        if (operators == null) {
            operators = facts.operators(queueId);
            operatorsOfQueue.put(queueId, operators);
            for (int i = 0; i < operators.ids().size(); i++) {
                logins.putIfAbsent(operators.ids().get(i), operators.logins().get(i));
            }
        }
        return operators;
    }

    Channel channel(long id) {
        return channels.computeIfAbsent(id, facts::channel);
    }

    /**
     * The logins whose panels a change of the chat concerns: its operator, or while nobody holds it the queue's; none
     * for a bot dialog (FB-05).
     */
    public Collection<String> audience(Chat chat) {
        if (chat.getStatus() == ChatStatus.BOT) {
            // FB-05: the bot answers; no operator's panel shows a bot dialog.
            return List.of();
        }
        Long operatorId = chat.getOperatorId();
        if (operatorId != null) {
            return List.of(login(operatorId, chat.getQueueId()));
        }
        return queueAudience(chat);
    }

    /** The queue's operators, and the chat's operator if they no longer serve it. */
    Collection<String> queueAudience(Chat chat) {
        List<String> queueLogins = queueLogins(chat.getQueueId());
        String operator = login(chat.getOperatorId(), chat.getQueueId());
        if (operator == null || queueLogins.contains(operator)) {
            return queueLogins;
        }
        List<String> all = new ArrayList<>(queueLogins);
        all.add(operator);
        return all;
    }

    /** A chat event with the operator's login from this transaction's cache. */
    ChatEvent event(String type, Chat chat, Collection<String> audience, JsonObjectBuilder extra) {
        return ChatEvent.of(type, chat, login(chat.getOperatorId(), chat.getQueueId()), audience, extra);
    }
}
