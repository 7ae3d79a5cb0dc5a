package org.switchboard.core.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.exchange.GraphNotifications.Batch;
import org.switchboard.core.exchange.GraphNotifications.ChangeNotification;
import org.switchboard.core.exchange.GraphNotifications.ChangeType;
import org.switchboard.core.exchange.GraphNotifications.LifecycleEvent;
import org.switchboard.core.exchange.GraphNotifications.LifecycleNotification;

/**
 * MP-11: {@link GraphNotifications} on bodies shaped after Microsoft's examples: change and lifecycle notifications,
 * the clientState check, refused bodies and the validation handshake's echo.
 */
class GraphNotificationsTest {

    private static final String SUBSCRIPTION = "7f105c7d-2dc5-4530-97cd-4e7ae6534c07";
    private static final String OTHER = "5522bd62-7c96-4530-85b0-00b916f6151a";
    private static final String STATE = "b6Yq3r9JmW2xT0kQ";
    private static final Map<String, String> STATES = Map.of(SUBSCRIPTION, STATE, OTHER, "other-state");

    private static String change(String subscriptionId, String clientState, String changeType, String messageId) {
        return """
                {"id":"lsgTZMr9KwAAA","subscriptionId":"%s","subscriptionExpirationDateTime":\
                "2026-05-11T08:59:00.9356913Z","clientState":"%s","changeType":"%s",\
                "resource":"Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Messages/%4$s",\
                "tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","resourceData":{"@odata.type":\
                "#Microsoft.Graph.Message","@odata.id":"Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Messages/%4$s",\
                "@odata.etag":"W/\\"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf\\"","id":"%4$s"}}"""
                .formatted(subscriptionId, clientState, changeType, messageId);
    }

    private static String lifecycle(String subscriptionId, String clientState, String event) {
        return """
                {"subscriptionId":"%s","subscriptionExpirationDateTime":"2026-05-11T08:59:00Z",\
                "tenantId":"84bd8158-6d4d-4958-8b9f-9d6445542f95","clientState":"%s","lifecycleEvent":"%s"}"""
                .formatted(subscriptionId, clientState, event);
    }

    private static String batch(String... notifications) {
        return "{\"value\":[" + String.join(",", notifications) + "]}";
    }

    @Test
    @DisplayName("MP-11: change notifications are read with their type, message id, tenant and the subscription's "
            + "expiry")
    void changes() {
        Batch batch = GraphNotifications.parse(batch(change(SUBSCRIPTION, STATE, "created", "AAMkAGnew="),
                change(OTHER, "other-state", "deleted", "AAMkAGold=")), STATES::get);

        assertEquals(List.of(new ChangeNotification(SUBSCRIPTION, ChangeType.CREATED,
                "Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Messages/AAMkAGnew=", "AAMkAGnew=",
                "84bd8158-6d4d-4958-8b9f-9d6445542f95", OffsetDateTime.parse("2026-05-11T08:59:00.9356913Z")),
                new ChangeNotification(OTHER, ChangeType.DELETED,
                        "Users/622eaaff-0683-4862-9de4-f2ec83c2bd98/Messages/AAMkAGold=", "AAMkAGold=",
                        "84bd8158-6d4d-4958-8b9f-9d6445542f95", OffsetDateTime.parse("2026-05-11T08:59:00.9356913Z"))),
                batch.changes());
        assertEquals(List.of(), batch.lifecycle());
        assertEquals(0, batch.dropped());
    }

    @Test
    @DisplayName("MP-11: a notification whose clientState is not its subscription's, is missing, or names an unknown "
            + "subscription is dropped and counted; the genuine one beside it is kept")
    void forgedClientStateDropped() {
        Batch batch = GraphNotifications.parse(batch(change(SUBSCRIPTION, "b6Yq3r9JmW2xT0kq", "created", "AAMkAGa="),
                change(SUBSCRIPTION, "other-state", "created", "AAMkAGb="),
                change("00000000-0000-0000-0000-000000000000", STATE, "created", "AAMkAGc="),
                change(SUBSCRIPTION, STATE, "updated", "AAMkAGd="),
                change(SUBSCRIPTION, STATE, "created", "AAMkAGe=").replace(",\"clientState\":\"" + STATE + "\"", ""),
                lifecycle(SUBSCRIPTION, "forged", "subscriptionRemoved")), STATES::get);

        assertEquals(List.of("AAMkAGd="), batch.changes().stream().map(ChangeNotification::messageId).toList());
        assertEquals(List.of(), batch.lifecycle());
        assertEquals(5, batch.dropped());
    }

