package org.switchboard.web.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.core.common.Jsons;
import org.switchboard.web.common.BodyRefusedException.Refusal;

/**
 * X-02, issue 18: REST bodies are read strictly. Each finding of the attack run is refused on its field (garbage after
 * the object, an array for it, the wrong JSON kind, numbers out of range or with a fraction, control characters, an
 * unknown enum value), every field at fault at once; nested records, lists, sets, maps, enums and JSON-P values bind
 * as before.
 */
class StrictJsonBinderTest {

    enum Colour { RED, GREEN }

    record Item(String fileName, Integer size) {
    }

    record Line(String name, Long id, int count, boolean flag, Boolean maybe, Colour colour, List<Item> items,
            Set<Long> ids, Map<String, String> settings, JsonValue port, Item item, double ratio, short small) {
    }

    record Dated(String name, Instant at) {
    }

    record Meeting(String title, OffsetDateTime startsAt) {
    }

    record Born(String name, LocalDate birthday) {
    }

    private static final Type ITEMS = Line.class.getRecordComponents()[6].getGenericType();

    private static Line line(String json) {
        return (Line) StrictJsonBinder.read(json, Line.class);
    }

    /** The field and message key of each refusal, in order. */
    private static List<List<String>> refused(String json, Type type) {
        BodyRefusedException refused = assertThrows(BodyRefusedException.class,
                () -> StrictJsonBinder.read(json, type));
        return refused.refusals().stream().map(r -> List.of(r.field(), r.key())).toList();
    }

    private static List<List<String>> refused(String json) {
        return refused(json, Line.class);
    }

    private static Refusal only(String json) {
        BodyRefusedException refused = assertThrows(BodyRefusedException.class,
                () -> StrictJsonBinder.read(json, Line.class));
        assertEquals(1, refused.refusals().size(), refused.refusals()::toString);
        return refused.refusals().get(0);
    }

    @Test
    @DisplayName("X-02 nested records, lists, sets, maps, enums, numbers and JSON-P values bind as given")
    void happyPath() {
        Line line = line("{\"name\":\"Tab\\tCR\\rLF\\n\",\"id\":9223372036854775807,\"count\":7.0,\"flag\":true,"
                + "\"maybe\":false,\"colour\":\"GREEN\",\"items\":[{\"fileName\":\"a.pdf\",\"size\":5e1},"
                + "{\"fileName\":\"b.pdf\"}],\"ids\":[3,1,3],\"settings\":{\"botToken\":\"1:x\"},\"port\":\"993\","
                + "\"item\":{\"fileName\":\"c\",\"size\":-2147483648},\"ratio\":0.25,\"small\":-32768}");

        assertEquals(new Line("Tab\tCR\rLF\n", Long.MAX_VALUE, 7, true, false, Colour.GREEN,
                List.of(new Item("a.pdf", 50), new Item("b.pdf", null)), Set.of(3L, 1L),
                Map.of("botToken", "1:x"), Jsons.string("993"), new Item("c", Integer.MIN_VALUE), 0.25,
                (short) -32768), line);
        assertEquals(List.of(3L, 1L), List.copyOf(line.ids()), "a set keeps the order given");
    }

    @Test
    @DisplayName("X-02 an absent component is null or its primitive's default, a property the record lacks is "
            + "ignored (as JSON-B did), a JSON null is null (JsonValue.NULL for a JsonValue)")
    void absentAndUnknown() {
        assertEquals(new Line(null, null, 0, false, null, null, null, null, null, null, null, 0.0, (short) 0),
                line("{\"unknown\":[1,{\"x\":\"\\u0000\"}]}"));
        Line nulls = line("{\"name\":null,\"id\":null,\"items\":null,\"port\":null,\"item\":null}");
        assertNull(nulls.name());
        assertNull(nulls.items());
        assertEquals(JsonValue.NULL, nulls.port());
    }

    @ParameterizedTest(name = "X-02 issue 18: an empty body, blank or null, is none: {0}")
    @DisplayName("X-02 issue 18: an empty body, blank or null, is none (the resource refuses a missing body)")
    @ValueSource(strings = {"", "  \r\n", "null"})
    void noBody(String json) {
        assertNull(StrictJsonBinder.read(json, Line.class));
    }

    @ParameterizedTest(name = "X-02 issue 18: garbage after the object is refused on the body: {0}")
    @DisplayName("X-02 issue 18: garbage after the object is refused on the body")
    @ValueSource(strings = {"{\"name\":\"20\"}}}", "{\"name\":\"20\"} x", "{}{}", "{} null"})
    void trailingGarbage(String json) {
        assertEquals(List.of(List.of("$", "validation.json.trailing")), refused(json));
    }

