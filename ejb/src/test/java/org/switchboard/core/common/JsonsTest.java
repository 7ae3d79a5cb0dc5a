package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