    @Test
    @DisplayName("MP-11: lifecycle notifications reauthorizationRequired, subscriptionRemoved and missed are read in "
            + "order, a tenant given as organizationId too; an unknown event is skipped and counted")
    void lifecycleEvents() {
        Batch batch = GraphNotifications.parse(batch(lifecycle(SUBSCRIPTION, STATE, "reauthorizationRequired"),
                lifecycle(OTHER, "other-state", "subscriptionRemoved"),
                lifecycle(SUBSCRIPTION, STATE, "missed").replace("\"tenantId\"", "\"organizationId\""),
                lifecycle(SUBSCRIPTION, STATE, "somethingNew"),
                change(SUBSCRIPTION, STATE, "unknownFutureValue", "AAMkAGf=")), STATES::get);

        assertEquals(List.of(LifecycleEvent.REAUTHORIZATION_REQUIRED, LifecycleEvent.SUBSCRIPTION_REMOVED,
                LifecycleEvent.MISSED), batch.lifecycle().stream().map(LifecycleNotification::event).toList());
        assertEquals(new LifecycleNotification(OTHER, LifecycleEvent.SUBSCRIPTION_REMOVED,
                "84bd8158-6d4d-4958-8b9f-9d6445542f95", OffsetDateTime.parse("2026-05-11T08:59:00Z")),
                batch.lifecycle().get(1));
        assertEquals("84bd8158-6d4d-4958-8b9f-9d6445542f95", batch.lifecycle().get(2).tenantId());
        assertEquals(List.of(), batch.changes());
        assertEquals(2, batch.unrecognised());
        assertEquals(0, batch.dropped());
    }

    @Test
    @DisplayName("MP-11: a body that is not Graph's notification format is refused with 400 and a clear reason")
    void malformedRefused() {
        for (String body : List.of("", "not json", "[]", "{}", "{\"value\":{}}", "{\"value\":[1]}",
                "{\"value\":[]} trailing", batch("{\"changeType\":\"created\",\"clientState\":\"" + STATE + "\"}"),
                batch("{\"subscriptionId\":\"" + SUBSCRIPTION + "\",\"clientState\":\"" + STATE + "\"}"),
                batch(change(SUBSCRIPTION, STATE, "created", "AAMkAGg=").replace("\"changeType\"",
                        "\"lifecycleEvent\":\"missed\",\"changeType\"")))) {
            WebhookRefusedException e = assertThrows(WebhookRefusedException.class,
                    () -> GraphNotifications.parse(body, STATES::get), body);
            assertEquals(400, e.status());
            assertTrue(e.getMessage().startsWith("Not a Microsoft Graph notification: "), e.getMessage());
        }
        assertThrows(WebhookRefusedException.class, () -> GraphNotifications.parse(null, STATES::get));
        assertEquals(0, GraphNotifications.parse("{\"value\":[]}", STATES::get).changes().size());
    }

    @Test
    @DisplayName("MP-11: the validation answer is Graph's token URL-decoded exactly once; a request without one is a "
            + "notification")
    void validationAnswer() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + "3b3f9821-ce3f-4d55-87c9-d9b6a3b63ddd";
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);

        assertEquals(Optional.of(token), GraphNotifications.validationAnswer("validationToken=" + encoded));
        assertEquals(Optional.of(token), GraphNotifications.validationAnswer("tenant=a&validationtoken=" + encoded));
        assertEquals(Optional.of("50%+sure"), GraphNotifications.validationAnswer("validationToken=50%25%2Bsure"));
        assertEquals(Optional.empty(), GraphNotifications.validationAnswer(null));
        assertEquals(Optional.empty(), GraphNotifications.validationAnswer("channel=7"));
    }

    @Test
    @DisplayName("MP-11: a validation token that is empty, too long, badly encoded, doubled or carries markup is "
            + "refused rather than echoed")
    void validationTokenRefused() {
        String longest = "a".repeat(GraphNotifications.VALIDATION_TOKEN_MAX);
        assertEquals(Optional.of(longest), GraphNotifications.validationAnswer("validationToken=" + longest));
        for (String query : List.of("validationToken=", "validationToken=+", "validationToken=" + longest + "a",
                "validationToken=%E0%A4%A", "validationToken=a&validationToken=b",
                "validationToken=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "validationToken=a%0D%0ASet-Cookie:x")) {
            WebhookRefusedException e = assertThrows(WebhookRefusedException.class,
                    () -> GraphNotifications.validationAnswer(query), query);
            assertEquals(400, e.status());
        }
        assertNull(GraphNotifications.validationAnswer("validationTokenX=1").orElse(null));
    }
}
