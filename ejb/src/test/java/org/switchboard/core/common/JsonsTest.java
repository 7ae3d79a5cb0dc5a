package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The application's JSON reader refuses every malformed text the same way (issue 18, item 10). */
class JsonsTest {

    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    @Test
    @DisplayName("X-02 JSON nested 5,000 deep is a JsonException (Parsson's own refusal is a plain RuntimeException), "
            + "so that every caller answers it as a malformed body")
    void tooDeepIsJsonException() {
        try (JsonReader reader = Jsons.reader(nested(5000))) {
            JsonException refused = assertThrows(JsonException.class, reader::readObject);
            assertEquals(RuntimeException.class, refused.getCause().getClass());
        }
    }

    @Test
    @DisplayName("X-02 a truncated text is Parsson's own JsonException, and 500 levels still read")
    void otherwiseUnchanged() {
        try (JsonReader reader = Jsons.reader("{\"a\": ")) {
            assertThrows(JsonException.class, reader::readObject);
        }
        try (JsonReader reader = Jsons.reader(nested(500))) {
            assertEquals(1, reader.readObject().size());
        }
    }

    @ParameterizedTest(name = "X-02 issue 18: {0} is not one JSON value")
    @DisplayName("X-02 issue 18: anything after the JSON value is refused as trailing content")
    @ValueSource(strings = {"{\"value\":\"20\"}}}", "{\"value\":\"20\"} x", "{} {}", "[1] [2]", "1 2"})
    void trailingContentRefused(String text) {
        assertThrows(Jsons.TrailingContentException.class, () -> Jsons.readValue(text));
    }

    @Test
    @DisplayName("X-02 issue 18: one value with white space around it reads; a blank text is none; malformed or "
            + "5,000 deep is a JsonException")
    void readValue() {
        assertEquals(1, Jsons.readValue(" {\"value\":\"20\"}\r\n ").asJsonObject().size());
        assertEquals(JsonValue.ValueType.ARRAY, Jsons.readValue("[{\"value\":\"20\"}]").getValueType());
        assertEquals(JsonValue.NULL, Jsons.readValue("null"));
        assertNull(Jsons.readValue(""));
        assertNull(Jsons.readValue(" \n"));
        JsonException truncated = assertThrows(JsonException.class, () -> Jsons.readValue("{\"login\": "));
        assertFalse(truncated instanceof Jsons.TrailingContentException);
        assertThrows(JsonException.class, () -> Jsons.readValue(nested(5000)));
    }

    @Test
    @DisplayName("X-02 issue 18: a JSON number is a long only when it is a whole number within a long's range")
    void exactLong() {
        assertEquals(Long.MAX_VALUE, Jsons.exactLong(number("9223372036854775807")));
        assertEquals(50, Jsons.exactLong(number("5e1")));
        assertEquals(50, Jsons.exactLong(number("50.0")));
        for (String refused : new String[] {"9223372036854775808", "50.5", "1e999999999", "1e-999999999"}) {
            assertThrows(ArithmeticException.class, () -> Jsons.exactLong(number(refused)), refused);
        }
    }

    private static JsonNumber number(String text) {
        return (JsonNumber) Jsons.readValue(text);
    }
}