    @Test
    @DisplayName("X-02 issue 18: an array where the body is an object, and an object where it is a list, are refused "
            + "on the body")
    void wrongTopLevel() {
        assertEquals(List.of(List.of("$", "validation.json.object")), refused("[{\"name\":\"20\"}]"));
        assertEquals(List.of(List.of("$", "validation.json.object")), refused("\"text\""));
        assertEquals(List.of(List.of("$", "validation.json.list")), refused("{\"fileName\":\"a\"}", ITEMS));
        assertEquals(List.of(new Item("a", 1)), StrictJsonBinder.read("[{\"fileName\":\"a\",\"size\":1}]", ITEMS));
    }

    @Test
    @DisplayName("X-02 issue 18: a number, boolean, object or array for a text, and a text for a number, boolean, "
            + "enum, list or record, are each refused on their field, all at once")
    void wrongKinds() {
        assertEquals(List.of(List.of("name", "validation.json.text"), List.of("id", "validation.json.whole"),
                List.of("count", "validation.json.whole"), List.of("flag", "validation.json.boolean"),
                List.of("maybe", "validation.json.boolean"), List.of("colour", "validation.json.choice"),
                List.of("items", "validation.json.list"), List.of("ids[0]", "validation.json.whole"),
                List.of("settings.a", "validation.json.text"), List.of("item", "validation.json.object"),
                List.of("ratio", "validation.json.number")),
                refused("{\"name\":123,\"id\":\"12\",\"count\":true,\"flag\":\"true\",\"maybe\":1,\"colour\":1,"
                        + "\"items\":{},\"ids\":[\"1\"],\"settings\":{\"a\":2},\"item\":[],\"ratio\":\"0.5\"}"));
        for (String text : List.of("true", "{}", "[]", "1.5")) {
            assertEquals(List.of(List.of("name", "validation.json.text")), refused("{\"name\":" + text + "}"));
        }
    }

    @ParameterizedTest(name = "X-02 issue 18: {0} is refused, not wrapped or rounded")
    @DisplayName("X-02 issue 18: a whole number out of its type's range or with a fraction is refused on its field")
    @ValueSource(strings = {"\"id\":9223372036854775808", "\"id\":-9223372036854775809", "\"id\":1.5",
            "\"id\":1e999999999", "\"count\":2147483648", "\"count\":0.5", "\"small\":32768",
            "\"items\":[{\"size\":2147483648}]"})
    void numbersOutOfRange(String member) {
        Refusal refusal = only("{" + member + "}");
        assertEquals("validation.json.whole", refusal.key());
        String field = member.substring(1, member.indexOf('"', 1));
        assertEquals(field.equals("items") ? "items[0].size" : field, refusal.field());
        String max = field.equals("id") ? "9223372036854775807" : field.equals("small") ? "32767" : "2147483647";
        assertEquals(max, refusal.arguments().get(1), "the message names the range");
    }

    @Test
    @DisplayName("X-02 issue 18: a NUL or another C0 control character in any text is refused on its field, keys and "
            + "JSON-P values included; tab, line feed and carriage return are texts")
    void controlCharacters() {
        Refusal nul = only("{\"name\":\"Eve\\u0000\"}");
        assertEquals(List.of("name", "validation.json.control", List.of("0000", "4")),
                List.of(nul.field(), nul.key(), nul.arguments()));
        assertEquals(List.of(List.of("items[1].fileName", "validation.json.control"),
                List.of("settings", "validation.json.control"), List.of("settings.b", "validation.json.control"),
                List.of("port.x[0]", "validation.json.control")),
                refused("{\"items\":[{\"fileName\":\"ok\"},{\"fileName\":\"\\u001b[31m\"}],"
                        + "\"settings\":{\"a\\u0007\":\"1\",\"b\":\"\\u0001\"},"
                        + "\"port\":{\"x\":[\"\\u007f\\u001f\"]}}"));
        assertEquals("a\u007fb", line("{\"name\":\"a\\u007fb\"}").name(), "DEL is not C0");
    }

    @Test
    @DisplayName("X-02 issue 18 (found by FuzzIT): a lone surrogate in a text (\\ud800 escaped, which no UTF-8 can "
            + "store) is refused on its field, keys included; a pair (an emoji) and a right-to-left override are text")
    void loneSurrogates() {
        Refusal high = only("{\"name\":\"a\\ud800b\"}");
        assertEquals(List.of("name", "validation.json.surrogate", List.of("D800", "2")),
                List.of(high.field(), high.key(), high.arguments()));
        assertEquals(List.of(List.of("name", "validation.json.surrogate"),
                List.of("settings", "validation.json.surrogate")),
                refused("{\"name\":\"\\udc00\",\"settings\":{\"\\ud83d\":\"1\"}}"));
        assertEquals("a\uD83D\uDE00\u202Eb", line("{\"name\":\"a\\ud83d\\ude00\\u202eb\"}").name());
    }

