package org.switchboard.core.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.CoreClasses;
import org.switchboard.core.chat.ChatEvent;
import org.switchboard.core.channel.ChannelFlagged;
import org.switchboard.core.chat.ChatSettingsChanged;
import org.switchboard.core.chat.OperatorStatusChanged;
import org.switchboard.core.crm.ActivityChanged;
import org.switchboard.core.crm.ContactChanged;
import org.switchboard.core.exchange.MailboxSignInNeeded;
import org.switchboard.core.mail.MailProviderChanged;
import org.switchboard.core.mailbox.EmailReceived;
import org.switchboard.core.mailbox.EmailSendFailed;
import org.switchboard.core.mailbox.EmailSent;
import org.switchboard.core.mailbox.MailFailure;
import org.switchboard.core.security.OperationGrantChanged;
import org.switchboard.core.security.RoleChanged;
import org.switchboard.core.security.UserChanged;
import org.switchboard.core.settings.SettingChanged;
import org.switchboard.model.settings.SettingType;

/**
 * The JMS contract of {@code docs/jms.md} and the events the code publishes must agree. Which events exist is
 * read from the code: {@link EventTypes#ALL} and every {@link DomainEvent} class of the application.
 */
class JmsContractTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "<!-- example: (\\w+) -->\\s*```json\\s*(.*?)```", Pattern.DOTALL);

    /** One instance of every event type, as the code builds it: the documented fields are compared with these. */
    private static final Map<String, DomainEvent> EVENTS = Map.ofEntries(
            Map.entry(SettingChanged.TYPE,
                    new SettingChanged("SimultaneousChats", SettingType.INTEGER, true, "7", true)),
            Map.entry(UserChanged.TYPE, new UserChanged(51, "jsmith", "DISABLED")),
            Map.entry(RoleChanged.TYPE, new RoleChanged(50, "Call centre managers", "MEMBER_ADDED", "jsmith")),
            Map.entry(OperationGrantChanged.TYPE,
                    new OperationGrantChanged("CanManageChats", "GRANTED", "ROLE", "Managers")),
            chat(ChatEvent.CREATED, Json.createObjectBuilder().add("contactName", "Ivan Petrov")),
            chat(ChatEvent.QUEUED, ChatEvent.none()),
            chat(ChatEvent.OFFERED, Json.createObjectBuilder().add("offeredTo", Json.createArrayBuilder().add("a"))),
            chat(ChatEvent.ASSIGNED, Json.createObjectBuilder().add("acceptDeadline", "2026-11-25T18:35:00Z")),
            chat(ChatEvent.ACCEPTED, ChatEvent.none()),
            chat(ChatEvent.REASSIGNED, Json.createObjectBuilder().add("previousOperatorLogin", "alice")),
            chat(ChatEvent.MESSAGE_RECEIVED, message()),
            chat(ChatEvent.MESSAGE_SENT, message()),
            chat(ChatEvent.MESSAGE_STATUS_CHANGED, Json.createObjectBuilder().add("messageId", 2101)
                    .add("deliveryStatus", "DELIVERED").addNull("error")),
            chat(ChatEvent.COMPLETED, Json.createObjectBuilder().add("completion", "OPERATOR")),
            chat(ChatEvent.ACTION_RUN, Json.createObjectBuilder().add("actionId", 50).add("title", "Create case")
                    .add("process", "CreateCaseFromChat").add("recordId", 150)),
            Map.entry(OperatorStatusChanged.TYPE, new OperatorStatusChanged(51, "alice", "INACTIVE", "timeout")),
            Map.entry(ChatSettingsChanged.TYPE, new ChatSettingsChanged(ChatSettingsChanged.Kind.QUEUE, 50,
                    "1st line support", ChatSettingsChanged.Change.OPERATORS_CHANGED)),
            Map.entry(ChannelFlagged.TYPE, new ChannelFlagged(50, "Acme on Facebook", "FACEBOOK",
                    "Facebook: Error validating access token (code 190/460)", List.of("admin", "anna"))),
            Map.entry(MailProviderChanged.TYPE, new MailProviderChanged(MailProviderChanged.Kind.DOMAIN, 1050,
                    "example.org", 1, MailProviderChanged.Change.LEARNED)),
            Map.entry(EmailReceived.TYPE, new EmailReceived(2150, 50, "sales@acme.example", "a1b2@mail.example.org",
                    "a1b2@mail.example.org", OffsetDateTime.parse("2026-11-25T18:35:00Z"), 1, 1,
                    List.of("anna", "bert"))),
            Map.entry(EmailSent.TYPE, new EmailSent(2200, 50, "sales@acme.example",
                    "5f0c7a9e-1b2d-4c3e-8f4a-6b7c8d9e0f1a@acme.example", "crm-order-4711", 1,
                    OffsetDateTime.parse("2026-11-25T18:40:00.250Z"), "anna", List.of("anna", "bert"))),
            Map.entry(EmailSendFailed.TYPE, new EmailSendFailed(2201, 50, "sales@acme.example",
                    "6a1d8b0f-2c3e-4d4f-9a5b-7c8d9e0f1a2b@acme.example", "crm-order-4712",
                    MailFailure.Reason.SERVER, 1, "anna", List.of("anna", "bert"))),
            Map.entry(MailboxSignInNeeded.TYPE, new MailboxSignInNeeded(51, "sales@contoso.example",
                    "invalid_grant: AADSTS70000: The request was denied because one or more scopes requested are "
                            + "unauthorized or expired.", List.of("anna"))),
            Map.entry(ContactChanged.TYPE, new ContactChanged(1050, 3, "Ann Lee", ContactChanged.Change.UPDATED)),
            Map.entry(ActivityChanged.TYPE, new ActivityChanged(2050, 1, "Quarterly review with Acme", "MEETING",
                    ActivityChanged.Change.CREATED)));

    /** A chat event of the type with the extra fields the engine writes for it. */
    private static Map.Entry<String, DomainEvent> chat(String type, JsonObjectBuilder extra) {
        return Map.entry(type, new ChatEvent(type, 1050, 50, 50, 100, "ACTIVE", 51L, "alice", List.of("alice"),
                extra.build()));
    }

    /** The fields of the message events, as {@link ChatEvent#message} writes them. */
    private static JsonObjectBuilder message() {
        return Json.createObjectBuilder().add("messageId", 2100).add("direction", "INBOUND")
                .add("providerMessageId", "tg-1").add("textLength", 5)
                .add("attachments", 0);
    }

    private record Example(String type, JsonObject body) {
    }

    private static List<Example> examples() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "jms.md"));
        List<Example> examples = new ArrayList<>();
        Matcher matcher = EXAMPLE.matcher(doc);
        while (matcher.find()) {
            try (JsonReader reader = Json.createReader(new StringReader(matcher.group(2)))) {
                examples.add(new Example(matcher.group(1), reader.readObject()));
            }
        }
        return examples;
    }

    @Test
    @DisplayName("X-03 every example in docs/jms.md parses and has the documented envelope")
    void examplesParse() throws IOException {
        List<Example> examples = examples();
        assertFalse(examples.isEmpty(), "docs/jms.md has no examples");
        for (Example example : examples) {
            JsonObject body = example.body();
            assertEquals(example.type(), body.getString("type"), "type of an example of " + example.type());
            assertEquals(36, body.getString("eventId").length(), "eventId is a UUID");
            OffsetDateTime.parse(body.getString("occurredAt"));
            assertTrue(body.getInt("version") >= 1);
            assertFalse(body.getString("actor").isBlank());
            assertFalse(body.getString("subject").isBlank());
            assertTrue(body.containsKey("data"));
        }
    }

    @Test
    @DisplayName("X-03 every published event type is documented, with the same fields as the code writes")
    void everyEventDocumented() throws IOException {
        List<Example> examples = examples();
        for (Map.Entry<String, DomainEvent> entry : EVENTS.entrySet()) {
            JsonObject published = EventOutbox.envelope("6f1c2a9e-3b7d-4c1a-9f0e-2d5b8c7a1e43", entry.getValue(),
                    OffsetDateTime.parse("2026-11-25T18:30:00Z"), "admin");
            Example documented = examples.stream().filter(e -> e.type().equals(entry.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError(entry.getKey() + " has no example in docs/jms.md"));
            assertEquals(documented.body().keySet(), published.keySet(), "envelope of " + entry.getKey());
            assertEquals(documented.body().getInt("version"), published.getInt("version"), entry.getKey());
            assertEquals(documented.body().getJsonObject("data").keySet(), published.getJsonObject("data").keySet(),
                    "data fields of " + entry.getKey());
        }
        Set<String> documentedTypes = new TreeSet<>();
        examples.forEach(e -> documentedTypes.add(e.type()));
        assertEquals(new TreeSet<>(EventTypes.ALL), documentedTypes, "documented event types");
    }

    @Test
    @DisplayName("X-03 every event type and every event class of the code has an instance above, of a known type")
    void everyEventCovered() {
        assertEquals(new TreeSet<>(EventTypes.ALL), new TreeSet<>(EVENTS.keySet()), "event types with an instance");
        EVENTS.forEach((type, event) -> assertEquals(type, event.type(), "the instance of " + type));
        Set<String> classes = CoreClasses.get().stream()
                .filter(c -> c.isAssignableTo(DomainEvent.class) && !c.isInterface())
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = EVENTS.values().stream().map(e -> e.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(classes.size() >= 10, "the scan found only " + classes);
        assertEquals(classes, covered, "DomainEvent classes with an instance above");
    }

    @Test
    @DisplayName("X-01 a SettingChanged of a secret never carries its value")
    void secretValueNeverPublished() {
        JsonObject data = EventOutbox.envelope("0b9e4f3c-8d21-4a6e-b7c5-91f2e3d4a5b6",
                new SettingChanged("GoogleClientSecret", SettingType.SECRET, true, "s3cr3t-value", true),
                OffsetDateTime.parse("2026-11-25T18:30:00Z"), "admin").getJsonObject("data");
        assertTrue(data.isNull("value"));
        assertFalse(data.toString().contains("s3cr3t-value"));
    }
}
