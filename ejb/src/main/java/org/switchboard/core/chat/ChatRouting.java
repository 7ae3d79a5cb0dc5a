package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.switchboard.core.common.InLists;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatQueue;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingDecision;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.security.User;

/**
 * Routing and assignment (CH-03, CH-04, CH-06, CH-08) in the caller's transaction: offers a chat to every eligible
 * operator of its queue, assigns it to the least busy one, or keeps it waiting, and distributes waiting chats as
 * operators get a free place. Decisions come from {@link ChatRouter}; this class loads the facts (the operators and
 * their states), applies the decision, records it with its reasons and journals the events. Capacity is kept by
 * {@link OperatorState#getActiveChats()} under optimistic locking, so that concurrent transactions (an operator
 * accepting while a message is routed, two nodes) never exceed {@code SimultaneousChats}: the loser rolls back and is
 * retried.
 */
@ApplicationScoped
public class ChatRouting {

    private static final int DECISION_CANDIDATES_MAX = 40;
    /** At most this many values in one IN list of a look-up. */
    private static final int PREFETCH_CHUNK = 500;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatTiming timing;

    /**
     * Routes a new or waiting chat by its queue's rule (CH-03, CH-04, CH-08) and records the decision. A chat that
     * was waiting and still finds nobody is left as it is, without a new record.
     */
    public RoutingPlan route(ChatWork work, Chat chat) {
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
                outbox.record(work.event(ChatEvent.QUEUED, chat, work.queueAudience(chat), ChatEvent.none()),
                        work.actor());
            }
            case OFFERED -> {
                chat.setStatus(ChatStatus.OFFERED);
                chat.setRoutedAt(work.now);
                decide(work, chat, plan, null, "Offered to " + plan.offeredTo().size() + " operator(s)");
                JsonArrayBuilder offeredTo = Jsons.array();
                plan.candidates().stream().filter(j -> j.verdict() == CandidateVerdict.OFFERED)
                        .forEach(j -> offeredTo.add(j.candidate().login()));
                outbox.record(work.event(ChatEvent.OFFERED, chat, work.queueAudience(chat),
                        Jsons.object().add("offeredTo", offeredTo)), work.actor());
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
                outbox.record(work.event(ChatEvent.ASSIGNED, chat, List.of(login),
                        Jsons.object().add("acceptDeadline", ChatEvent.time(chat.getAcceptDeadline()))),
                        work.actor());
            }
        }
        return plan;
    }

    private List<OperatorCandidate> candidates(ChatWork work, long queueId) {
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
    OperatorState state(ChatWork work, long userId) {
        if (!work.states.containsKey(userId)) {
            work.states.put(userId, em.find(OperatorState.class, userId));
        }
        return work.states.get(userId);
    }

    OperatorState stateForUpdate(ChatWork work, long userId) {
        OperatorState state = state(work, userId);
        if (state == null) {
            state = new OperatorState(userId, work.now);
            em.persist(state);
            work.states.put(userId, state);
        }
        return state;
    }

    private void decide(ChatWork work, Chat chat, RoutingPlan plan, User operator, String reason) {
        em.persist(new RoutingDecision(chat, work.now, plan.rule(), plan.outcome(), operator,
                ChatTexts.truncate(reason, RoutingDecision.REASON_MAX), candidatesJson(plan)));
    }

    void note(ChatWork work, Chat chat, RoutingOutcome outcome, User operator, String reason) {
        em.persist(new RoutingDecision(chat, work.now, chat.getQueue().getRoutingRule(), outcome, operator,
                ChatTexts.truncate(reason, RoutingDecision.REASON_MAX), null));
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

    /**
     * Routes waiting chats to operators who have a free place (CH-08: distributed as soon as somebody has capacity),
     * oldest first across the queues, so that an operator serving several queues who gets several places at once
     * (back Active, a higher limit) gets the chats that waited longest, whichever queue they wait in. A queue whose
     * operators have no free place is left out without loading its chats, so a long waiting line costs one query per
     * tick; a queue that fills up on the way is skipped from then on.
     *
     * @return how many chats left the waiting state
     */
    public int distributeWaiting(ChatWork work, int limit) {
        List<Object[]> queues = em.createNamedQuery(Chat.QUEUES_WITH_STATUS, Object[].class)
                .setParameter("status", ChatStatus.QUEUED).getResultList();
        List<Long> withPlace = new ArrayList<>();
        for (Object[] row : queues) {
            long queueId = (Long) row[0];
            ChatQueue queue = em.find(ChatQueue.class, queueId);
            if (ChatRouter.route(queue.getRoutingRule(), candidates(work, queueId), work.capacity())
                    .outcome() != RoutingOutcome.QUEUED) {
                withPlace.add(queueId);
            }
        }
        if (withPlace.isEmpty()) {
            return 0; // nobody has a free place: no chat is even loaded
        }
        List<Long> waiting = em.createNamedQuery(Chat.IDS_OF_QUEUES_BY_STATUS, Long.class)
                .setParameter("status", ChatStatus.QUEUED).setParameter("queueIds", InLists.padded(withPlace))
                .setMaxResults(limit).getResultList();
        Set<Long> full = new HashSet<>();
        int routed = 0;
        for (Long id : waiting) {
            Chat chat = em.find(Chat.class, id);
            if (chat == null || chat.getStatus() != ChatStatus.QUEUED || full.contains(chat.getQueueId())) {
                continue;
            }
            if (route(work, chat).outcome() == RoutingOutcome.QUEUED) {
                full.add(chat.getQueueId()); // routing only takes places, so the queue stays full in this call
            } else {
                routed++;
            }
        }
        return routed;
    }
}
