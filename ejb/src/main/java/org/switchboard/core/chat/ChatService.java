package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelFiles;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.chat.AttachmentInfo;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAction;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatQueueOperator;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.MessageDirection;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.QuickReply;
import org.switchboard.model.chat.RoutingDecision;
import org.switchboard.model.crm.CrmCase;
import org.switchboard.model.security.User;

/**
 * The operators' and supervisors' use cases on chats (CH-03..CH-08, CH-11, CH-12). Every method requires a signed-in
 * user and checks what that user may do: an operator works the chats of the queues they serve; holders of
 * {@code CanManageChats} see every chat and may complete any.
 */
@Stateless
@PermitAll
@DeclareRoles(Operations.CAN_MANAGE_CHATS)
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class.getName());
    public static final int PAGE_MAX = 500;
    public static final int REPLY_FILES_MAX = 10;
    public static final int REPLY_FILE_MAX_BYTES = 10 * 1024 * 1024;
    private static final int DISTRIBUTE_LIMIT = 50;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatWorks works;

    @Inject
    private ChatLifecycle lifecycle;

    @Inject
    private ChatRouting routing;

    @Inject
    private OutboundChats outbound;

    @Inject
    private ChannelFiles channelFiles;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatBots bots;

    @Inject
    private ChatBotCalls botCalls;

    @Inject
    @Any
    private Instance<ChatProcess> processes;

    @Resource
    private SessionContext context;

    /** The signed-in operator's status, the chats offered to them and the chats they hold (CH-12). */
    public MyChats myChats() {
        User me = self();
        ChatWork work = works.of(me.getLogin());
        OperatorStatusView status = status(work, me);
        List<ChatSummary> offered = List.of();
        // CH-04, CH-08: an Inactive operator, or one at the limit, sees no new chats.
        if (status.status() == OperatorStatus.ACTIVE && status.activeChats() < status.capacity()) {
            Set<Long> queues = queuesOf(me.getId());
            if (!queues.isEmpty()) {
                offered = summaries(fetch("c.status = :offered AND c.queue.id IN :queues ORDER BY c.createdAt, c.id")
                        .setParameter("offered", ChatStatus.OFFERED).setParameter("queues", queues).getResultList());
            }
        }
        List<ChatSummary> mine = summaries(fetch("c.operator.id = :me AND (c.status = :assigned OR c.status = :active) "
                + "ORDER BY c.createdAt, c.id").setParameter("me", me.getId())
                .setParameter("assigned", ChatStatus.ASSIGNED).setParameter("active", ChatStatus.ACTIVE)
                .getResultList());
        return new MyChats(status, offered, mine);
    }

    /** One chat with its history, routing decisions, actions and cases (CH-12). */
    public ChatDetail chat(long chatId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        ChatWork work = works.of(me.getLogin());
        Map<Long, List<AttachmentInfo>> files = em.createNamedQuery(ChatAttachment.OF_CHAT, AttachmentInfo.class)
                .setParameter("chatId", chatId).getResultList().stream()
                .collect(Collectors.groupingBy(AttachmentInfo::messageId));
        List<ChatMessageView> messages = em.createNamedQuery(ChatMessage.OF_CHAT, ChatMessage.class)
                .setParameter("chatId", chatId).getResultList().stream()
                .map(m -> new ChatMessageView(m.getId(), m.getDirection(), m.getBody(),
                        m.getAuthor() == null ? null : m.getAuthor().getLogin(),
                        m.getAuthor() == null ? chat.getContact().getName() : m.getAuthor().getDisplayName(),
                        m.getSentAt(), m.getStoredAt(), m.getDeliveryStatus(), m.getDeliveryError(),
                        files.getOrDefault(m.getId(), List.of())))
                .toList();
        List<RoutingDecisionView> routing = em.createNamedQuery(RoutingDecision.OF_CHAT, RoutingDecision.class)
                .setParameter("chatId", chatId).getResultList().stream().map(ChatService::decisionView).toList();
        boolean mineActive = chat.getStatus() == ChatStatus.ACTIVE && me.equals(chat.getOperator());
        List<ChatActionOption> actions = mineActive || manager()
                ? em.createNamedQuery(ChatAction.OF_QUEUE, ChatAction.class)
                        .setParameter("queueId", chat.getQueue().getId()).getResultList().stream()
                        .map(a -> new ChatActionOption(a.getId(), a.getTitle(), a.getProcess())).toList()
                : List.of();
        List<CaseView> cases = em.createNamedQuery(CrmCase.OF_CHAT, CrmCase.class).setParameter("chatId", chatId)
                .getResultList().stream().map(ChatService::caseView).toList();
        boolean canAccept = switch (chat.getStatus()) {
            case ASSIGNED -> me.equals(chat.getOperator());
            case OFFERED, QUEUED -> work.serves(chat.getQueue().getId(), me.getId());
            default -> false;
        };
        boolean canFinish = chat.getStatus() != ChatStatus.COMPLETED && (mineActive || manager());
        boolean canTake = chat.getStatus() == ChatStatus.BOT && mayTake(work, chat, me);
        return new ChatDetail(summary(chat), chat.getChannel().getLanguage(), messages, routing, actions, cases,
                canAccept, mineActive, canFinish, canTake);
    }

    /** The Chats section: chats matching the filter, newest first, that the caller may see (CH-12). */
    public ChatPage search(ChatFilter filter, int first, int max) {
        User me = self();
        ChatFilter f = filter == null ? ChatFilter.ALL : filter;
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> parameters = new HashMap<>();
        if (!manager()) {
            Set<Long> queues = queuesOf(me.getId());
            // The foreign keys' own columns: EclipseLink makes a path inside an OR an inner join, which dropped every
            // chat without an operator (waiting chats, bot dialogs) from an operator's list on Payara.
            where.append(" AND (c.operatorId = :me OR c.queueId IN :queues)");
            parameters.put("me", me.getId());
            queues.add(-1L);
            parameters.put("queues", queues);
        }
        condition(where, parameters, f.channelId(), "c.channel.id = :channelId", "channelId");
        condition(where, parameters, f.queueId(), "c.queue.id = :queueId", "queueId");
        condition(where, parameters, f.operatorId(), "c.operator.id = :operatorId", "operatorId");
        condition(where, parameters, f.status(), "c.status = :status", "status");
        condition(where, parameters, f.contactId(), "c.contact.id = :contactId", "contactId");
        condition(where, parameters, f.from() == null ? null : f.from().atStartOfDay().atOffset(ZoneOffset.UTC),
                "c.createdAt >= :from", "from");
        condition(where, parameters, f.to() == null ? null : f.to().plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                "c.createdAt < :to", "to");
        if (f.text() != null && !f.text().isBlank()) {
            where.append(" AND (c.contact.id IN (SELECT k.id FROM Contact k "
                    + "WHERE LOWER(k.name) LIKE :text) OR c.id IN (SELECT m.chat.id FROM ChatMessage m "
                    + "WHERE LOWER(m.body) LIKE :text))");
            parameters.put("text", "%" + f.text().strip().toLowerCase() + "%");
        }
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(c) FROM Chat c WHERE " + where, Long.class);
        TypedQuery<Chat> page = fetch(where + " ORDER BY c.createdAt DESC, c.id DESC");
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            page.setParameter(name, value);
        });
        List<Chat> chats = page.setFirstResult(Math.max(0, first)).setMaxResults(Math.max(1, Math.min(max, PAGE_MAX)))
                .getResultList();
        return new ChatPage(summaries(chats), count.getSingleResult());
    }

    /** Accepts an offered (CH-03: the first wins) or assigned (CH-04) chat. */
    public ChatSummary accept(long chatId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        ChatWork work = works.of(me.getLogin());
        lifecycle.accept(work, chat, me);
        flushOrTaken(chat);
        return summary(chat);
    }

    /** Stores the operator's reply and hands it to the channel (CH-12). */
    public ChatMessageView reply(long chatId, String text, List<FileUpload> files) {
        User me = self();
        List<FileUpload> attached = files == null ? List.of() : files;
        String body = text == null || text.isBlank() ? null : text.strip();
        if (body == null && attached.isEmpty()) {
            throw new InvalidInputException("validation.chat.replyEmpty", "text");
        }
        if (body != null && body.length() > ChatMessage.BODY_MAX) {
            throw new InvalidInputException("validation.tooLong", "text", ChatMessage.BODY_MAX);
        }
        if (attached.size() > REPLY_FILES_MAX) {
            throw new InvalidInputException("validation.chat.tooManyFiles", "files", REPLY_FILES_MAX);
        }
        for (FileUpload file : attached) {
            if (file.fileName() == null || file.fileName().isBlank() || file.content() == null
                    || file.fileName().length() > ChatAttachment.FILE_NAME_MAX) {
                throw new InvalidInputException("validation.chat.fileInvalid", "files");
            }
            if (file.content().length > REPLY_FILE_MAX_BYTES) {
                throw new InvalidInputException("validation.chat.fileTooLarge", "files", file.fileName(),
                        REPLY_FILE_MAX_BYTES / (1024 * 1024));
            }
        }
        Chat chat = visibleChat(chatId, me);
        ChannelAdapter adapter = adapters.of(chat.getChannel().getProvider());
        for (FileUpload file : attached) {
            // WA-03: the messenger's own rules, checked before anything is stored.
            adapter.uploadRefusal(file.fileName(), file.contentType(), file.content().length).ifPresent(refusal -> {
                throw new InvalidInputException(refusal.messageKey(), "files", refusal.arguments());
            });
        }
        ChatWork work = works.of(me.getLogin());
        List<FileUpload> clean = attached.stream().map(f -> new FileUpload(f.fileName().strip(),
                f.contentType() == null || f.contentType().isBlank() ? "application/octet-stream" : f.contentType(),
                f.content())).toList();
        ChatMessage message = lifecycle.reply(work, chat, me, body, clean);
        em.flush();
        outbound.dispatch(work, message);
        flushOrTaken(chat);
        List<AttachmentInfo> infos = em.createNamedQuery(ChatAttachment.OF_MESSAGE, ChatAttachment.class)
                .setParameter("messageId", message.getId()).getResultList().stream()
                .map(a -> new AttachmentInfo(a.getId(), message.getId(), a.getFileName(), a.getContentType(),
                        a.getSizeBytes(), a.getSourceUrl()))
                .toList();
        return new ChatMessageView(message.getId(), message.getDirection(), message.getBody(), me.getLogin(),
                me.getDisplayName(), message.getSentAt(), message.getStoredAt(), message.getDeliveryStatus(),
                message.getDeliveryError(), infos);
    }

    /** Completes the chat (CH-12): its operator, or a holder of CanManageChats; waiting chats then get the place. */
    public ChatSummary finish(long chatId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        if (chat.getStatus() == ChatStatus.COMPLETED) {
            throw new RuleViolationException("error.chat.completed", null, chatId);
        }
        boolean mine = chat.getStatus() == ChatStatus.ACTIVE && me.equals(chat.getOperator());
        if (!mine && !manager()) {
            throw new RuleViolationException("error.chat.notYours", null, chatId);
        }
        ChatWork work = works.of(me.getLogin());
        lifecycle.complete(work, chat, ChatCompletion.OPERATOR);
        flushOrTaken(chat);
        routing.distributeWaiting(work, DISTRIBUTE_LIMIT);
        return summary(chat);
    }

    /**
     * Takes a bot dialog from the channel's external bot (FB-05): Messenger's {@code take_thread_control} first,
     * outside any transaction, then the chat is the caller's, in work. An operator of its queue or a holder of
     * {@code CanManageChats} may, as they may accept or finish chats. Messenger's refusal is a 502 with its reason,
     * and the chat stays a bot dialog.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ChatSummary takeFromBot(long chatId) {
        ChatService self = context.getBusinessObject(ChatService.class);
        ChatBotCalls.Target target = self.botDialogToTake(chatId);
        try {
            adapters.of(target.channel().getProvider()).takeFromBot(target.channel(), target.customer(),
                    "Taken by " + Callers.login(context) + " in Switchboard");
        } catch (ProviderRefusedException e) {
            LOG.warning(() -> "Chat " + chatId + " not taken from the external bot: " + e.getMessage());
            throw new ProviderException("error.chat.takeFromBotRefused", null, e.getMessage());
        }
        return self.takenFromBot(chatId);
    }

    /** The first step of {@link #takeFromBot}: whether the caller may take the chat, and from where. */
    public ChatBotCalls.Target botDialogToTake(long chatId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        if (chat.getStatus() != ChatStatus.BOT) {
            throw new RuleViolationException("error.chat.notBotDialog", null, chatId);
        }
        if (!mayTake(works.of(me.getLogin()), chat, me)) {
            throw new RuleViolationException("error.chat.notOperator", null, chat.getQueue().getName());
        }
        return botCalls.target(chatId).orElseThrow(() -> new RecordNotFoundException("Chat", chatId));
    }

    /** The last step of {@link #takeFromBot}: Messenger gave Switchboard the conversation; the chat is the caller's. */
    public ChatSummary takenFromBot(long chatId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        if (chat.getStatus() != ChatStatus.BOT) {
            throw new RuleViolationException("error.chat.notBotDialog", null, chatId);
        }
        bots.taken(works.of(me.getLogin()), chat, me);
        flushOrTaken(chat);
        return summary(chat);
    }

    private boolean mayTake(ChatWork work, Chat chat, User me) {
        return manager() || work.serves(chat.getQueue().getId(), me.getId());
    }

    /** Runs one of the queue's chat actions on the chat (CH-07). */
    public ChatProcess.ProcessResult runAction(long chatId, long actionId) {
        User me = self();
        Chat chat = visibleChat(chatId, me);
        ChatAction action = em.find(ChatAction.class, actionId);
        if (action == null || !action.getQueue().equals(chat.getQueue())) {
            throw new RecordNotFoundException("ChatAction", actionId);
        }
        boolean mine = chat.getStatus() == ChatStatus.ACTIVE && me.equals(chat.getOperator());
        if (!mine && !manager()) {
            throw new RuleViolationException("error.chat.notYours", null, chatId);
        }
        Instance<ChatProcess> process = processes.select(NamedLiteral.of(action.getProcess()));
        if (!process.isResolvable()) {
            throw new RuleViolationException("error.chatAction.unknownProcess", null, action.getProcess());
        }
        ChatProcess.ProcessResult result = process.get().run(new ChatProcess.ProcessInput(chat.getId(),
                chat.getContact().getId(), me.getLogin()));
        ChatWork work = works.of(me.getLogin());
        var extra = Jsons.object().add("actionId", action.getId()).add("title", action.getTitle())
                .add("process", action.getProcess());
        if (result.recordId() == null) {
            extra.addNull("recordId");
        } else {
            extra.add("recordId", result.recordId());
        }
        outbox.record(ChatEvent.of(ChatEvent.ACTION_RUN, chat, work.audience(chat), extra), me.getLogin());
        LOG.info(() -> "Chat action " + action.getProcess() + " run on chat " + chatId + " by " + me.getLogin());
        return result;
    }

    /** The quick replies in the language of the chat's channel (CH-11). */
    public List<QuickReplyOption> quickReplies(long chatId) {
        Chat chat = visibleChat(chatId, self());
        return em.createNamedQuery(QuickReply.OF_LANGUAGE, QuickReply.class)
                .setParameter("language", chat.getChannel().getLanguage()).getResultList().stream()
                .map(r -> new QuickReplyOption(r.getId(), r.getTitle(), r.getBody())).toList();
    }

    /** An attachment of a chat the caller may see. */
    public AttachmentContent attachment(long attachmentId) {
        ChatAttachment file = em.find(ChatAttachment.class, attachmentId);
        if (file == null) {
            throw new RecordNotFoundException("ChatAttachment", attachmentId);
        }
        Chat chat = visibleChat(file.getMessage().getChat().getId(), self());
        if (file.getContent() == null) {
            // TG-*, WA-02: a customer's file that could not be fetched as it arrived is fetched when opened, and kept;
            // so is a Custom channel's file given by URL (CH-12, issue 18).
            channelFiles.fetch(chat.getChannel(), file.getSourceUrl(), file.getFileName(), file.getContentType())
                    .ifPresent(fetched -> file.fetched(fetched.content()));
        }
        return new AttachmentContent(file.getFileName(), file.getContentType(), file.getContent());
    }

    /** The signed-in operator's status (CH-04). */
    public OperatorStatusView myStatus() {
        User me = self();
        return status(works.of(me.getLogin()), me);
    }

    /** The signed-in operator sets themselves Active or Inactive (CH-04); Active gets waiting chats at once. */
    public OperatorStatusView setMyStatus(OperatorStatus status) {
        if (status == null) {
            throw new InvalidInputException("validation.required", "status");
        }
        User me = self();
        ChatWork work = works.of(me.getLogin());
        if (lifecycle.setStatus(work, me, status)) {
            try {
                em.flush();
            } catch (OptimisticLockException e) {
                throw new ConcurrentChangeException("OperatorState", me.getId());
            }
            if (status == OperatorStatus.ACTIVE) {
                routing.distributeWaiting(work, DISTRIBUTE_LIMIT);
            }
        }
        return status(work, me);
    }

    // ---------------------------------------------------------------- helpers

    private OperatorStatusView status(ChatWork work, User user) {
        OperatorState state = em.find(OperatorState.class, user.getId());
        int capacity = work.capacity();
        return state == null ? new OperatorStatusView(OperatorStatus.ACTIVE, null, null, 0, capacity)
                : new OperatorStatusView(state.getStatus(), state.getStatusChangedAt(), state.getStatusReason(),
                        state.getActiveChats(), capacity);
    }

    private void flushOrTaken(Chat chat) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new RuleViolationException("error.chat.alreadyTaken", null, "");
        } catch (PersistenceException e) {
            throw new ConcurrentChangeException("Chat", chat.getId());
        }
    }

    private boolean manager() {
        return context.isCallerInRole(Operations.CAN_MANAGE_CHATS);
    }

    private Set<Long> queuesOf(long userId) {
        Set<Long> queues = new HashSet<>(em.createNamedQuery(ChatQueueOperator.QUEUES_OF_USER, Long.class)
                .setParameter("userId", userId).getResultList());
        queues.addAll(em.createNamedQuery(ChatQueueOperator.QUEUES_OF_USER_ROLES, Long.class)
                .setParameter("userId", userId).getResultList());
        return queues;
    }

    /** The chat, if the caller may see it: its operator, an operator of its queue, or a chat manager. */
    private Chat visibleChat(long chatId, User me) {
        Chat chat = em.find(Chat.class, chatId);
        if (chat == null || !(manager() || me.equals(chat.getOperator())
                || queuesOf(me.getId()).contains(chat.getQueue().getId()))) {
            throw new RecordNotFoundException("Chat", chatId);
        }
        return chat;
    }

    private User self() {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().orElseThrow(() -> new RecordNotFoundException("User", login));
    }

    private TypedQuery<Chat> fetch(String whereAndOrder) {
        return em.createQuery("SELECT c FROM Chat c JOIN FETCH c.channel JOIN FETCH c.queue JOIN FETCH c.contact "
                + "LEFT JOIN FETCH c.operator WHERE " + whereAndOrder, Chat.class);
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, Object value, String clause,
            String name) {
        if (value != null) {
            where.append(" AND ").append(clause);
            parameters.put(name, value);
        }
    }

    /**
     * The chats' summaries. How many messages a chat has, its last message and when its client last wrote are read
     * from its messages, three queries for the whole list: keeping them on the chat row cost a write per message.
     */
    private List<ChatSummary> summaries(List<Chat> chats) {
        if (chats.isEmpty()) {
            return List.of();
        }
        List<Long> ids = chats.stream().map(Chat::getId).toList();
        Map<Long, Long> counts = new HashMap<>();
        Map<Long, Long> lastIds = new HashMap<>();
        for (Object[] row : em.createNamedQuery(ChatMessage.COUNT_AND_LAST_OF_CHATS, Object[].class)
                .setParameter("chatIds", ids).getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
            lastIds.put(((Number) row[0]).longValue(), ((Number) row[2]).longValue());
        }
        Map<Long, String> previews = new HashMap<>();
        if (!lastIds.isEmpty()) {
            for (Object[] row : em.createNamedQuery(ChatMessage.PREVIEWS, Object[].class)
                    .setParameter("ids", List.copyOf(lastIds.values())).getResultList()) {
                previews.put(((Number) row[0]).longValue(),
                        ChatTexts.preview((String) row[1], ((Number) row[2]).intValue()));
            }
        }
        Map<Long, OffsetDateTime> lastInbound = new HashMap<>();
        for (Object[] row : em.createNamedQuery(ChatMessage.LAST_STORED_OF_CHATS, Object[].class)
                .setParameter("chatIds", ids).setParameter("direction", MessageDirection.INBOUND).getResultList()) {
            lastInbound.put(((Number) row[0]).longValue(), (OffsetDateTime) row[1]);
        }
        return chats.stream().map(c -> {
            Long last = lastIds.get(c.getId());
            return summary(c, lastInbound.get(c.getId()), counts.getOrDefault(c.getId(), 0L).intValue(),
                    last == null ? null : previews.get(last));
        }).toList();
    }

    private ChatSummary summary(Chat chat) {
        return summaries(List.of(chat)).get(0);
    }

    private static ChatSummary summary(Chat c, OffsetDateTime lastInboundAt, int messageCount, String lastMessage) {
        User operator = c.getOperator();
        return new ChatSummary(c.getId(), c.getChannel().getId(), c.getChannel().getName(),
                c.getChannel().getProvider(), c.getQueue().getId(), c.getQueue().getName(), c.getContact().getId(),
                c.getContact().getName(), c.getStatus(), operator == null ? null : operator.getId(),
                operator == null ? null : operator.getLogin(), operator == null ? null : operator.getDisplayName(),
                c.getCreatedAt(), c.getAcceptDeadline(), lastInboundAt, c.getLastOutboundAt(),
                c.getCompletedAt(), c.getCompletion(), messageCount, lastMessage);
    }

    static CaseView caseView(CrmCase c) {
        return new CaseView(c.getId(), c.getSubject(), c.getStatus(), c.getContact().getId(),
                c.getChat() == null ? null : c.getChat().getId(), c.getCreatedAt(), c.getCreatedBy());
    }

    static RoutingDecisionView decisionView(RoutingDecision d) {
        Integer capacity = null;
        List<CandidateView> candidates = List.of();
        if (d.getCandidates() != null) {
            try (JsonReader reader = Jsons.reader(d.getCandidates())) {
                JsonObject json = reader.readObject();
                capacity = json.getInt("capacity");
                JsonArray list = json.getJsonArray("candidates");
                candidates = list.stream().map(JsonValue::asJsonObject).map(o -> new CandidateView(
                        o.getJsonNumber("userId").longValue(), o.getString("login"),
                        OperatorStatus.valueOf(o.getString("status")), o.getInt("load"),
                        o.isNull("lastAssignedAt") ? null : OffsetDateTime.parse(o.getString("lastAssignedAt")),
                        CandidateVerdict.valueOf(o.getString("verdict")))).toList();
            }
        }
        return new RoutingDecisionView(d.getId(), d.getDecidedAt(), d.getRule(), d.getOutcome(),
                d.getOperator() == null ? null : d.getOperator().getLogin(), d.getReason(), capacity, candidates);
    }
}
