package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The served OpenAPI document of the Switchboard API as the attack suite reads it (issue 18): every operation with
 * its method, its path relative to the application ({@code api/v1/users/{id}}) and what it declares (request body
 * media types, responses). Both servers serve JSON when asked with {@code Accept: application/json}; their
 * implementations (Payara's own, WildFly's SmallRye) differ in how paths are prefixed, so a path is taken from its
 * {@code /v1/} on.
 */
final class OpenApiDocument {

    /** An id no record has. */
    static final String ABSENT_ID = "987654321";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonObject document;

    private OpenApiDocument(JsonObject document) {
        this.document = document;
    }

    /** One operation of the document. */
    record Operation(String method, String path, JsonObject declaration) {

        /** {@code "GET api/v1/users/{id}"}: the key of the test tables. */
        String key() {
            return method + " " + path;
        }

        /**
         * Its path with an id no record has in each id parameter and an unknown code in {@code {code}}: the guard
         * answers before the look-up, or the look-up answers 404.
         */
        String absentPath() {
            Matcher parameters = PARAMETER.matcher(path);
            StringBuilder filled = new StringBuilder();
            while (parameters.find()) {
                parameters.appendReplacement(filled, "code".equals(parameters.group(1)) ? "NoSuchCode" : ABSENT_ID);
            }
            parameters.appendTail(filled);
            return filled.toString();
        }

        /** The media types of its request body, empty when it takes none. */
        List<String> bodyTypes(OpenApiDocument document) {
            JsonObject body = document.resolve(declaration.getJsonObject("requestBody"));
            if (body == null || !body.containsKey("content")) {
                return List.of();
            }
            return List.copyOf(body.getJsonObject("content").keySet());
        }

        /** Its responses by status code, references resolved. */
        Map<String, JsonObject> responses(OpenApiDocument document) {
            Map<String, JsonObject> responses = new TreeMap<>();
            JsonObject declared = declaration.getJsonObject("responses");
            if (declared != null) {
                declared.forEach((code, response) -> responses.put(code,
                        document.resolve(response.asJsonObject())));
            }
            return responses;
        }
    }

    /** Reads the document served at the host root of the server under test. */
    static OpenApiDocument served(URL base) {
        ApiResponse response = ApiClient.anonymous(base).header("Accept", "application/json").get("/openapi");
        assertEquals(200, response.status(), response::toString);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return new OpenApiDocument(reader.readObject());
        }
    }

    JsonObject json() {
        return document;
    }

    /** Every operation, sorted by path and method. */
    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), relative(path),
                        operation.asJsonObject()));
            }
        }));
        operations.sort((a, b) -> a.key().compareTo(b.key()));
        return operations;
    }

    /** {@code /switchboard/api/v1/users} or {@code /api/v1/users} or {@code /v1/users} → {@code api/v1/users}. */
    private static String relative(String path) {
        int version = path.indexOf("/v1/");
        return "api" + (version < 0 ? path : path.substring(version));
    }

    /** The object a {@code $ref} names within this document, or the object itself when it is no reference. */
    JsonObject resolve(JsonObject object) {
        JsonObject resolved = object;
        while (resolved != null && resolved.containsKey("$ref")) {
            String ref = resolved.getString("$ref");
            JsonValue target = document;
            for (String part : ref.replaceFirst("^#/", "").split("/")) {
                target = target == null ? null : target.asJsonObject().get(part);
            }
            resolved = target == null ? null : target.asJsonObject();
        }
        return resolved;
    }

    /** The name of the component schema a schema refers to, if it is such a reference. */
    static Optional<String> schemaName(JsonObject schema) {
        if (schema == null || !schema.containsKey("$ref")) {
            return Optional.empty();
        }
        String ref = schema.getString("$ref");
        return Optional.of(ref.substring(ref.lastIndexOf('/') + 1));
    }
}
