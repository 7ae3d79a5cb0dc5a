package org.switchboard.core.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.Serial;
import java.io.StringReader;
import java.util.function.Supplier;

/**
 * JSON-P with one provider for the whole application. {@code Jsons.object()} and its siblings look the
 * provider up through {@code ServiceLoader} on every call, which across an EAR's class loaders cost more than the
 * rest of storing a chat message (measured in the ingestion benchmark's thread dumps, X-03).
 */
public final class Jsons {

    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    /** A builder that starts with the object's fields. */
    public static JsonObjectBuilder object(JsonObject from) {
        return PROVIDER.createObjectBuilder(from);
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /**
     * A reader of the text whose every refusal is a {@link JsonException}: Parsson refuses JSON nested deeper than
     * 1,000 levels with a plain {@code RuntimeException} ("Input is too deeply nested"), which the callers, catching
     * {@code JsonException} for a malformed body, let through as a 500.
     */
    public static JsonReader reader(String json) {
        return new RefusingReader(PROVIDER.createReader(new StringReader(json)));
    }

    /**
     * A provider's answer as a JSON object, or null when it is empty, not JSON or not an object (an HTML error page
     * from a proxy, say): the caller then reports the HTTP status instead.
     */
    public static JsonObject objectOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return readValue(body) instanceof JsonObject object ? object : null;
        } catch (JsonException e) {
            return null;
        }
    }

    /**
     * The one JSON value of a text, with nothing after it but white space (X-02, issue 18): a {@link JsonReader}
     * stops after the first value, so {@code {"value":"20"}}}} was read as {@code {"value":"20"}}. Null for a text
     * that is empty or blank.
     *
     * @throws TrailingContentException when anything follows the value
     * @throws JsonException when the text is not JSON, or is nested deeper than Parsson allows
     */
    public static JsonValue readValue(String json) {
        if (json.isBlank()) {
            return null;
        }
        try (JsonParser parser = PROVIDER.createParser(new StringReader(json))) {
            parser.next();
            JsonValue value = parser.getValue();
            boolean more;
            try {
                more = parser.hasNext();
            } catch (JsonException e) {
                // Parsson reads the next token to find the end: anything else is refused here.
                throw new TrailingContentException(e);
            }
            if (more) {
                throw new TrailingContentException(null);
            }
            return value;
        } catch (JsonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonException(e.getMessage(), e);
        }
    }

    /**
     * The whole number a JSON number gives ({@code 7}, {@code 7.0}, {@code 7e0}) as a {@code long}, never wrapped
     * or rounded as {@link JsonNumber#longValue()} does ({@code 9223372036854775808} becomes a negative id there).
     *
     * @throws ArithmeticException when the number has a fraction or lies beyond a {@code long}
     */
    public static long exactLong(JsonNumber number) {
        return number.bigDecimalValue().longValueExact();
    }

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }

    /** A text with more after its one JSON value: not one value, so the caller refuses it on the body as a whole. */
    public static final class TrailingContentException extends JsonException {

        @Serial
        private static final long serialVersionUID = 1L;

        TrailingContentException(Throwable cause) {
            super("Content after the JSON value", cause);
        }
    }

    /** A JSON-P reader whose refusals are all {@link JsonException}s. */
    private record RefusingReader(JsonReader reader) implements JsonReader {

        @Override
        public JsonStructure read() {
            return refusing(reader::read);
        }

        @Override
        public JsonObject readObject() {
            return refusing(reader::readObject);
        }

        @Override
        public JsonArray readArray() {
            return refusing(reader::readArray);
        }

        @Override
        public JsonValue readValue() {
            return refusing(reader::readValue);
        }

        @Override
        public void close() {
            reader.close();
        }

        private static <T> T refusing(Supplier<T> read) {
            try {
                return read.get();
            } catch (JsonException | IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new JsonException(e.getMessage(), e);
            }
        }
    }
}