    @Test
    @DisplayName("X-02 issue 18: an unknown enum value is refused with the accepted values")
    void unknownEnumValue() {
        Refusal refusal = only("{\"colour\":\"BLUE\"}");
        assertEquals(List.of("colour", "validation.json.choice", List.of("RED, GREEN")),
                List.of(refusal.field(), refusal.key(), refusal.arguments()));
        assertEquals("validation.json.choice", only("{\"colour\":\"red\"}").key(), "names are matched exactly");
    }

    @Test
    @DisplayName("X-02 a null for a primitive, in a list or as a map's value is refused on its field")
    void nullsRefused() {
        assertEquals(List.of(List.of("count", "validation.json.whole"), List.of("flag", "validation.json.boolean"),
                List.of("items[0]", "validation.json.null"), List.of("ids[1]", "validation.json.null"),
                List.of("settings.a", "validation.json.null")),
                refused("{\"count\":null,\"flag\":null,\"ids\":[1,null],\"settings\":{\"a\":null},\"items\":[null]}"));
    }

    @Test
    @DisplayName("X-02 a body that is not JSON, or is nested 5,000 deep, is a JsonException (the malformed-body 400)")
    void notJson() {
        assertThrows(JsonException.class, () -> StrictJsonBinder.read("{\"name\": ", Line.class));
        String deep = "{\"port\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThrows(JsonException.class, () -> StrictJsonBinder.read(deep, Line.class));
    }

    @Test
    @DisplayName("X-02 EC-01 a date is read from an ISO 8601 text; another form, a number or an impossible day is "
            + "refused on its field (a record with a date is read here, not left to JSON-B's lenient binding)")
    void dates() {
        assertTrue(StrictJsonBinder.binds(Born.class));
        assertEquals(new Born("Ann", LocalDate.of(1990, 2, 28)),
                StrictJsonBinder.read("{\"name\":\"Ann\",\"birthday\":\"1990-02-28\"}", Born.class));
        assertEquals(new Born("Ann", null), StrictJsonBinder.read("{\"name\":\"Ann\"}", Born.class));
        for (String wrong : List.of("\"28.02.1990\"", "19900228", "\"1990-02-30\"", "[1990,2,28]")) {
            assertEquals(List.of(List.of("birthday", "validation.json.date")),
                    refused("{\"name\":\"Ann\",\"birthday\":" + wrong + "}", Born.class), wrong);
        }
        assertEquals(List.of(List.of("name", "validation.json.text")),
                refused("{\"name\":123,\"birthday\":\"1990-02-28\"}", Born.class), "the rest is strict too");
    }

    @Test
    @DisplayName("X-02 EA-02 a time is read from an ISO 8601 text with its offset; one without an offset, a date or a "
            + "number is refused on its field")
    void dateTimes() {
        assertEquals(new Meeting("Kickoff", OffsetDateTime.parse("2026-12-08T09:00+01:00")), StrictJsonBinder.read(
                "{\"title\":\"Kickoff\",\"startsAt\":\"2026-12-08T09:00:00+01:00\"}", Meeting.class));
        for (String wrong : List.of("\"2026-12-08T09:00:00\"", "\"2026-12-08\"", "1765180800", "\"tomorrow\"")) {
            assertEquals(List.of(List.of("startsAt", "validation.json.dateTime")),
                    refused("{\"title\":\"Kickoff\",\"startsAt\":" + wrong + "}", Meeting.class), wrong);
        }
    }

    @Test
    @DisplayName("X-02 records of the application and lists of them are read here; other types stay with the runtime")
    void binds() {
        assertTrue(StrictJsonBinder.binds(Line.class));
        assertTrue(StrictJsonBinder.binds(ITEMS));
        assertFalse(StrictJsonBinder.binds(String.class));
        assertFalse(StrictJsonBinder.binds(JsonObject.class));
        assertFalse(StrictJsonBinder.binds(byte[].class));
        assertFalse(StrictJsonBinder.binds(List.class), "a raw list names no element type");
        assertFalse(StrictJsonBinder.binds(Dated.class), "a component of a type not read here");
        assertThrows(IllegalArgumentException.class, () -> StrictJsonBinder.read("{}", Dated.class));
    }

    @Test
    @DisplayName("X-02 issue 18: the texts of a JSON-P body are checked where a resource reads it itself")
    void checkTexts() {
        StrictJsonBinder.checkTexts(Jsons.readValue("{\"text\":\"line\\r\\n\\ttab\",\"n\":1}"));
        BodyRefusedException refused = assertThrows(BodyRefusedException.class, () -> StrictJsonBinder.checkTexts(
                Jsons.readValue("{\"sender\":{\"name\":\"Bell\\u0007\"},\"attachments\":[{\"url\":\"\\u0000\"}]}")));
        assertEquals(List.of("sender.name", "attachments[0].url"),
                refused.refusals().stream().map(Refusal::field).toList());
    }
}
