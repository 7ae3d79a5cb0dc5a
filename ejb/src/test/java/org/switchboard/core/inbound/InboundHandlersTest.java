package org.switchboard.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The inbound pipeline's choice of a handler by type and version, and who an item's submitter is. */
class InboundHandlersTest {

    /** A handler of a type and versions that does nothing. */
    private record Fake(String type, Set<Integer> versions) implements InboundHandler<String> {

        @Override
        public String parse(int version, String body) {
            return body;
        }

        @Override
        public String key(String message) {
            return message;
        }

        @Override
        public void authorize(String message, Submitter submitter) {
            // anyone
        }

        @Override
        public void handle(InboundBatch batch, String message, Submitter submitter) {
            // nothing
        }
    }

    private static InboundHandlers of(InboundHandler<?>... handlers) {
        return new InboundHandlers(List.of(handlers));
    }

    @Test
    @DisplayName("X-03 an item goes to the handler of its type, in a version the handler reads")
    void handlerByTypeAndVersion() {
        Fake chat = new Fake("InboundChatMessage", Set.of(1));
        Fake mail = new Fake("SendEmailCommand", Set.of(1, 2));
        InboundHandlers handlers = of(chat, mail);

        assertSame(chat, handlers.of("InboundChatMessage", 1));
        assertSame(mail, handlers.of("SendEmailCommand", 2));
        assertEquals(List.of("InboundChatMessage", "SendEmailCommand"), handlers.types());
    }

    @Test
    @DisplayName("X-03 an unknown type or version is rejected with a reason naming what is accepted")
    void unknownTypeOrVersionNamesTheAcceptedOnes() {
        InboundHandlers handlers = of(new Fake("InboundChatMessage", Set.of(1)), new Fake("SendEmailCommand",
                Set.of(1, 2)));

        InboundRejectedException type = assertThrows(InboundRejectedException.class,
                () -> handlers.of("LeadCreated", 1));
        assertEquals("UNKNOWN_TYPE", type.reasonCode());
        assertEquals("Unknown message type 'LeadCreated': expected one of InboundChatMessage, SendEmailCommand",
                type.getMessage());
        InboundRejectedException none = assertThrows(InboundRejectedException.class, () -> handlers.of(null, 1));
        assertTrue(none.getMessage().startsWith("The message has no type"), none.getMessage());
        InboundRejectedException version = assertThrows(InboundRejectedException.class,
                () -> handlers.of("SendEmailCommand", 3));
        assertEquals("UNSUPPORTED_VERSION", version.reasonCode());
        assertEquals("SendEmailCommand version 3 is not supported; accepted: 1, 2", version.getMessage());
    }

    @Test
    @DisplayName("X-03 two handlers of one type stop the deployment with a message naming both")
    void twoHandlersOfOneTypeRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> InboundHandlers.index(
                List.of(new Fake("DeliveryReceipt", Set.of(1)), new Fake("DeliveryReceipt", Set.of(1)))));
        assertTrue(e.getMessage().startsWith("Two inbound handlers take messages of type DeliveryReceipt"),
                e.getMessage());
    }

    @Test
    @DisplayName("X-03 the actor of an item's changes is its REST caller or JMS user, else the system")
    void actors() {
        assertEquals(Map.of("REST anna", "anna", "JMS bridge", "bridge", "JMS", "system", "WEBHOOK telegram",
                "system", "SYSTEM", "system"), Map.of(
                        Submitter.rest("anna").toString(), Submitter.rest("anna").actor(),
                        Submitter.jms("bridge").toString(), Submitter.jms("bridge").actor(),
                        Submitter.jms(" ").toString(), Submitter.jms(" ").actor(),
                        Submitter.webhook("TELEGRAM").toString(), Submitter.webhook("TELEGRAM").actor(),
                        Submitter.SYSTEM.toString(), Submitter.SYSTEM.actor()));
    }
}
