package org.switchboard.core.common;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

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

    public static JsonReader reader(String json) {
        return PROVIDER.createReader(new StringReader(json));
    }

    public static JsonString string(String value) {
        return PROVIDER.createValue(value);
    }
}
