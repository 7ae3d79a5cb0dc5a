package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.ChatQueueOperator;
import org.switchboard.model.security.User;

/**
 * Starts the work of one transaction of the chat rules ({@link ChatWork}), at the clock's time, and reads for it what
 * it asks once: the chat settings, a queue's operators (through this node's {@link ChatDirectory}), a user's login,
 * a channel.
 */
@ApplicationScoped
public class ChatWorks {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SystemSettings settings;

    @Inject
    private ChatDirectory directory;

    /** The work of a transaction acting now for the actor (a login, or {@code system}). */
    public ChatWork of(String actor) {
        return at(actor, OffsetDateTime.now(clock));
    }

    /** The work of a transaction acting at a given time: a due timeout's, so that tests can move the time. */
    public ChatWork at(String actor, OffsetDateTime now) {
        return new ChatWork(this, actor, now);
    }

    int capacity() {
        return (int) settings.integer(SettingCodes.SIMULTANEOUS_CHATS);
    }

    int acceptTimeout() {
        return (int) settings.integer(SettingCodes.OPERATOR_ACCEPT_CHAT_TIMEOUT);
    }

    String login(long userId) {
        return em.find(User.class, userId).getLogin();
    }

    Channel channel(long id) {
        return em.find(Channel.class, id);
    }

    ChatDirectory.QueueOperators operators(long queueId) {
        return directory.operators(queueId, this::loadQueue);
    }

    /** Reads a queue's operators (CH-06): the enabled users named on it and the enabled members of its roles. */
    private ChatDirectory.QueueOperators loadQueue(long queueId) {
        Set<Long> ids = new LinkedHashSet<>(em.createNamedQuery(ChatQueueOperator.USERS_OF_QUEUE, Long.class)
                .setParameter("queueId", queueId).getResultList());
        ids.addAll(em.createNamedQuery(ChatQueueOperator.ROLE_MEMBERS_OF_QUEUE, Long.class)
                .setParameter("queueId", queueId).getResultList());
        List<Long> sorted = ids.stream().sorted().toList();
        return new ChatDirectory.QueueOperators(sorted,
                sorted.stream().map(id -> em.find(User.class, id).getLogin()).toList(), System.nanoTime());
    }
}
