package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-02, issue 18: every operation of the served OpenAPI document that takes a JSON body is sent generated malformed
 * bodies as {@code admin}, who holds every operation: invalid, truncated and empty JSON, a scalar or an array for the
 * object, garbage after it, nesting 5,000 deep, bytes that are no UTF-8, right-to-left overrides and emoji around the
 * JSON, and per declared property a value of the wrong kind, null, a 1 MB text, numbers beyond every type (1e400,
 * 2^63, a fraction), a lone surrogate and a NUL. Each answer must be a 4xx {@code application/problem+json} that
 * names no exception and holds no stack; a property refused by kind, range or character must be named in
 * {@code errors}; and the row counts of every application table are the same after the run as before it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

    private static final String MEGABYTE = "x".repeat(1024 * 1024);
    /** What must never reach a caller: an exception's class name or a stack frame. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception\\b|\\bat [a-z]+\\.[\\w.$]+\\(|\\b(java|jakarta|org\\.(eclipse|hibernate|jboss|h2))\\.[a-z]+\\.");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    /** One body to send, and the property it must be refused on (null when any 4xx problem will do). */
    private record Body(String name, byte[] content, String field) {

        static Body of(String name, String json) {
            return new Body(name, json.getBytes(StandardCharsets.UTF_8), null);
        }

        static Body on(String field, String name, String json) {
            return new Body(name, json.getBytes(StandardCharsets.UTF_8), field);
        }
    }

    @Test
    @DisplayName("X-02 issue 18: malformed bodies on every operation with a JSON body (broken, truncated and deep "
            + "JSON, wrong kinds, nulls, 1 MB texts, 1e400 and 2^63, lone surrogates, NUL, RTL overrides, emoji, "
            + "arrays for objects, trailing garbage) get only 4xx problems and write nothing")
    void malformedBodiesAreRefused() throws SQLException {
        ApiClient admin = ApiClient.asAdmin(base);
        OpenApiDocument document = OpenApiDocument.served(base);
        Map<String, Long> before = rowCounts();
        long start = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int operations = 0;
        int sent = 0;
        for (OpenApiDocument.Operation operation : document.operations()) {
            JsonObject schema = jsonSchema(operation, document);
            if (schema == null) {
                continue;
            }
            operations++;
            for (Body body : bodies(schema, document)) {
                ApiResponse response = admin.send(request(admin, operation, body));
                sent++;
                statuses.merge(response.status(), 1, Integer::sum);
                check(failures, operation, body, response);
            }
        }
        Map<String, Long> after = rowCounts();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("FuzzIT on %s: %d operations, %d bodies sent, statuses %s, %d failures, %d ms%n",
                TestSettings.server(), operations, sent, statuses, failures.size(), millis);

        assertTrue(operations > 0, "no operation with a JSON body in the document");
        assertAll(() -> assertTrue(failures.isEmpty(), () -> failures.size() + " of the bodies answered wrongly:\n"
                + String.join("\n", failures)),
                () -> assertEquals(before, after, "row counts of the application tables before and after the run"));
    }

    /** The schema of the operation's JSON request body, or null when it takes none. */
    private static JsonObject jsonSchema(OpenApiDocument.Operation operation, OpenApiDocument document) {
        JsonObject body = document.resolve(operation.declaration().getJsonObject("requestBody"));
        if (body == null || !body.containsKey("content")) {
            return null;
        }
        JsonObject json = body.getJsonObject("content").getJsonObject("application/json");
        if (json == null) {
            return null;
        }
        JsonObject schema = document.resolve(json.getJsonObject("schema"));
        return schema == null ? JsonValue.EMPTY_JSON_OBJECT : schema;
    }

    /** The generated bodies for one operation: whole-body ones, then per declared property of the object. */
    private static List<Body> bodies(JsonObject schema, OpenApiDocument document) {
        boolean list = "array".equals(type(schema));
        JsonObject object = list ? document.resolve(schema.getJsonObject("items")) : schema;
        List<Body> bodies = new ArrayList<>(List.of(
                Body.of("invalid JSON", "{name: 'x'}"),
                Body.of("truncated JSON", "{\"a\": [1, {\"b\": \"c"),
                Body.of("empty body", ""),
                Body.of("JSON null", "null"),
                Body.of("a number for the body", "123"),
                Body.of(list ? "an object for the array" : "an array for the object", list ? "{}" : "[{}]"),
                Body.of("trailing garbage", list ? "[]]]" : "{}}}"),
                Body.of("nesting 5,000 deep", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"),
                new Body("bytes that are no UTF-8", concat("{\"a\":\"", new byte[] {(byte) 0xED, (byte) 0xA0,
                        (byte) 0x80, (byte) 0xFF}, "\"}"), null),
                Body.of("a right-to-left override before the JSON", "\u202E{}"),
                Body.of("an emoji after the JSON", (list ? "[]" : "{}") + "\uD83D\uDE00"),
                Body.of("a NUL between the tokens", list ? "[\u0000]" : "{\u0000}")));
        JsonObject properties = object == null ? null : object.getJsonObject("properties");
        if (properties != null) {
            properties.forEach((name, declared) -> {
                JsonObject property = document.resolve(declared.asJsonObject());
                for (Map.Entry<String, String> value : values(property).entrySet()) {
                    boolean named = !value.getKey().startsWith("~");
                    // With a version an update reaches the check of the property (it refuses a missing one first).
                    String version = properties.containsKey("version") && !"version".equals(name)
                            ? ",\"version\":1" : "";
                    String json = "{\"" + name + "\":" + value.getValue() + version + "}";
                    bodies.add(new Body(name + ": " + value.getKey().replace("~", ""),
                            (list ? "[" + json + "]" : json).getBytes(StandardCharsets.UTF_8), named ? name : null));
                }
            });
        }
        return bodies;
    }

    /**
     * The values to try in one property by its declared type, by what they are. Those that strict binding refuses by
     * kind, range or character must name the property; those marked {@code ~} need only be refused somehow.
     */
    private static Map<String, String> values(JsonObject property) {
        String type = type(property);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("~null", "null");
        switch (type) {
            case "string" -> {
                values.put("a number for a text", "123");
                values.put("an object for a text", "{\"a\":1}");
                values.put("~a 1 MB text", "\"" + MEGABYTE + "\"");
                values.put("a lone surrogate", "\"a\\ud800b\"");
                values.put("a NUL", "\"a\\u0000b\"");
            }
            case "integer" -> {
                values.put("a text for a number", "\"12\"");
                values.put("1e400", "1e400");
                values.put("2^63", "9223372036854775808");
                values.put("a fraction for a whole number", "1.5");
            }
            case "number" -> {
                values.put("a text for a number", "\"12\"");
                values.put("1e400", "1e400");
            }
            case "boolean" -> values.put("a text for a boolean", "\"true\"");
            case "array" -> {
                values.put("a text for an array", "\"x\"");
                values.put("~an array of 1e400", "[1e400]");
            }
            case "object" -> values.put("an array for an object", "[]");
            default -> {
                values.put("~a 1 MB text", "\"" + MEGABYTE + "\"");
                values.put("~1e400", "1e400");
            }
        }
        return values;
    }

    /** The declared type; of a 3.1 type list such as {@code ["string", "null"]} the one that is not null. */
    private static String type(JsonObject schema) {
        JsonValue type = schema == null ? null : schema.get("type");
        if (type instanceof JsonString text) {
            return text.getString();
        }
        if (type instanceof JsonArray types) {
            return types.stream().map(t -> ((JsonString) t).getString()).filter(t -> !"null".equals(t))
                    .findFirst().orElse("");
        }
        return "";
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] end = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + middle.length + end.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(middle, 0, all, start.length, middle.length);
        System.arraycopy(end, 0, all, start.length + middle.length, end.length);
        return all;
    }

    private static HttpRequest request(ApiClient client, OpenApiDocument.Operation operation, Body body) {
        return HttpRequest.newBuilder(client.resolve(operation.absentPath()))
                .header("Accept", "application/json").header("Accept-Language", "en-US")
                .header("Content-Type", "application/json")
                .method(operation.method(), HttpRequest.BodyPublishers.ofByteArray(body.content())).build();
    }

    private static void check(List<String> failures, OpenApiDocument.Operation operation, Body body,
            ApiResponse response) {
        String what = operation.key() + " with " + body.name() + ": ";
        if (response.status() < 400 || response.status() >= 500) {
            failures.add(what + "expected a 4xx, got " + brief(response));
        } else if (!"application/problem+json".equals(response.contentType())) {
            failures.add(what + "not application/problem+json: " + brief(response));
        } else if (LEAK.matcher(response.body()).find()) {
            failures.add(what + "an exception or stack in the body: " + brief(response));
        } else if (body.field() != null && response.status() == 400 && !names(response, body.field())) {
            failures.add(what + "the refusal does not name " + body.field() + ": " + brief(response));
        }
    }

    /** Whether the problem's {@code errors} name the property (alone, or as the last step of a path). */
    private static boolean names(ApiResponse response, String field) {
        JsonValue errors = response.object().get("errors");
        return errors instanceof JsonArray array && array.stream()
                .map(error -> error.asJsonObject().getString("field", ""))
                .anyMatch(named -> named.equals(field) || named.endsWith("." + field)
                        || named.endsWith("]." + field));
    }

    private static String brief(ApiResponse response) {
        String body = response.body().length() > 400 ? response.body().substring(0, 400) + "…" : response.body();
        return response.status() + " " + response.contentType() + " " + body.replace('\n', ' ');
    }

    /** The number of rows of every table of the application's schema, by table name. */
    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(TestSettings.databaseUrl(), "sa", "sa");
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        return counts;
    }
}
