package org.switchboard.web.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.events.EventTypes;
import org.switchboard.web.common.Downloads;

/** What the panel's push takes from an event envelope (CH-12), and the attachment download's header. */
class PanelPushConsumerTest {

    @Test
    @DisplayName("CH-12 a chat event's type, chat and audience logins are read from the envelope")
    void chatEvent() {
        PanelPushConsumer.Event event = PanelPushConsumer.parse("""
                {"eventId":"e1","type":"ChatOffered","version":1,"occurredAt":"2026-11-25T18:30:00Z",
                 "actor":"system","subject":"Chat 7","data":{"chatId":7,"status":"OFFERED",
                 "audience":["alice","bob","", 5]}}""");

        assertEquals(new PanelPushConsumer.Event("ChatOffered", 7L, Set.of("alice", "bob")), event);
    }

    @Test
    @DisplayName("CH-04 an operator's status change goes to that operator, without a chat")
    void operatorStatus() {
        PanelPushConsumer.Event event = PanelPushConsumer.parse("""
                {"type":"OperatorStatusChanged","data":{"userId":3,"login":"alice","status":"INACTIVE",
                 "audience":["alice"]}}""");

        assertEquals(new PanelPushConsumer.Event("OperatorStatusChanged", null, Set.of("alice")), event);
    }

    @Test
    @DisplayName("CH-04 CH-12 FB-07 the panel's selector takes every chat event, the operator's status and a channel's "
            + "flag, and nothing else")
    void selectorNamesThePanelsEvents() {
        Set<String> selected = new TreeSet<>(List.of(PanelPushConsumer.SELECTOR
                .replaceAll("^JMSType IN \\('|'\\)$", "").split("', '")));
        Set<String> expected = new TreeSet<>(EventTypes.CHAT);
        expected.add(EventTypes.OPERATOR_STATUS_CHANGED);
        expected.add(EventTypes.CHANNEL_FLAGGED);
        assertEquals(expected, selected);
    }

    @Test
    @DisplayName("CH-12 a body that is not an event envelope is refused, not thrown")
    void notAnEnvelope() {
        assertNull(PanelPushConsumer.parse("not json"));
        assertNull(PanelPushConsumer.parse("[1,2]"));
        assertNull(PanelPushConsumer.parse("{\"type\":\"ChatOffered\"}"));
        assertNull(PanelPushConsumer.parse(null));
    }

    @Test
    @DisplayName("CH-12 an attachment's file name cannot break the Content-Disposition header")
    void contentDisposition() {
        assertEquals("attachment; filename=\"a_b_.txt\"; filename*=UTF-8''a%22b%3B.txt",
                Downloads.contentDisposition("a\"b;.txt"));
        assertEquals("attachment; filename=\"_____.pdf\"; filename*=UTF-8''%D1%81%D1%87%D1%91%D1%82%0D.pdf",
                Downloads.contentDisposition("счёт\r.pdf"));
        assertEquals("attachment; filename=\"file\"; filename*=UTF-8''file", Downloads.contentDisposition(null));
        assertEquals("attachment; filename=\"_etc_passwd\"; filename*=UTF-8''_etc_passwd",
                Downloads.contentDisposition("/etc/passwd"));
    }
}
