package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.switchboard.model.common.SchemaPlaceholders;
import org.switchboard.core.CoreClasses;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelSecrets;
import org.switchboard.core.channel.ChannelSettings;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.channel.custom.CustomAdapter;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.DomainEvent;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.settings.SystemSettings;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatQueue;
import org.switchboard.model.chat.ChatQueueOperator;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingDecision;
import org.switchboard.model.chat.RoutingRule;
import org.switchboard.model.security.Role;
import org.switchboard.model.security.User;
import org.switchboard.model.settings.SystemSetting;

/**
 * The chat rules (CH-03..CH-08) as the container runs them, wired by hand for {@link ChatRulesTest}: the real
 * {@link ChatIntake}, {@link ChatRouting}, {@link ChatLifecycle}, {@link ChatTimeouts} and their peers over a fresh H2
 * in-memory database that Flyway migrates, with Hibernate in RESOURCE_LOCAL mode. One EntityManager serves every
 * bean; a transaction is begin … commit and then clear, as a transaction-scoped persistence context ends with its
 * transaction. Fakes stand only where the container provides something: a clock the test moves, an event outbox that
 * keeps what committed transactions recorded, a JMS context that keeps what the Custom channel hands over, and the
 * session context whose business object runs each {@code REQUIRES_NEW} step of the timeouts in its own transaction.
 */
final class WiredChatRules implements AutoCloseable {

    /** Held so that the levels stick: Flyway logs every migration and Hibernate its start at INFO, once per test. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");
    private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
        // WARNING would still print, per test, that Hibernate's built-in connection pool is not for production.
        HIBERNATE_LOG.setLevel(Level.SEVERE);
    }

    /** The chat event types whose fields particular to the type {@link #describe} shows. */
    private static final Set<String> EXTRA_SHOWN = Set.of(ChatEvent.OFFERED, ChatEvent.REASSIGNED, ChatEvent.COMPLETED);

    final MovableClock clock;
    final ChatWorks works;
    final ChatRouting routing;
    final ChatLifecycle lifecycle;
    final ChatIntake intake;
    final ChatTimeouts timeouts;
    final OutboundChats outbound;
    final ChatBots bots;

    private final String url;
    private final EntityManagerFactory factory;
    private final EntityManager em;
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final List<String> handedOver = new ArrayList<>();
    /** FB-05: the chats whose conversation went back to the external bot once committed. */
    private final List<Long> passedBack = new ArrayList<>();
    private final AfterCommit afterCommit = new AfterCommit();
    private final List<String> timerFailures = new ArrayList<>();
    private final Map<String, Long> userIds = new HashMap<>();
    private int messageNumber;

    WiredChatRules(OffsetDateTime start) {
        // The servers' flags; kept until SHUTDOWN, as Flyway and Hibernate connect one after the other.
        url = "jdbc:h2:mem:chat-rules-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration")
                .placeholders(SchemaPlaceholders.forProduct("H2")).load().migrate();
        factory = Persistence.createEntityManagerFactory("switchboard-chat-rules", Map.of(
                "jakarta.persistence.jdbc.driver", "org.h2.Driver",
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", "sa",
                "jakarta.persistence.jdbc.password", "",
                "hibernate.loaded_classes", CoreClasses.entities()));
        em = factory.createEntityManager();
        clock = new MovableClock(start);

