package org.switchboard.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorStatus;
import org.switchboard.model.chat.RoutingRule;

/**
 * FB-05: bot dialogs run by the real chat classes against a migrated database ({@link WiredChatRules}): a message on
 * the bot's standby opens a chat nobody is offered, which the accept and completion timeouts and the operators' load
 * leave alone; the bot's handover routes it; an operator may take it; a chat finished on a channel with a bot goes
 * back to the bot once committed.
 */
class ChatBotsTest {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.UTC);

    private WiredChatRules rules;
    private long channel;

    @BeforeEach
    void start() {
        rules = new WiredChatRules(T0);
        rules.user("ann");
        rules.user("bob");
        channel = rules.channel("Page", rules.queue("Support", RoutingRule.LEAST_BUSY, 10, "ann"));
        rules.externalBot(channel, "1234567890");
    }

    @AfterEach
    void stop() throws SQLException {
        try (WiredChatRules closing = rules) {
            assertEquals(List.of(), closing.timerFailures(), "steps of processDue that failed");
        }
    }

    @Test
    @DisplayName("FB-05 standby messages open one bot dialog with no operator that no routing, timeout or load "
            + "counts, and no operator's panel is told of")
    void botDialogIsNotRouted() {
        long chat = rules.receiveForBot(channel, "carla", "Hello bot");
        assertEquals(chat, rules.receiveForBot(channel, "carla", "Still there?"));

        assertEquals(new ChatRow(ChatStatus.BOT, null, null, null, null), rules.chat(chat));
        assertEquals(List.of(), rules.decisions(chat));
        assertEquals(List.of(
                "ChatCreated #" + chat + " BOT - -> []",
                "ChatMessageReceived #" + chat + " BOT - -> []",
                "ChatMessageReceived #" + chat + " BOT - -> []"), rules.takeEvents());
        rules.clock.set(T0.plusDays(2));
        assertEquals(0, rules.processDue(), "neither the accept nor the completion timeout touches a bot dialog");
        assertEquals(new ChatRow(ChatStatus.BOT, null, null, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 0, null, null), rules.operator("ann"));
        assertEquals(0, rules.chatsHeldBy("ann"));
        assertEquals(List.of(), rules.passedBack());
    }

    @Test
    @DisplayName("FB-05 the bot's handover routes the customer's bot dialog by the channel's queue; finishing it "
            + "passes the conversation back to the bot once committed")
    void handoverRoutesAndFinishingPassesBack() {
        long chat = rules.receiveForBot(channel, "carla", "I want a human");
        rules.takeEvents();

        rules.handOver(channel, "carla");

        assertEquals(ChatStatus.ASSIGNED, rules.chat(chat).status());
        assertEquals("ann", rules.chat(chat).operator());
        assertEquals(List.of("RELEASED -: The external bot handed the conversation over",
                "ASSIGNED ann: Least busy: 0 chat(s) in work, never took a chat [ann/0 CHOSEN]"),
                rules.decisions(chat));
        rules.handOver(channel, "nobody");
        rules.accept(chat, "ann");
        assertEquals(chat, rules.receive(channel, "carla", "Hi Ann"), "the routed chat goes on");
        assertEquals(List.of(), rules.passedBack());

        rules.finish(chat, "ann");

        assertEquals(ChatCompletion.OPERATOR, rules.chat(chat).completion());
        assertEquals(List.of(chat), rules.passedBack());
        long next = rules.receiveForBot(channel, "carla", "Back with the bot");
        assertEquals(ChatStatus.BOT, rules.chat(next).status(), "the bot answers again: a new bot dialog");
    }

    @Test
    @DisplayName("FB-05 a customer's message outside the bot's hold routes the open bot dialog (the handover's event "
            + "may come later)")
    void messageOutsideStandbyRoutes() {
        long chat = rules.receiveForBot(channel, "carla", "Hello bot");
        assertEquals(chat, rules.receive(channel, "carla", "Hello"));
        assertEquals(new ChatRow(ChatStatus.ASSIGNED, "ann", T0.plusMinutes(5), null, null), rules.chat(chat));
    }

    @Test
    @DisplayName("FB-05 an operator who takes a bot dialog holds it in work, counted in their load; the timeout "
            + "completion of it passes the conversation back; a chat that is not a bot dialog cannot be taken")
    void takenDialogIsTheOperators() {
        long chat = rules.receiveForBot(channel, "carla", "Hello bot");

        rules.takeFromBot(chat, "ann");

        assertEquals(new ChatRow(ChatStatus.ACTIVE, "ann", null, null, null), rules.chat(chat));
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 1, T0, null), rules.operator("ann"));
        assertEquals(List.of("ACCEPTED ann: ann took the conversation from the external bot"), rules.decisions(chat));
        assertThrows(RuleViolationException.class, () -> rules.takeFromBot(chat, "bob"));

        rules.reply(chat, "ann", "Ann here");
        rules.clock.set(T0.plusMinutes(11));
        assertEquals(1, rules.processDue());
        assertEquals(ChatCompletion.TIMEOUT, rules.chat(chat).completion());
        assertEquals(List.of(chat), rules.passedBack());
        assertEquals(new OperatorRow(OperatorStatus.ACTIVE, 0, T0, null), rules.operator("ann"));
    }
}
