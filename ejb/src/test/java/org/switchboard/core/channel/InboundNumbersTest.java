package org.switchboard.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.inbound.InboundRejectedException;

/**
 * issue 18: the ids of an inbound message are whole numbers as given. JSON-P's {@code longValue()}
 * wrapped 9223372036854775808 to a negative id and rounded 50.5 to 50; both are refused on their field.
 */
class InboundNumbersTest {

    private static String message(String channelId) {
        return "{\"channelId\":" + channelId + ",\"messageId\":\"m-1\",\"sender\":{\"id\":\"7\"},\"text\":\"Hi\"}";
    }

    @ParameterizedTest(name = "X-02 issue 18: channelId {0} is refused on channelId")
    @DisplayName("X-02 issue 18: a channelId beyond 64 bits or with a fraction is refused on channelId, not wrapped")
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "50.5", "1e999999999", "1e-999999999"})
    void channelIdOutOfRange(String channelId) {
        InboundRejectedException refused = assertThrows(InboundRejectedException.class,
                () -> InboundChatMessage.parse(message(channelId)));
        assertEquals("INVALID_FIELD", refused.reasonCode());
        assertEquals("channelId", refused.field());
    }

    @ParameterizedTest(name = "X-03 channelId {0} is channel 50")
    @DisplayName("X-03 a channelId written as a whole number in any JSON form is that channel")
    @ValueSource(strings = {"50", "50.0", "5e1", "500e-1"})
    void channelIdWhole(String channelId) {
        assertEquals(50, InboundChatMessage.parse(message(channelId)).channelId());
    }

    @ParameterizedTest(name = "X-02 issue 18: a receipt's {0} beyond 64 bits is refused on its field")
    @DisplayName("X-02 issue 18: a delivery receipt's ids beyond 64 bits are refused on their field")
    @ValueSource(strings = {"channelId", "messageId"})
    void receiptIdsOutOfRange(String field) {
        String body = "{\"channelId\":50,\"messageId\":2101,\"status\":\"READ\"}".replace("\"" + field + "\":",
                "\"" + field + "\":18446744073709551666,\"x\":");

        InboundRejectedException refused = assertThrows(InboundRejectedException.class,
                () -> DeliveryReceipt.parse(body));

        assertEquals(field, refused.field());
    }

    @ParameterizedTest(name = "X-03 a missing or malformed {0} names its field")
    @DisplayName("X-03 a missing text of an inbound message names its field, nested ones by their path")
    @ValueSource(strings = {"messageId", "sender.id"})
    void missingTextNamesField(String field) {
        String body = message("50").replace(field.equals("sender.id") ? "\"id\":\"7\"" : "\"messageId\":\"m-1\",",
                "");

        assertEquals(field, assertThrows(InboundRejectedException.class, () -> InboundChatMessage.parse(body))
                .field());
    }
}