        // A fresh directory per test: it remembers a queue's operators for two seconds, and every test's database
        // hands out the same ids.
        ChatDirectory directory = new ChatDirectory();
        SystemSettings settings = wire(new SystemSettings(), em);
        works = wire(new ChatWorks(), em, clock, settings, directory);
        routing = wire(new ChatRouting(), em, outbox, ChatTiming.REAL);
        ChatBotCalls calls = new ChatBotCalls() {
            @Override
            public void passBack(long chatId) {
                passedBack.add(chatId);
            }
        };
        bots = wire(new ChatBots(), em, routing, outbox, calls, afterCommit);
        lifecycle = wire(new ChatLifecycle(), em, outbox, ChatTiming.REAL, routing, bots);
        ChannelAdapters adapters = channelAdapters(wire(new CustomAdapter(), jmsContext()));
        outbound = wire(new OutboundChats(), em, outbox, adapters, wire(new ChannelSecrets(), adapters));
        intake = wire(new ChatIntake(), em, works, routing, lifecycle, outbox, directory, adapters, bots);
        ChatTimeouts self = new TransactionalTimeouts();
        timeouts = wire(self, em, works, lifecycle, routing, outbound, clock, sessionContext(self));
    }

    /**
     * Sets the bean's injected fields ({@code @PersistenceContext}, {@code @Inject}, {@code @Resource}) to the peers of
     * their types, as the container would; fields no peer fits stay {@code null}. A peer that fits no field is a
     * mistake of the wiring.
     */
    static <T> T wire(T bean, Object... peers) {
        boolean[] used = new boolean[peers.length];
        for (Class<?> type = bean.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (!field.isAnnotationPresent(PersistenceContext.class) && !field.isAnnotationPresent(Inject.class)
                        && !field.isAnnotationPresent(Resource.class)) {
                    continue;
                }
                for (int i = 0; i < peers.length; i++) {
                    if (field.getType().isInstance(peers[i])) {
                        field.setAccessible(true);
                        try {
                            field.set(bean, peers[i]);
                        } catch (IllegalAccessException e) {
                            throw new IllegalStateException(e);
                        }
                        used[i] = true;
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < peers.length; i++) {
            if (!used[i]) {
                throw new IllegalArgumentException(bean.getClass().getSimpleName() + " has no injected field for "
                        + peers[i].getClass().getName());
            }
        }
        return bean;
    }

    /** The adapters of the Custom provider only, through the constructor the tests of the channel package use. */
    private static ChannelAdapters channelAdapters(ChannelAdapter custom) {
        try {
            Constructor<ChannelAdapters> constructor = ChannelAdapters.class.getDeclaredConstructor(Collection.class);
            constructor.setAccessible(true);
            return constructor.newInstance(List.of(custom));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Custom channel's JMS context: keeps the bodies it is given to send on the outbound topic. */
    private JMSContext jmsContext() {
        JMSProducer producer = fake(JMSProducer.class, (proxy, method, args) -> {
            if (method.getName().equals("send") && args.length == 2 && args[1] instanceof String body) {
                handedOver.add(body);
            }
            if (method.getReturnType() == JMSProducer.class) {
                return proxy;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        return fake(JMSContext.class, (proxy, method, args) -> {
            if (method.getName().equals("createProducer")) {
                return producer;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** The container's session context of {@link ChatTimeouts}: its business object is the transactional one. */
    private static SessionContext sessionContext(ChatTimeouts self) {
        return fake(SessionContext.class, (proxy, method, args) -> {
            if (method.getName().equals("getBusinessObject") && args[0] == ChatTimeouts.class) {
                return self;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    private static <T> T fake(Class<T> type, InvocationHandler answer) {
        return type.cast(Proxy.newProxyInstance(WiredChatRules.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "fake " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> answer.invoke(proxy, method, args);
                }));
    }

    /**
     * Runs the work in one transaction and ends its persistence context: committed, or rolled back when the work
     * throws, with the events it recorded kept or dropped accordingly.
     */
    <T> T inTransaction(Supplier<T> work) {
        EntityTransaction transaction = em.getTransaction();
        transaction.begin();
        boolean committed = false;
        try {
            T result = work.get();
            transaction.commit();
            committed = true;
            return result;
        } finally {
            afterCommit.end(committed);
            if (committed) {
                outbox.commit();
            } else {
                if (transaction.isActive()) {
                    transaction.rollback();
                }
                outbox.rollback();
            }
            em.clear();
        }
    }

    void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    // ---------------------------------------------------------------- fixtures

    /** An enabled user who may serve queues. */
    long user(String login) {
        return user(login, true);
    }

    long user(String login, boolean enabled) {
        long id = inTransaction(() -> {
            User user = new User();
            user.setLogin(login);
            user.setDisplayName(Character.toUpperCase(login.charAt(0)) + login.substring(1));
            user.setPasswordHash("not-a-hash");
            user.setEnabled(enabled);
            user.setCreatedAt(clock.now());
            user.setPasswordChangedAt(clock.now());
            em.persist(user);
            return user.getId();
        });
        userIds.put(login, id);
        return id;
    }

    /** A role with the given users as members (CH-06). */
    long role(String name, String... members) {
        return inTransaction(() -> {
            Role role = new Role();
            role.setName(name);
            role.setCreatedAt(clock.now());
            em.persist(role);
            for (String login : members) {
                em.find(User.class, id(login)).getRoles().add(role);
            }
            return role.getId();
        });
    }

    /** A queue served by the given users (CH-02, CH-06); {@code completionTimeout} {@code null}: never (CH-05). */
    long queue(String name, RoutingRule rule, Integer completionTimeout, String... logins) {
        return inTransaction(() -> {
            ChatQueue queue = new ChatQueue();
            queue.setName(name);
            queue.setRoutingRule(rule);
            queue.setCompletionTimeoutMinutes(completionTimeout);
            queue.setCreatedAt(clock.now());
            em.persist(queue);
            for (String login : logins) {
                em.persist(ChatQueueOperator.user(queue, em.find(User.class, id(login))));
            }
            return queue.getId();
        });
    }

    /** Names a role among the queue's operators (CH-06). */
    void servedByRole(long queueId, long roleId) {
        inTransaction(() -> em.persist(ChatQueueOperator.role(em.find(ChatQueue.class, queueId),
                em.find(Role.class, roleId))));
    }

    /** An active Custom channel bound to the queue (CH-10, CH-14). */
    long channel(String name, long queueId) {
        return inTransaction(() -> {
            Channel channel = new Channel(ChannelProvider.CUSTOM);
            channel.setName(name);
            channel.setQueue(em.find(ChatQueue.class, queueId));
            channel.setLanguage("en");
            channel.setCreatedAt(clock.now());
            em.persist(channel);
            return channel.getId();
        });
    }

    /** Sets a system setting's current value (X-01), as the designer does. */
    void setting(String code, String value) {
        inTransaction(() -> em.createNamedQuery(SystemSetting.BY_CODE, SystemSetting.class).setParameter("code", code)
                .getSingleResult().setCurrentValue(value, clock.now(), "admin"));
    }

    long id(String login) {
        Long id = userIds.get(login);
        if (id == null) {
            throw new IllegalArgumentException("No user " + login);
        }
        return id;
    }

    // ---------------------------------------------------------------- what happens

    /**
     * A customer's message on a Custom channel, as the inbound processor hands it over (X-03); returns its chat.
     */
    long receive(long channelId, String customer, String text) {
        String body = Jsons.object().add("channelId", channelId).add("messageId", "m" + ++messageNumber)
                .add("sender", Jsons.object().add("id", customer).add("name", customer))
                .add("text", text).build().toString();
        return inTransaction(() -> intake.receive(works.of(Callers.SYSTEM), InboundChatMessage.parse(body)).getChat()
                .getId());
    }

    /** FB-05: a customer's message on Messenger's standby: the channel's external bot answers it. */
    long receiveForBot(long channelId, String customer, String text) {
        String body = Jsons.object().add("channelId", channelId).add("messageId", "m" + ++messageNumber)
                .add("sender", Jsons.object().add("id", customer).add("name", customer))
                .add("text", text).add("botDialog", true).build().toString();
        return inTransaction(() -> intake.receive(works.of(Callers.SYSTEM), InboundChatMessage.parse(body)).getChat()
                .getId());
    }

    /** FB-05: the external bot hands the customer's conversation to Switchboard. */
    void handOver(long channelId, String customer) {
        inTransaction(() -> bots.handedOver(works.of(Callers.SYSTEM), new BotHandover(channelId, customer, "1")));
    }

    /** FB-05: the operator takes the bot dialog, as {@link ChatService#takenFromBot} once Messenger agreed. */
    void takeFromBot(long chatId, String login) {
        inTransaction(() -> bots.taken(works.of(login), em.find(Chat.class, chatId), em.find(User.class, id(login))));
    }

    /** FB-05: gives the channel an external bot that answers first. */
    void externalBot(long channelId, String appId) {
        inTransaction(() -> em.find(Channel.class, channelId).getProperties().put(ChannelSettings.BOT_APP_ID, appId));
    }

    /** FB-05: the chats passed back to the external bot after their completion committed, in order. */
    List<Long> passedBack() {
        return List.copyOf(passedBack);
    }

    /** The operator accepts the chat, as {@link ChatService#accept} without its visibility check. */
    void accept(long chatId, String login) {
        inTransaction(() -> {
            User me = em.find(User.class, id(login));
            lifecycle.accept(works.of(login), em.find(Chat.class, chatId), me);
        });
    }

    /** The operator replies, as {@link ChatService#reply}: stored, then handed to the channel in the transaction. */
    void reply(long chatId, String login, String text) {
        inTransaction(() -> {
            User me = em.find(User.class, id(login));
            ChatWork work = works.of(login);
            ChatMessage message = lifecycle.reply(work, em.find(Chat.class, chatId), me, text, List.of());
            em.flush();
            outbound.dispatch(work, message);
        });
    }

    /** The operator finishes the chat, as {@link ChatService#finish}: the freed place goes to a waiting chat. */
    void finish(long chatId, String login) {
        inTransaction(() -> {
            ChatWork work = works.of(login);
            lifecycle.complete(work, em.find(Chat.class, chatId), ChatCompletion.OPERATOR);
            em.flush();
            routing.distributeWaiting(work, 50);
        });
    }

    /** The operator sets their status, as {@link ChatService#setMyStatus}: Active gets waiting chats at once. */
    void setStatus(String login, OperatorStatus status) {
        inTransaction(() -> {
            ChatWork work = works.of(login);
            if (lifecycle.setStatus(work, em.find(User.class, id(login)), status)) {
                em.flush();
                if (status == OperatorStatus.ACTIVE) {
                    routing.distributeWaiting(work, 50);
                }
            }
        });
    }

    /** What the timer does at the clock's time: {@link ChatTimeouts#processDue(OffsetDateTime)}. */
    int processDue() {
        return timeouts.processDue(clock.now());
    }

    // ---------------------------------------------------------------- what it came to

    /** A chat as the rules left it. */
    record ChatRow(ChatStatus status, String operator, OffsetDateTime acceptDeadline, OffsetDateTime completionDueAt,
            ChatCompletion completion) {
    }

    ChatRow chat(long chatId) {
        return inTransaction(() -> {
            Chat chat = em.find(Chat.class, chatId);
            return new ChatRow(chat.getStatus(), chat.getOperator() == null ? null : chat.getOperator().getLogin(),
                    utc(chat.getAcceptDeadline()), utc(chat.getCompletionDueAt()), chat.getCompletion());
        });
    }

    /** An operator's state (CH-04, CH-08); a user without a row is Active with no chats. */
    record OperatorRow(OperatorStatus status, int activeChats, OffsetDateTime lastAssignedAt, String reason) {
    }

    OperatorRow operator(String login) {
        return inTransaction(() -> {
            OperatorState state = em.find(OperatorState.class, id(login));
            return state == null ? new OperatorRow(OperatorStatus.ACTIVE, 0, null, null)
                    : new OperatorRow(state.getStatus(), state.getActiveChats(), utc(state.getLastAssignedAt()),
                            state.getStatusReason());
        });
    }

    /** How many chats the operator holds (assigned or in work), counted from the chats themselves. */
    long chatsHeldBy(String login) {
        return inTransaction(() -> em.createNamedQuery(Chat.LOAD_OF_OPERATOR, Long.class)
                .setParameter("userId", id(login)).setParameter("completed", ChatStatus.COMPLETED).getSingleResult());
    }

    /**
     * The chat's routing decisions, oldest first, as {@code OUTCOME operator: reason [login/load VERDICT, …]}; the
     * candidates in the router's order.
     */
    List<String> decisions(long chatId) {
        return inTransaction(() -> em.createNamedQuery(RoutingDecision.OF_CHAT, RoutingDecision.class)
                .setParameter("chatId", chatId).getResultList().stream()
                .map(d -> d.getOutcome() + " " + (d.getOperator() == null ? "-" : d.getOperator().getLogin()) + ": "
                        + d.getReason() + (d.getCandidates() == null ? "" : " " + verdicts(d.getCandidates())))
                .toList());
    }

    private static List<String> verdicts(String candidatesJson) {
        try (JsonReader reader = Jsons.reader(candidatesJson)) {
            return reader.readObject().getJsonArray("candidates").stream().map(JsonValue::asJsonObject)
                    .map(c -> c.getString("login") + "/" + c.getInt("load") + " " + c.getString("verdict"))
                    .toList();
        }
    }

    /** The chat's messages in order, as {@code DIRECTION text DELIVERY_STATUS}. */
    List<String> messages(long chatId) {
        return inTransaction(() -> em.createNamedQuery(ChatMessage.OF_CHAT, ChatMessage.class)
                .setParameter("chatId", chatId).getResultList().stream()
                .map(m -> m.getDirection() + " " + m.getBody() + " " + m.getDeliveryStatus()).toList());
    }

    /**
     * The events committed since the last call, each as {@code Type #chat STATUS operator -> audience}, plus the
     * fields particular to offers, re-assignments and completions; an operator's status change as
     * {@code OperatorStatusChanged login STATUS (reason)}.
     */
    List<String> takeEvents() {
        List<String> described = outbox.committed.stream().map(WiredChatRules::describe).toList();
        outbox.committed.clear();
        return described;
    }

    private static String describe(DomainEvent event) {
        if (event instanceof ChatEvent chat) {
            String text = chat.type() + " #" + chat.chatId() + " " + chat.status() + " "
                    + (chat.operatorLogin() == null ? "-" : chat.operatorLogin()) + " -> " + chat.audience();
            return EXTRA_SHOWN.contains(chat.type()) ? text + " " + chat.extra() : text;
        }
        if (event instanceof OperatorStatusChanged status) {
            return status.type() + " " + status.login() + " " + status.status()
                    + (status.reason() == null ? "" : " (" + status.reason() + ")");
        }
        return event.type() + " " + event.subject();
    }

    /** The bodies handed to the Custom channels' outbound topic: the replies that left Switchboard. */
    List<String> handedOver() {
        return handedOver.stream().map(body -> {
            try (JsonReader reader = Jsons.reader(body)) {
                JsonObject json = reader.readObject();
                return json.getString("operatorLogin") + " to " + json.getString("recipientId") + ": "
                        + json.getString("text");
            }
        }).toList();
    }

    /** The steps of {@link ChatTimeouts} that threw (and were rolled back): none, unless the wiring is wrong. */
    List<String> timerFailures() {
        return timerFailures;
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Override
    public void close() throws SQLException {
        em.close();
        factory.close();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }

    /**
     * {@link ChatTimeouts} as its business object runs it: each {@code REQUIRES_NEW} step in a transaction of its own,
     * rolled back when the step throws.
     */
    private final class TransactionalTimeouts extends ChatTimeouts {

        @Override
        public List<Long> due(String query, ChatStatus status, OffsetDateTime now) {
            return step("due " + query, () -> super.due(query, status, now));
        }

        @Override
        public List<Long> dueOutbound(OffsetDateTime now) {
            return step("dueOutbound", () -> super.dueOutbound(now));
        }

        @Override
        public int acceptTimedOut(long chatId, OffsetDateTime now) {
            return step("acceptTimedOut " + chatId, () -> super.acceptTimedOut(chatId, now));
        }

        @Override
        public int completionTimedOut(long chatId, OffsetDateTime now) {
            return step("completionTimedOut " + chatId, () -> super.completionTimedOut(chatId, now));
        }

        @Override
        public int distributeWaiting(OffsetDateTime now) {
            return step("distributeWaiting", () -> super.distributeWaiting(now));
        }

        @Override
        public int dispatch(long messageId, OffsetDateTime now) {
            return step("dispatch " + messageId, () -> super.dispatch(messageId, now));
        }

        private <T> T step(String name, Supplier<T> body) {
            try {
                return inTransaction(body);
            } catch (RuntimeException e) {
                timerFailures.add(name + ": " + e);
                throw e;
            }
        }
    }

    /** Keeps the events of committed transactions in memory: the real outbox journals them through JTA. */
    private static final class RecordingOutbox extends EventOutbox {

        private final List<DomainEvent> pending = new ArrayList<>();
        private final List<DomainEvent> committed = new ArrayList<>();

        @Override
        public void record(DomainEvent event, String actor) {
            pending.add(event);
        }

        void commit() {
            committed.addAll(pending);
            pending.clear();
        }

        void rollback() {
            pending.clear();
        }
    }

    /** The time as the test sets it; the rules read it through their injected clock (CH-04, CH-05). */
    static final class MovableClock extends Clock {

        private Instant instant;

        MovableClock(OffsetDateTime start) {
            this.instant = start.toInstant();
        }

        void set(OffsetDateTime time) {
            instant = time.toInstant();
        }

        OffsetDateTime now() {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant, zone);
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }

    /** The transaction's synchronizations, run when {@link #inTransaction} ends, as JTA runs them after completion. */
    static final class AfterCommit implements TransactionSynchronizationRegistry {

        private final List<Synchronization> registered = new ArrayList<>();

        void end(boolean committed) {
            List<Synchronization> ending = List.copyOf(registered);
            registered.clear();
            ending.forEach(sync -> sync.afterCompletion(committed ? Status.STATUS_COMMITTED
                    : Status.STATUS_ROLLEDBACK));
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            registered.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return this;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            return null;
        }

        @Override
        public int getTransactionStatus() {
            return Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
