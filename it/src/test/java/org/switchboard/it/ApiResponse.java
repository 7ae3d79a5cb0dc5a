package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * One HTTP response seen by {@link ApiClient}: status, headers and body text, with the body parsed as JSON
 * on demand ({@link #json()}, {@link #object()}, {@link #array()}). {@link #toString()} shows the request
 * and the body, which makes assertion messages useful: {@code assertEquals(200, r.status(), r::toString)}.
 */
public record ApiResponse(String method, URI uri, int status, HttpHeaders headers, String body) {

    /** The body as JSON; fails with the body in the message when it is not JSON. */
    public JsonValue json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new AssertionError("Not a JSON body: " + this, e);
        }
    }

    /** The body as a JSON object. */
    public JsonObject object() {
        return json().asJsonObject();
    }

    /** The body as a JSON array. */
    public JsonArray array() {
        return json().asJsonArray();
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The media type without parameters, e.g. {@code application/problem+json}; empty when there is none. */
    public String contentType() {
        return header("Content-Type").map(type -> type.split(";", 2)[0].trim()).orElse("");
    }

    /** Asserts a 201 whose Location names the created record's id, and returns the record. */
    public JsonObject assertCreated() {
        assertEquals(201, status, this::toString);
        JsonObject record = object();
        assertTrue(header("Location").orElse("").endsWith("/" + record.getJsonNumber("id").longValue()),
                this::toString);
        return record;
    }

    /**
     * Asserts an {@code application/problem+json} answer with that status and message code, and with a first field
     * error on {@code field} that has a message (no field error is checked when {@code field} is null).
     */
    public void assertProblem(int expectedStatus, String code, String field) {
        assertEquals(expectedStatus, status, this::toString);
        assertEquals("application/problem+json", contentType(), this::toString);
        assertEquals(code, object().getString("code"), this::toString);
        if (field != null) {
            JsonObject error = object().getJsonArray("errors").getJsonObject(0);
            assertEquals(field, error.getString("field"), this::toString);
            assertFalse(error.getString("message").isBlank(), this::toString);
        }
    }

    @Override
    public String toString() {
        String shown = body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
        return method + " " + uri + " → " + status + " " + contentType() + "\n" + shown;
    }
}
