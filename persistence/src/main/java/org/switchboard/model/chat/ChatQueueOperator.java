package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;

/**
 * One operator entry of a chat queue (CH-06): a user, or a role whose enabled members all serve the queue.
 * Exactly one of the two is set.
 */
@Entity
@Table(name = "chat_queue_operator")
@NamedQuery(name = ChatQueueOperator.USERS_OF_QUEUE, query = "SELECT o.user.id FROM ChatQueueOperator o "
        + "WHERE o.queue.id = :queueId AND o.user.enabled = TRUE")
@NamedQuery(name = ChatQueueOperator.ROLE_MEMBERS_OF_QUEUE, query = "SELECT DISTINCT u.id "
        + "FROM ChatQueueOperator o, User u JOIN u.roles r WHERE o.queue.id = :queueId AND o.role = r "
        + "AND u.enabled = TRUE")
@NamedQuery(name = ChatQueueOperator.QUEUES_OF_USER,
        query = "SELECT o.queue.id FROM ChatQueueOperator o WHERE o.user.id = :userId")
@NamedQuery(name = ChatQueueOperator.QUEUES_OF_USER_ROLES, query = "SELECT DISTINCT o.queue.id "
        + "FROM ChatQueueOperator o, User u JOIN u.roles r WHERE u.id = :userId AND o.role = r")
@NamedQuery(name = ChatQueueOperator.NAMES, query = "SELECT o.queue.id, u.id, u.login, r.id, r.name "
        + "FROM ChatQueueOperator o LEFT JOIN o.user u LEFT JOIN o.role r")
@NamedQuery(name = ChatQueueOperator.NAMES_OF_QUEUE, query = "SELECT o.queue.id, u.id, u.login, r.id, r.name "
        + "FROM ChatQueueOperator o LEFT JOIN o.user u LEFT JOIN o.role r WHERE o.queue.id = :queueId")
public class ChatQueueOperator {

    /** The ids of the enabled users named on a queue. */
    public static final String USERS_OF_QUEUE = "ChatQueueOperator.usersOfQueue";
    /** The ids of the enabled members of the roles named on a queue. */
    public static final String ROLE_MEMBERS_OF_QUEUE = "ChatQueueOperator.roleMembersOfQueue";
    /** The ids of the queues that name a user. */
    public static final String QUEUES_OF_USER = "ChatQueueOperator.queuesOfUser";
    /** The ids of the queues that name one of a user's roles. */
    public static final String QUEUES_OF_USER_ROLES = "ChatQueueOperator.queuesOfUserRoles";
    /** Every operator entry as {queue id, user id, user login, role id, role name}; one pair of the two is null. */
    public static final String NAMES = "ChatQueueOperator.names";
    /** The operator entries of one queue, as {@link #NAMES}. */
    public static final String NAMES_OF_QUEUE = "ChatQueueOperator.namesOfQueue";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_queue_operator_seq")
    @SequenceGenerator(name = "chat_queue_operator_seq", sequenceName = "chat_queue_operator_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id", nullable = false)
    private ChatQueue queue;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    private User user;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "role_id")
    private Role role;

    protected ChatQueueOperator() {
    }

    public static ChatQueueOperator user(ChatQueue queue, User user) {
        ChatQueueOperator operator = new ChatQueueOperator();
        operator.queue = queue;
        operator.user = user;
        return operator;
    }

    public static ChatQueueOperator role(ChatQueue queue, Role role) {
        ChatQueueOperator operator = new ChatQueueOperator();
        operator.queue = queue;
        operator.role = role;
        return operator;
    }

    public Long getId() {
        return id;
    }

    public ChatQueue getQueue() {
        return queue;
    }

    public User getUser() {
        return user;
    }

    public Role getRole() {
        return role;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatQueueOperator operator && id != null && id.equals(operator.id);
    }

    @Override
    public int hashCode() {
        return ChatQueueOperator.class.hashCode();
    }
}
