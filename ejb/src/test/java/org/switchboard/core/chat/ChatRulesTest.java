package org.switchboard.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.chat.WiredChatRules.ChatRow;
import org.switchboard.core.chat.WiredChatRules.OperatorRow;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.settings.SettingCodes;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingRule;

/**
 * The assignment rules (CH-03..CH-06, CH-08) run by the real chat classes against a migrated database, with time moved
 * only through the clock and {@link ChatTimeouts#processDue(OffsetDateTime)}, as the timer calls it: routing to all
 * or to the least busy, the accept timeout, the completion timeout, capacity across channels and queues served by a
 * role. Each test starts from an empty database of its own ({@link WiredChatRules}).
 */
class ChatRulesTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    private WiredChatRules rules;

    @BeforeEach
    void start() {
        rules = new WiredChatRules(T0);
    }

    @AfterEach
    void stop() throws SQLException {
        try {
            assertEquals(List.of(), rules.timerFailures(), "steps of processDue that failed");
        } finally {
            rules.close();
        }
    }

    private void at(OffsetDateTime time) {
        rules.clock.set(time);
    }

    /** A customer's message at that time; returns its chat. */
    private long receiveAt(OffsetDateTime time, long channel, String customer, String text) {
        at(time);
        return rules.receive(channel, customer, text);
    }

    @Test
    @DisplayName("CH-04 an assigned chat not accepted within OmniChatOperatorAcceptChatTimeout goes, when processDue "
            + "runs past the deadline and not before, to the next least busy operator; the first is switched "
            + "Inactive with the reason and gets no chat until Active again, then waiting chats reach them")
    void acceptTimeoutReassignsAndSwitchesInactive() {
        rules.setting(SettingCodes.OPERATOR_ACCEPT_CHAT_TIMEOUT, "3");
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "2");
        rules.user("ann");
        rules.user("bob");
        long channel = rules.channel("Site", rules.queue("Support", RoutingRule.LEAST_BUSY, null, "ann", "bob"));

        long chat = rules.receive(channel, "carla", "Hello");
        OffsetDateTime deadline = T0.plusMinutes(3);
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", deadline, null, null), rules.chat(chat));
        assertEquals(List.of(
                "ChatCreated #" + chat + " QUEUED - -> [ann, bob]",
                "ChatAssigned #" + chat + " ASSIGNED ann -> [ann]",
                "ChatMessageReceived #" + chat + " ASSIGNED ann -> [ann]"), rules.takeEvents());

        at(deadline.minusSeconds(1));
        assertEquals(0, rules.processDue(), "nothing is due a second before the deadline");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", deadline, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, T0, null), rules.operator("ann"));
        assertEquals(List.of(), rules.takeEvents());

        OffsetDateTime late = deadline.plusSeconds(1);
        at(late);
        assertEquals(1, rules.processDue(), "the accept timeout is the one change");
        String reason = "Did not accept chat " + chat + " within 3 minute(s)";
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "bob", late.plusMinutes(3), null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.INACTIVE, 0, T0, reason), rules.operator("ann"));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, late, null), rules.operator("bob"));
        assertEquals(List.of(
                "ASSIGNED ann: Least busy: 0 chat(s) in work, never took a chat "
                        + "[ann/0 CHOSEN, bob/0 TOOK_A_CHAT_MORE_RECENTLY]",
                "REASSIGNED ann: " + reason + "; switched to Inactive",
                "ASSIGNED bob: Least busy: 0 chat(s) in work, never took a chat [bob/0 CHOSEN, ann/0 INACTIVE]"),
                rules.decisions(chat));
        assertEquals(List.of(
                "OperatorStatusChanged ann INACTIVE (" + reason + ")",
                "ChatReassigned #" + chat + " QUEUED - -> [ann] {\"previousOperatorLogin\":\"ann\"}",
                "ChatAssigned #" + chat + " ASSIGNED bob -> [bob]"), rules.takeEvents());
        rules.accept(chat, "bob");

        // Inactive, ann gets nothing although she holds no chat: the next chat goes to bob, then there is no place.
        long second = receiveAt(late.plusMinutes(1), channel, "dora", "Hi");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "bob", late.plusMinutes(4), null, null), rules.chat(second));
        rules.accept(second, "bob");
        long third = receiveAt(late.plusMinutes(2), channel, "emil", "Anyone?");
        assertEquals(new ChatRow(ChatStatus.QUEUED, null, null, null, null), rules.chat(third));
        assertEquals(List.of("QUEUED -: No operator is Active with a free place [ann/0 INACTIVE, bob/2 AT_CAPACITY]"),
                rules.decisions(third));
        at(late.plusMinutes(30));
        assertEquals(0, rules.processDue(), "an Inactive operator gets no waiting chat");
        assertEquals(new ChatRow(ChatStatus.QUEUED, null, null, null, null), rules.chat(third));
        rules.takeEvents();

        OffsetDateTime active = late.plusMinutes(31);
        at(active);
        rules.setStatus("ann", OperatorStatus.ACTIVE);
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", active.plusMinutes(3), null, null), rules.chat(third));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, active, null), rules.operator("ann"));
        assertEquals(List.of(
                "OperatorStatusChanged ann ACTIVE",
                "ChatAssigned #" + third + " ASSIGNED ann -> [ann]"), rules.takeEvents());
    }

    @Test
    @DisplayName("CH-05 processDue completes a chat once the queue's completion timeout has passed since the last "
            + "outgoing message (a later incoming one does not restart it); the client's next message opens a new "
            + "chat that is routed again")
    void completionTimeoutCountsFromTheLastOutgoingMessage() {
        rules.user("ann");
        long channel = rules.channel("Site", rules.queue("Sales", RoutingRule.LEAST_BUSY, 10, "ann"));

        long chat = rules.receive(channel, "carla", "Hello");
        at(T0.plusMinutes(1));
        rules.accept(chat, "ann");
        OffsetDateTime replied = T0.plusMinutes(2);
        at(replied);
        rules.reply(chat, "ann", "How can I help?");
        at(T0.plusMinutes(5));
        rules.receive(channel, "carla", "One moment, please");
        OffsetDateTime due = replied.plusMinutes(10);
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "ann", null, due, null), rules.chat(chat),
                "the incoming message leaves the completion time as the reply set it");
        rules.takeEvents();

        at(due.minusSeconds(1));
        assertEquals(0, rules.processDue());
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "ann", null, due, null), rules.chat(chat));

        at(due);
        assertEquals(1, rules.processDue());
        assertEquals(new ChatRow(ChatStatus.COMPLETED, "ann", null, null, ChatCompletion.TIMEOUT), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 0, T0, null), rules.operator("ann"));
        assertEquals(List.of("ChatCompleted #" + chat + " COMPLETED ann -> [ann] {\"completion\":\"TIMEOUT\"}"),
                rules.takeEvents());
        assertEquals(List.of(
                "ASSIGNED ann: Least busy: 0 chat(s) in work, never took a chat [ann/0 CHOSEN]",
                "ACCEPTED ann: ann accepted the assigned chat",
                "COMPLETED ann: No message for 10 minute(s) after the last outgoing message"),
                rules.decisions(chat));

        OffsetDateTime again = T0.plusMinutes(20);
        long next = receiveAt(again, channel, "carla", "Me again");
        assertNotEquals(chat, next, "a new chat");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", again.plusMinutes(5), null, null), rules.chat(next));
        assertEquals(List.of("ASSIGNED ann: Least busy: 0 chat(s) in work, last took a chat at " + T0
                + " [ann/0 CHOSEN]"), rules.decisions(next));
        assertEquals(List.of(
                "ChatCreated #" + next + " QUEUED - -> [ann]",
                "ChatAssigned #" + next + " ASSIGNED ann -> [ann]",
                "ChatMessageReceived #" + next + " ASSIGNED ann -> [ann]"), rules.takeEvents());
        assertEquals(List.of("INBOUND Hello RECEIVED", "OUTBOUND How can I help? SENT",
                "INBOUND One moment, please RECEIVED"), rules.messages(chat));
        assertEquals(List.of("INBOUND Me again RECEIVED"), rules.messages(next));
        assertEquals(List.of("ann to carla: How can I help?"), rules.handedOver());
    }

    @Test
    @DisplayName("CH-05 CH-08 a client who writes after the completion timeout, before the timer ran, ends the chat; "
            + "the freed place goes to the chat waiting longest, and the client's new chat waits behind it")
    void messageAfterCompletionTimeoutDoesNotOvertakeWaitingChats() {
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "1");
        rules.user("ann");
        long channel = rules.channel("Site", rules.queue("Sales", RoutingRule.LEAST_BUSY, 10, "ann"));
        long chat = takenBy(channel, "carla", "ann");
        at(T0.plusMinutes(1));
        rules.reply(chat, "ann", "Anything else?");
        long waiting = receiveAt(T0.plusMinutes(2), channel, "dora", "Hello");
        assertEquals(ChatStatus.QUEUED, rules.chat(waiting).status());
        rules.takeEvents();

        OffsetDateTime late = T0.plusMinutes(11).plusSeconds(30);
        long again = receiveAt(late, channel, "carla", "Me again");
        assertNotEquals(chat, again, "a new chat");
        assertEquals(new ChatRow(ChatStatus.COMPLETED, "ann", null, null, ChatCompletion.TIMEOUT), rules.chat(chat));
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", late.plusMinutes(5), null, null), rules.chat(waiting),
                "dora, waiting since T0+2, gets the place");
        assertEquals(new ChatRow(ChatStatus.QUEUED, null, null, null, null), rules.chat(again));
        assertEquals(List.of(
                "ChatCompleted #" + chat + " COMPLETED ann -> [ann] {\"completion\":\"TIMEOUT\"}",
                "ChatAssigned #" + waiting + " ASSIGNED ann -> [ann]",
                "ChatCreated #" + again + " QUEUED - -> [ann]",
                "ChatQueued #" + again + " QUEUED - -> [ann]",
                "ChatMessageReceived #" + again + " QUEUED - -> [ann]"), rules.takeEvents());
        assertEquals(0, rules.processDue(), "the timer finds nothing left to do");
    }

    @Test
    @DisplayName("CH-05 a queue without a completion timeout never completes a chat on its own")
    void noCompletionTimeoutNeverCompletes() {
        rules.user("ann");
        long channel = rules.channel("Site", rules.queue("Partners", RoutingRule.LEAST_BUSY, null, "ann"));
        long chat = rules.receive(channel, "carla", "Hello");
        rules.accept(chat, "ann");
        rules.reply(chat, "ann", "Hello Carla");

        at(T0.plusYears(10));
        assertEquals(0, rules.processDue());
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "ann", null, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, T0, null), rules.operator("ann"));
    }

    /** The channels of ann's two queues. */
    private record Channels(long support, long billing) {
    }

    /**
     * ann, holding at most two chats at once, serves "Support" (channel Site) and "Billing" (channel Billing bot), both
     * "To the least busy"; Billing is made second, so that "oldest first" cannot pass for "lowest queue first".
     */
    private Channels annServesTwoQueues() {
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "2");
        rules.user("ann");
        return new Channels(rules.channel("Site", rules.queue("Support", RoutingRule.LEAST_BUSY, null, "ann")),
                rules.channel("Billing bot", rules.queue("Billing", RoutingRule.LEAST_BUSY, null, "ann")));
    }

    @Test
    @DisplayName("CH-08 an operator serving two queues and channels holds at most SimultaneousChats chats in all; "
            + "the next chats wait QUEUED and reach them oldest first as they finish one (or, through processDue, "
            + "as the limit rises)")
    void capacityCountsAcrossChannels() {
        Channels channels = annServesTwoQueues();
        long support = channels.support();
        long billing = channels.billing();

        long a = rules.receive(support, "carla", "Hello");
        long b = receiveAt(T0.plusSeconds(10), billing, "dora", "Invoice?");
        rules.accept(a, "ann");
        rules.accept(b, "ann");
        // The oldest waiting chat is in the queue created last.
        long z = receiveAt(T0.plusSeconds(20), billing, "emil", "Refund?");
        long w = receiveAt(T0.plusSeconds(30), support, "fay", "Login fails");
        long v = receiveAt(T0.plusSeconds(40), billing, "gus", "VAT number");
        for (long waiting : List.of(z, w, v)) {
            assertEquals(new ChatRow(ChatStatus.QUEUED, null, null, null, null), rules.chat(waiting));
            assertEquals(List.of("QUEUED -: No operator is Active with a free place [ann/2 AT_CAPACITY]"),
                    rules.decisions(waiting));
        }
        assertHolds("ann", 2);

        at(T0.plusMinutes(1));
        assertEquals(0, rules.processDue(), "nobody has a free place");
        assertHolds("ann", 2);

        at(T0.plusMinutes(2));
        rules.takeEvents();
        rules.finish(a, "ann");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", T0.plusMinutes(7), null, null), rules.chat(z));
        assertEquals(ChatStatus.QUEUED, rules.chat(w).status());
        assertEquals(ChatStatus.QUEUED, rules.chat(v).status());
        assertEquals(1, rules.decisions(v).size(), "a chat that still finds nobody gets no new decision");
        assertEquals(List.of(
                "ChatCompleted #" + a + " COMPLETED ann -> [ann] {\"completion\":\"OPERATOR\"}",
                "ChatAssigned #" + z + " ASSIGNED ann -> [ann]"), rules.takeEvents());
        assertHolds("ann", 2);
        rules.accept(z, "ann");

        at(T0.plusMinutes(3));
        rules.finish(b, "ann");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", T0.plusMinutes(8), null, null), rules.chat(w));
        assertEquals(ChatStatus.QUEUED, rules.chat(v).status());
        assertHolds("ann", 2);
        rules.accept(w, "ann");

        at(T0.plusMinutes(4));
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "3");
        assertEquals(1, rules.processDue(), "the timer hands the new place to the waiting chat");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", T0.plusMinutes(9), null, null), rules.chat(v));
        assertHolds("ann", 3);
    }

    @Test
    @DisplayName("CH-08 an operator with several free places at once (back Active) gets the chats waiting longest, "
            + "whichever of their queues those wait in")
    void severalPlacesGoToTheOldestChatsAcrossQueues() {
        Channels channels = annServesTwoQueues();
        long support = channels.support();
        long billing = channels.billing();
        rules.setStatus("ann", OperatorStatus.INACTIVE);
        long z = rules.receive(billing, "emil", "Refund?");
        long w = receiveAt(T0.plusSeconds(10), support, "fay", "Login fails");
        long v = receiveAt(T0.plusSeconds(20), billing, "gus", "VAT number");

        OffsetDateTime back = T0.plusMinutes(15);
        at(back);
        rules.setStatus("ann", OperatorStatus.ACTIVE);
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", back.plusMinutes(5), null, null), rules.chat(z));
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", back.plusMinutes(5), null, null), rules.chat(w),
                "fay's chat waited longer than gus's");
        assertEquals(new ChatRow(ChatStatus.QUEUED, null, null, null, null), rules.chat(v));
        assertHolds("ann", 2);
    }

    @Test
    @DisplayName("CH-08 waiting chats of a queue whose operators fill up do not hold back those of another queue")
    void aFullQueueDoesNotHoldBackAnother() {
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "1");
        rules.user("ann");
        rules.user("bob");
        long support = rules.channel("Site", rules.queue("Support", RoutingRule.LEAST_BUSY, null, "ann"));
        long billing = rules.channel("Billing bot", rules.queue("Billing", RoutingRule.LEAST_BUSY, null, "bob"));
        takenBy(support, "carla", "ann");
        takenBy(billing, "dora", "bob");
        long first = receiveAt(T0.plusSeconds(10), support, "emil", "Hello");
        long second = receiveAt(T0.plusSeconds(20), support, "fay", "Hello");
        long third = receiveAt(T0.plusSeconds(30), billing, "gus", "Hello");

        at(T0.plusMinutes(1));
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "2");
        assertEquals(2, rules.processDue(), "one more place each for ann and bob");
        assertEquals("ann", rules.chat(first).operator());
        assertEquals(ChatStatus.QUEUED, rules.chat(second).status());
        assertEquals("bob", rules.chat(third).operator(), "gus's chat, behind fay's, still reaches bob");
    }

    /** The operator's counted load agrees with the chats they hold. */
    private void assertHolds(String login, int chats) {
        assertEquals(chats, rules.operator(login).activeChats(), login + "'s counted load");
        assertEquals(chats, rules.chatsHeldBy(login), login + "'s assigned and active chats");
    }

    @Test
    @DisplayName("CH-03 'To all' offers a chat to every eligible operator, not to an Inactive or full one; the first "
            + "to accept takes it, the second gets error.chat.alreadyTaken")
    void toAllFirstAcceptWins() {
        rules.setting(SettingCodes.SIMULTANEOUS_CHATS, "1");
        for (String login : List.of("ann", "bob", "cat", "dan")) {
            rules.user(login);
        }
        long sales = rules.channel("Site", rules.queue("Sales", RoutingRule.TO_ALL, null, "ann", "bob", "cat", "dan"));
        long vip = rules.channel("VIP line", rules.queue("VIP", RoutingRule.LEAST_BUSY, null, "dan"));
        rules.setStatus("cat", OperatorStatus.INACTIVE);
        long danHolds = rules.receive(vip, "victor", "Hello");
        assertEquals("dan", rules.chat(danHolds).operator());
        rules.takeEvents();

        long chat = rules.receive(sales, "carla", "Prices?");
        assertEquals(new ChatRow(ChatStatus.OFFERED, null, null, null, null), rules.chat(chat));
        assertEquals(List.of("OFFERED -: Offered to 2 operator(s) "
                + "[ann/0 OFFERED, bob/0 OFFERED, cat/0 INACTIVE, dan/1 AT_CAPACITY]"), rules.decisions(chat));
        assertEquals(List.of(
                "ChatCreated #" + chat + " QUEUED - -> [ann, bob, cat, dan]",
                "ChatOffered #" + chat + " OFFERED - -> [ann, bob, cat, dan] {\"offeredTo\":[\"ann\",\"bob\"]}",
                "ChatMessageReceived #" + chat + " OFFERED - -> [ann, bob, cat, dan]"), rules.takeEvents());
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 0, null, null), rules.operator("bob"),
                "an offer takes no place");
        assertEquals("error.chat.inactive", refusal(() -> rules.accept(chat, "cat")));
        assertEquals("error.chat.atCapacity", refusal(() -> rules.accept(chat, "dan")));

        OffsetDateTime accepted = T0.plusMinutes(1);
        at(accepted);
        rules.accept(chat, "bob");
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "bob", null, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, accepted, null), rules.operator("bob"));
        assertEquals(List.of("ChatAccepted #" + chat + " ACTIVE bob -> [ann, bob, cat, dan]"), rules.takeEvents());

        at(accepted.plusSeconds(5));
        RuleViolationException taken = assertThrows(RuleViolationException.class, () -> rules.accept(chat, "ann"));
        assertEquals("error.chat.alreadyTaken", taken.getMessageKey());
        assertEquals(List.of("Bob"), taken.getArguments());
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "bob", null, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 0, null, null), rules.operator("ann"));
        assertEquals(List.of(
                "OFFERED -: Offered to 2 operator(s) "
                        + "[ann/0 OFFERED, bob/0 OFFERED, cat/0 INACTIVE, dan/1 AT_CAPACITY]",
                "ACCEPTED bob: bob accepted first"), rules.decisions(chat));
        assertEquals(List.of(), rules.takeEvents());
    }

    private static String refusal(Runnable action) {
        return assertThrows(RuleViolationException.class, action::run).getMessageKey();
    }

    @Test
    @DisplayName("CH-04 among equally busy operators the one who has gone longest without a new chat gets it, and one "
            + "who never took a chat counts as longest")
    void tieGoesToLongestWithoutNewChat() {
        for (String login : List.of("ann", "bob", "cat")) {
            rules.user(login);
        }
        long channel = rules.channel("Site", rules.queue("Support", RoutingRule.LEAST_BUSY, null, "ann", "bob",
                "cat"));
        // cat stays out until the end, so that she is the one who never took a chat.
        rules.setStatus("cat", OperatorStatus.INACTIVE);
        long first = takenBy(channel, "c1", "ann"); // none took a chat yet: the lowest user id
        at(T0.plusMinutes(1));
        long second = takenBy(channel, "c2", "bob"); // holds fewer chats
        at(T0.plusMinutes(2));
        rules.finish(first, "ann");
        at(T0.plusMinutes(3));
        long third = takenBy(channel, "c3", "ann"); // holds fewer chats
        at(T0.plusMinutes(4));
        rules.finish(second, "bob");
        rules.finish(third, "ann");

        // Both hold none; bob took his last chat at T0+1, ann hers at T0+3, and ann would win on user id.
        long fourth = receiveAt(T0.plusMinutes(5), channel, "c4", "Hello");
        assertEquals("bob", rules.chat(fourth).operator());
        assertEquals(List.of("ASSIGNED bob: Least busy: 0 chat(s) in work, last took a chat at " + T0.plusMinutes(1)
                + " [cat/0 INACTIVE, bob/0 CHOSEN, ann/0 TOOK_A_CHAT_MORE_RECENTLY]"), rules.decisions(fourth));
        rules.accept(fourth, "bob");
        at(T0.plusMinutes(6));
        rules.finish(fourth, "bob");

        // cat, Active again, never took a chat: she goes before ann's old T0+3, though her id is the highest.
        rules.setStatus("cat", OperatorStatus.ACTIVE);
        long fifth = receiveAt(T0.plusMinutes(7), channel, "c5", "Hello");
        assertEquals("cat", rules.chat(fifth).operator());
        assertEquals(List.of("ASSIGNED cat: Least busy: 0 chat(s) in work, never took a chat "
                + "[cat/0 CHOSEN, ann/0 TOOK_A_CHAT_MORE_RECENTLY, bob/0 TOOK_A_CHAT_MORE_RECENTLY]"),
                rules.decisions(fifth));
    }

    /** A customer's new chat, which must go to the operator, who accepts it. */
    private long takenBy(long channel, String customer, String operator) {
        long chat = rules.receive(channel, customer, "Hello");
        assertEquals(operator, rules.chat(chat).operator(), () -> "the operator of " + customer + "'s chat");
        rules.accept(chat, operator);
        return chat;
    }

    @Test
    @DisplayName("CH-06 a queue whose operators are a role routes to the role's enabled members, beside users named "
            + "on it; a user outside it may not take its chats")
    void roleMembersServeTheQueue() {
        rules.user("ann");
        rules.user("bob");
        rules.user("dan", false);
        rules.user("eve");
        rules.user("frank");
        long managers = rules.role("Call centre managers", "ann", "bob", "dan");
        long callCentre = rules.queue("Call centre", RoutingRule.TO_ALL, null, "eve");
        rules.servedByRole(callCentre, managers);
        long escalations = rules.queue("Escalations", RoutingRule.LEAST_BUSY, null);
        rules.servedByRole(escalations, managers);
        long hotline = rules.channel("Hotline", callCentre);
        long escalation = rules.channel("Escalation line", escalations);

        long chat = rules.receive(hotline, "carla", "Hello");
        assertEquals(List.of("OFFERED -: Offered to 3 operator(s) [ann/0 OFFERED, bob/0 OFFERED, eve/0 OFFERED]"),
                rules.decisions(chat));
        assertEquals(List.of(
                "ChatCreated #" + chat + " QUEUED - -> [ann, bob, eve]",
                "ChatOffered #" + chat + " OFFERED - -> [ann, bob, eve] {\"offeredTo\":[\"ann\",\"bob\",\"eve\"]}",
                "ChatMessageReceived #" + chat + " OFFERED - -> [ann, bob, eve]"), rules.takeEvents());
        assertEquals("error.chat.notOperator", refusal(() -> rules.accept(chat, "frank")));
        rules.accept(chat, "ann");
        assertEquals(new ChatRow(ChatStatus.ACTIVE, "ann", null, null, null), rules.chat(chat));

        long escalated = receiveAt(T0.plusMinutes(1), escalation, "dora", "Complaint");
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "bob", T0.plusMinutes(6), null, null), rules.chat(escalated));
        assertEquals(List.of("ASSIGNED bob: Least busy: 0 chat(s) in work, never took a chat "
                + "[bob/0 CHOSEN, ann/1 MORE_BUSY]"), rules.decisions(escalated));
    }
}
