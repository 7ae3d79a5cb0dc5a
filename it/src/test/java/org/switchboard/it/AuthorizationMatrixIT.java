package org.switchboard.it;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02, issue 18: the authorization matrix of the REST API, generated from its served OpenAPI document. Every
 * operation of the document is called without credentials, as a signed-in user who holds no operation, and as a user
 * who holds just the operation that guards it, and its answers are held against {@link #GUARDS}, the table of who may
 * call what. A new endpoint without an entry in the table fails the test, and so does an entry the document lacks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationMatrixIT {

    /** What a client that reads JSON and problems, and takes files, accepts. */
    private static final String ACCEPT = "application/json, application/problem+json;q=0.9, */*;q=0.8";

    /** Who may call an operation. */
    enum Access {
        /** Anyone, without credentials. */
        PUBLIC,
        /** Any signed-in user; what they see is limited by their own rights (mailbox grants, chat queues). */
        SIGNED_IN,
        /** A holder of one system operation. */
        OPERATION,
        /** A member of the system role "Administrators" only (not an operation anyone else can hold). */
        ADMINISTRATORS
    }

    /** One entry of the table: the access and, for {@link Access#OPERATION}, its code; the reason for the others. */
    record Guard(Access access, String operation, String reason) {
    }

    private static Guard op(String code) {
        return new Guard(Access.OPERATION, code, null);
    }

    private static Guard signedIn(String reason) {
        return new Guard(Access.SIGNED_IN, null, reason);
    }

    private static Guard open(String reason) {
        return new Guard(Access.PUBLIC, null, reason);
    }

    private static final String ADMINISTRATION = "CanManageAdministration";
    private static final String CHATS = "CanManageChats";
    private static final String OWN_MAIL = "each user's own mailboxes and those shared with them (SM-03)";
    private static final String OWN_CHATS = "an operator's chats, by their queues (CH-03)";
    private static final String CRM = "contacts and accounts are shared; e-mails show by mailbox rights (MB-04)";
    private static final String CONTACT_SYNC = "a mailbox's contact sync: its owner or who may configure it (SM-02)";
    private static final String ME = "the caller's own account";
    private static final String ACTIVITIES = "each user's own activities: owned, organised or taken part in; activity "
            + "groups are shared";

    /** The table: every operation of the API and who may call it. */
    static final Map<String, Guard> GUARDS = Map.ofEntries(
            entry("GET api/v1/accounts", signedIn(CRM)),
            entry("POST api/v1/accounts", signedIn(CRM)),
            entry("GET api/v1/accounts/{id}", signedIn(CRM)),
            entry("PUT api/v1/accounts/{id}", signedIn(CRM)),
            entry("DELETE api/v1/accounts/{id}", signedIn(CRM)),
            entry("GET api/v1/accounts/{id}/timeline", signedIn(CRM)),
            entry("GET api/v1/contacts", signedIn(CRM)),
            entry("POST api/v1/contacts", signedIn(CRM)),
            entry("GET api/v1/contacts/{id}", signedIn(CRM)),
            entry("PUT api/v1/contacts/{id}", signedIn(CRM)),
            entry("DELETE api/v1/contacts/{id}", signedIn(CRM)),
            entry("GET api/v1/contacts/{id}/timeline", signedIn(CRM)),
            entry("GET api/v1/contact-categories", signedIn(CRM)),
            entry("GET api/v1/activities", signedIn(ACTIVITIES)),
            entry("POST api/v1/activities", signedIn(ACTIVITIES)),
            entry("GET api/v1/activities/calendar", signedIn(ACTIVITIES)),
            entry("GET api/v1/activities/{id}", signedIn(ACTIVITIES)),
            entry("PUT api/v1/activities/{id}", signedIn(ACTIVITIES)),
            entry("DELETE api/v1/activities/{id}", signedIn(ACTIVITIES)),
            entry("GET api/v1/activity-groups", signedIn(ACTIVITIES)),
            entry("POST api/v1/activity-groups", signedIn(ACTIVITIES)),
            entry("PUT api/v1/activity-groups/{id}", signedIn(ACTIVITIES)),
            entry("DELETE api/v1/activity-groups/{id}", signedIn(ACTIVITIES)),
            entry("GET api/v1/contact-groups", signedIn(CRM)),
            entry("POST api/v1/contact-groups", signedIn(CRM)),
            entry("PUT api/v1/contact-groups/{id}", signedIn(CRM)),
            entry("DELETE api/v1/contact-groups/{id}", signedIn(CRM)),
            entry("GET api/v1/contact-tags", signedIn(CRM)),
            entry("POST api/v1/contact-tags", signedIn(CRM)),
            entry("DELETE api/v1/contact-tags/{id}", signedIn(CRM)),
            entry("GET api/v1/mailboxes/{id}/contact-sync", signedIn(CONTACT_SYNC)),
            entry("PUT api/v1/mailboxes/{id}/contact-sync", signedIn(CONTACT_SYNC)),
            entry("POST api/v1/mailboxes/{id}/contact-sync/run", signedIn(CONTACT_SYNC)),
            entry("GET api/v1/emails/{id}", signedIn(CRM)),
            entry("GET api/v1/emails/{id}/links", signedIn(CRM)),
            entry("GET api/v1/emails/{id}/files/{fileId}", signedIn(CRM)),

            entry("GET api/v1/channels", op(CHATS)),
            entry("POST api/v1/channels", op(CHATS)),
            entry("GET api/v1/channels/providers", op(CHATS)),
            entry("GET api/v1/channels/{id}", op(CHATS)),
            entry("PUT api/v1/channels/{id}", op(CHATS)),
            entry("DELETE api/v1/channels/{id}", op(CHATS)),
            entry("POST api/v1/channels/{id}/access-check", op(CHATS)),
            entry("GET api/v1/chat-actions", op(CHATS)),
            entry("POST api/v1/chat-actions", op(CHATS)),
            entry("GET api/v1/chat-actions/processes", op(CHATS)),
            entry("GET api/v1/chat-actions/{id}", op(CHATS)),
            entry("PUT api/v1/chat-actions/{id}", op(CHATS)),
            entry("DELETE api/v1/chat-actions/{id}", op(CHATS)),
            entry("GET api/v1/chat-queues", op(CHATS)),
            entry("POST api/v1/chat-queues", op(CHATS)),
            entry("GET api/v1/chat-queues/operator-candidates", op(CHATS)),
            entry("GET api/v1/chat-queues/{id}", op(CHATS)),
            entry("PUT api/v1/chat-queues/{id}", op(CHATS)),
            entry("DELETE api/v1/chat-queues/{id}", op(CHATS)),
            entry("PUT api/v1/chat-queues/{id}/operators", op(CHATS)),
            entry("GET api/v1/quick-replies", op(CHATS)),
            entry("POST api/v1/quick-replies", op(CHATS)),
            entry("GET api/v1/quick-replies/{id}", op(CHATS)),
            entry("PUT api/v1/quick-replies/{id}", op(CHATS)),
            entry("DELETE api/v1/quick-replies/{id}", op(CHATS)),
            entry("GET api/v1/dead-letters", op(CHATS)),
            entry("POST api/v1/dead-letters/replay", op(CHATS)),
            entry("GET api/v1/dead-letters/{id}", op(CHATS)),
            entry("POST api/v1/dead-letters/{id}/replay", op(CHATS)),
            entry("POST api/v1/dead-letters/{id}/discard", op(CHATS)),

            entry("GET api/v1/chats", signedIn(OWN_CHATS)),
            entry("GET api/v1/chats/{id}", signedIn(OWN_CHATS)),
            entry("POST api/v1/chats/{id}/accept", signedIn(OWN_CHATS)),
            entry("POST api/v1/chats/{id}/messages", signedIn(OWN_CHATS)),
            entry("POST api/v1/chats/{id}/finish", signedIn(OWN_CHATS)),
            entry("POST api/v1/chats/{id}/take-from-bot", signedIn(OWN_CHATS)),
            entry("POST api/v1/chats/{id}/actions/{actionId}", signedIn(OWN_CHATS)),
            entry("GET api/v1/chats/{id}/quick-replies", signedIn(OWN_CHATS)),
            entry("GET api/v1/chat-attachments/{id}", signedIn(OWN_CHATS)),
            entry("GET api/v1/me/chats", signedIn(OWN_CHATS)),
            entry("GET api/v1/me/operator-status", signedIn(OWN_CHATS)),
            entry("PUT api/v1/me/operator-status", signedIn(OWN_CHATS)),

            entry("GET api/v1/events", op(ADMINISTRATION)),
            entry("GET api/v1/health/live", open("probes of the orchestrator, which holds no account")),
            entry("GET api/v1/health/ready", open("probes of the orchestrator, which holds no account")),
            entry("POST api/v1/inbound", signedIn("each inbound type's handler decides who may submit it (X-03)")),

            entry("GET api/v1/mail-provider-domains", op(ADMINISTRATION)),
            entry("POST api/v1/mail-provider-domains", op(ADMINISTRATION)),
            entry("PUT api/v1/mail-provider-domains/{id}", op(ADMINISTRATION)),
            entry("DELETE api/v1/mail-provider-domains/{id}", op(ADMINISTRATION)),
            entry("GET api/v1/mail-providers", op(ADMINISTRATION)),
            entry("POST api/v1/mail-providers", op(ADMINISTRATION)),
            entry("GET api/v1/mail-providers/choices",
                    signedIn("anyone connecting a mailbox picks a provider (MP-04)")),
            entry("GET api/v1/mail-providers/detect", signedIn("anyone connecting a mailbox looks it up (MP-04)")),
            entry("GET api/v1/mail-providers/{id}", op(ADMINISTRATION)),
            entry("PUT api/v1/mail-providers/{id}", op(ADMINISTRATION)),
            entry("DELETE api/v1/mail-providers/{id}", op(ADMINISTRATION)),

            entry("GET api/v1/mailboxes", signedIn(OWN_MAIL)),
            entry("POST api/v1/mailboxes", signedIn(OWN_MAIL + "; a shared one needs CanConnectSharedMailbox")),
            entry("GET api/v1/mailboxes/senders", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/emails/{emailId}", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/emails/{emailId}/files/{fileId}", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/emails/{emailId}/html", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/emails/{emailId}/send-status", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}/access", signedIn(OWN_MAIL)),
            entry("PUT api/v1/mailboxes/{id}/access", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}/access/grantees", signedIn(OWN_MAIL)),
            entry("PUT api/v1/mailboxes/{id}/credentials", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}/emails", signedIn(OWN_MAIL)),
            entry("POST api/v1/mailboxes/{id}/emails", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}/settings", signedIn(OWN_MAIL)),
            entry("PUT api/v1/mailboxes/{id}/settings", signedIn(OWN_MAIL)),
            entry("GET api/v1/mailboxes/{id}/skipped", signedIn(OWN_MAIL)),
            entry("POST api/v1/mailboxes/{id}/skipped/{skippedId}/retry", signedIn(OWN_MAIL)),
            entry("POST api/v1/mailboxes/{id}/sync", signedIn(OWN_MAIL)),

            entry("GET api/v1/operations", op(ADMINISTRATION)),
            entry("GET api/v1/operations/{code}", op(ADMINISTRATION)),
            entry("GET api/v1/operations/{code}/holders", op(ADMINISTRATION)),
            entry("POST api/v1/operations/{code}/grants", op(ADMINISTRATION)),
            entry("DELETE api/v1/operations/{code}/grants/{grantId}", op(ADMINISTRATION)),
            entry("GET api/v1/roles", op(ADMINISTRATION)),
            entry("POST api/v1/roles", op(ADMINISTRATION)),
            entry("GET api/v1/roles/{id}", op(ADMINISTRATION)),
            entry("PUT api/v1/roles/{id}", op(ADMINISTRATION)),
            entry("DELETE api/v1/roles/{id}", op(ADMINISTRATION)),
            entry("PUT api/v1/roles/{id}/members/{userId}", op(ADMINISTRATION)),
            entry("DELETE api/v1/roles/{id}/members/{userId}", op(ADMINISTRATION)),
            entry("GET api/v1/settings", op(ADMINISTRATION)),
            entry("GET api/v1/settings/{code}", op(ADMINISTRATION)),
            entry("PUT api/v1/settings/{code}", op(ADMINISTRATION)),
            entry("POST api/v1/settings/{code}/restore-default", op(ADMINISTRATION)),
            entry("GET api/v1/settings/{code}/file", signedIn("the logo and other files every page shows")),
            entry("PUT api/v1/settings/{code}/file", op(ADMINISTRATION)),
            entry("DELETE api/v1/settings/{code}/file", op(ADMINISTRATION)),
            entry("GET api/v1/users", op(ADMINISTRATION)),
            entry("POST api/v1/users", op(ADMINISTRATION)),
            entry("GET api/v1/users/me", signedIn(ME)),
            entry("PUT api/v1/users/me/locale", signedIn(ME)),
            entry("PUT api/v1/users/me/password", signedIn(ME)),
            entry("GET api/v1/users/me/tokens", signedIn(ME + ": personal API tokens")),
            entry("POST api/v1/users/me/tokens", signedIn(ME + ": personal API tokens")),
            entry("GET api/v1/users/me/tokens/{id}", signedIn(ME + ": personal API tokens")),
            entry("DELETE api/v1/users/me/tokens/{id}", signedIn(ME + ": personal API tokens")),
            entry("GET api/v1/users/{id}", op(ADMINISTRATION)),
            entry("PUT api/v1/users/{id}", op(ADMINISTRATION)),
            entry("POST api/v1/users/{id}/password", op(ADMINISTRATION)),
            entry("GET api/v1/users/{userId}/tokens", new Guard(Access.ADMINISTRATORS, null,
                    "another user's tokens: only administrators see or revoke them")),
            entry("DELETE api/v1/users/{userId}/tokens/{id}", new Guard(Access.ADMINISTRATORS, null,
                    "another user's tokens: only administrators see or revoke them")));

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-02 issue 18: every operation of the OpenAPI document has an entry in the authorization table, "
            + "and every entry is an operation of the document")
    void tableCoversTheDocument() {
        Set<String> served = new TreeSet<>();
        OpenApiDocument.served(base).operations().forEach(operation -> served.add(operation.key()));

        Set<String> withoutEntry = new TreeSet<>(served);
        withoutEntry.removeAll(GUARDS.keySet());
        Set<String> notServed = new TreeSet<>(GUARDS.keySet());
        notServed.removeAll(served);
        assertTrue(withoutEntry.isEmpty(), () -> "new endpoint without an entry in the table: " + withoutEntry);
        assertTrue(notServed.isEmpty(), () -> "table entry the document lacks: " + notServed);
    }

    @Test
    @DisplayName("X-02 issue 18: the OpenAPI document gives every operation its success with a schema, and its "
            + "problems (401 where credentials are needed) as application/problem+json of the shared Problem schema")
    void documentDescribesAnswers() {
        OpenApiDocument document = OpenApiDocument.served(base);
        List<String> failures = new ArrayList<>();
        for (OpenApiDocument.Operation operation : document.operations()) {
            Map<String, JsonObject> responses = operation.responses(document);
            String success = responses.keySet().stream().filter(code -> code.startsWith("2")).findFirst()
                    .orElse(null);
            if (success == null) {
                failures.add(operation.key() + ": no success response");
            } else if (!"204".equals(success) && schemaOf(responses.get(success)) == null) {
                failures.add(operation.key() + ": " + success + " without a schema");
            }
            Guard guard = GUARDS.get(operation.key());
            if (guard != null && guard.access() != Access.PUBLIC && !responses.containsKey("401")) {
                failures.add(operation.key() + ": no 401");
            }
            responses.forEach((code, response) -> {
                JsonObject problem = problemSchema(response);
                JsonObject resolved = document.resolve(problem);
                boolean isProblem = code.startsWith("4") || "502".equals(code);
                if (isProblem && (!"Problem".equals(OpenApiDocument.schemaName(problem).orElse(null))
                        || resolved == null || !resolved.containsKey("properties")
                        || !resolved.getJsonObject("properties").containsKey("errors"))) {
                    failures.add(operation.key() + ": " + code + " is not an application/problem+json Problem: "
                            + response);
                }
            });
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
    }

    /** The schema of a response's first content, or null. */
    private static JsonObject schemaOf(JsonObject response) {
        JsonObject content = response == null ? null : response.getJsonObject("content");
        if (content == null || content.isEmpty()) {
            return null;
        }
        return content.getJsonObject(content.keySet().iterator().next()).getJsonObject("schema");
    }

    private static JsonObject problemSchema(JsonObject response) {
        JsonObject content = response == null ? null : response.getJsonObject("content");
        JsonObject problem = content == null ? null : content.getJsonObject("application/problem+json");
        return problem == null ? null : problem.getJsonObject("schema");
    }

    @Test
    @DisplayName("X-02 X-05 SM-03 issue 18: every operation of the OpenAPI document refuses a caller without "
            + "credentials (401) and one without its operation (403 or 404), and lets the holder of its operation "
            + "through, never with a 5xx; every error is application/problem+json")
    void everyOperationIsGuarded() {
        ApiClient admin = ApiClient.asAdmin(base);
        ApiClient nobody = signedInUser(admin, null);
        Map<String, ApiClient> holders = new LinkedHashMap<>();
        OpenApiDocument document = OpenApiDocument.served(base);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (OpenApiDocument.Operation operation : document.operations()) {
            Guard guard = GUARDS.get(operation.key());
            if (guard == null) {
                continue; // tableCoversTheDocument names it
            }
            ApiResponse anonymous = call(ApiClient.anonymous(base), operation, document);
            calls++;
            if (guard.access() == Access.PUBLIC) {
                expectThrough(failures, "without credentials (public: " + guard.reason() + ")", anonymous);
                continue;
            }
            expect(failures, "without credentials", anonymous, Set.of(401));
            ApiResponse plain = call(nobody, operation, document);
            calls++;
            if (guard.access() == Access.SIGNED_IN) {
                expectThrough(failures, "as a user holding no operation (" + guard.reason() + ")", plain);
                continue;
            }
            expect(failures, "as a user holding no operation", plain, Set.of(403, 404));
            ApiClient holder = guard.access() == Access.ADMINISTRATORS ? admin
                    : holders.computeIfAbsent(guard.operation(), code -> signedInUser(admin, code));
            ApiResponse held = call(holder, operation, document);
            calls++;
            expectThrough(failures, "as a holder of " + (guard.operation() == null ? "Administrators"
                    : guard.operation()), held);
        }
        int sent = calls;
        System.out.printf("AuthorizationMatrixIT on %s: %d operations, %d calls, %d failures%n",
                TestSettings.server(), GUARDS.size(), sent, failures.size());
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + sent + " calls answered wrongly:\n"
                + String.join("\n", failures));
    }

    /** A fresh user holding the one operation given, or none when it is null, signed in with HTTP Basic. */
    @Test
    @DisplayName("X-02 issue 18: a call the guard refuses before the service is recorded in the server log with the "
            + "real caller and the operation it lacks, as the container's refusal of a service call was")
    void refusalNamesTheCaller() {
        String login = Fixtures.unique("refused");
        Fixtures.user(ApiClient.asAdmin(base), login);

        ApiResponse refused = ApiClient.as(base, login, Fixtures.PASSWORD).put("api/v1/roles/987654321",
                Json.createObjectBuilder().add("name", "x").build());

        refused.assertProblem(403, "error.forbidden", null);
        Path log = Path.of(TestSettings.required("switchboard.test.server.log"));
        String expected = "Refused PUT /switchboard/api/v1/roles/987654321 to '" + login
                + "': it needs CanManageAdministration";
        Awaitility.await("the refusal in " + log).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains(expected));
    }

    private ApiClient signedInUser(ApiClient admin, String operation) {
        JsonObject user = Fixtures.user(admin, Fixtures.unique("matrix"));
        if (operation != null) {
            Fixtures.grantToUser(admin, operation, user.getJsonNumber("id").longValue());
        }
        return ApiClient.as(base, user.getString("login"), Fixtures.PASSWORD);
    }

    /** Calls the operation with absent ids, an unknown code and an empty object (or a byte) as its body. */
    private static ApiResponse call(ApiClient client, OpenApiDocument.Operation operation,
            OpenApiDocument document) {
        List<String> types = operation.bodyTypes(document);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        HttpRequest.Builder request = HttpRequest.newBuilder(client.resolve(operation.absentPath()))
                .header("Accept", ACCEPT)
                .header("Accept-Language", "en-US");
        if (!types.isEmpty()) {
            String type = types.stream().filter(t -> t.contains("json")).findFirst().orElse(types.get(0));
            String content = type.contains("json") ? "{}" : "x";
            body = HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8);
            request.header("Content-Type", type.contains("*") ? "application/octet-stream" : type);
        }
        return client.send(request.method(operation.method(), body).build());
    }

    private static void expect(List<String> failures, String as, ApiResponse response, Set<Integer> statuses) {
        if (!statuses.contains(response.status())) {
            failures.add(as + ": expected " + statuses + ", got " + brief(response));
        } else {
            expectProblem(failures, as, response);
        }
    }

    /** Neither 401 nor 403 (the guard let the caller through), and no 5xx: a 400 or 404 after the guard is fine. */
    private static void expectThrough(List<String> failures, String as, ApiResponse response) {
        if (response.status() == 401 || response.status() == 403 || response.status() >= 500) {
            failures.add(as + ": expected through the guard, got " + brief(response));
        } else {
            expectProblem(failures, as, response);
        }
    }

    private static void expectProblem(List<String> failures, String as, ApiResponse response) {
        if (response.status() >= 400 && !"application/problem+json".equals(response.contentType())) {
            failures.add(as + ": an error that is not application/problem+json: " + brief(response));
        }
    }

    private static String brief(ApiResponse response) {
        String body = response.body().length() > 300 ? response.body().substring(0, 300) + "…" : response.body();
        return response.method() + " " + response.uri().getPath() + " → " + response.status() + " "
                + response.contentType() + " " + body.replace('\n', ' ');
    }
}
