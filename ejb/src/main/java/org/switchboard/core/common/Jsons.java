package org.switchboard.core.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
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

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
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
