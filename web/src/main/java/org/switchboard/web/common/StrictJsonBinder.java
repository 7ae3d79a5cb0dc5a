package org.switchboard.web.common;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.switchboard.core.common.Jsons;
import org.switchboard.web.common.BodyRefusedException.Refusal;

/**
 * Reads REST request bodies into the application's records strictly (X-02, issue 18), where JSON-B took garbage after
 * the object, an array for the object, {@code 123} for a text, {@code 9223372036854775808} for a negative id and a NUL
 * for a text PostgreSQL refuses. The body must be one JSON value; each record component takes only the JSON kind of
 * its Java type (a text a string, a whole number an integral number within the type's range, an enum one of its
 * names, a date an ISO 8601 date string, a list an array, a record an object), and no text anywhere may hold a C0 control character other than tab,
 * line feed and carriage return, nor half of a surrogate pair. Every field at fault is collected and refused at once
 * ({@link BodyRefusedException}); only then is the record built, by its canonical constructor. Properties the record
 * does not have are ignored (as JSON-B did); an absent component is null, or its primitive's default.
 */
public final class StrictJsonBinder {

    /** The field of a refusal of the body as a whole (JSONPath's root); no record component is named so. */
    public static final String BODY = "$";
    private static final String APPLICATION_PACKAGE = "org.switchboard.";
    private static final Set<Class<?>> SCALARS = Set.of(String.class, boolean.class, Boolean.class, byte.class,
            Byte.class, short.class, Short.class, int.class, Integer.class, long.class, Long.class, float.class,
            Float.class, double.class, Double.class, LocalDate.class, OffsetDateTime.class);
    private static final Set<Class<?>> JSON_VALUES = Set.of(JsonValue.class, JsonStructure.class, JsonObject.class,
            JsonArray.class, JsonString.class, JsonNumber.class);
    private static final Map<Class<?>, long[]> WHOLE_RANGES = Map.of(
            byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            Byte.class, new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE},
            short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            Short.class, new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
            int.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            Integer.class, new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
            long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
            Long.class, new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
    private static final Map<Type, Boolean> BINDABLE = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Constructor<?>> CONSTRUCTORS = new ConcurrentHashMap<>();

    private StrictJsonBinder() {
    }

    /**
     * Whether bodies of this type are read here: a record of the application whose components are all of the types
     * above (scalars, enums, JSON-P values, lists, sets and string-keyed maps of them, records), or a list or set of
     * such records. Anything else ({@code String}, {@code byte[]}, {@code JsonObject}) is left to the runtime.
     */
    public static boolean binds(Type type) {
        Boolean known = BINDABLE.get(type);
        if (known == null) {
            known = bindable(type);
            BINDABLE.put(type, known);
        }
        return known;
    }

    /**
     * The body read strictly and bound to the type; null for an empty body or {@code null} (a resource refuses a
     * missing body itself).
     *
     * @throws BodyRefusedException naming every field at fault, or the body ({@link #BODY}) when it is not one value
     *                              of the right kind
     * @throws JsonException        when the text is not JSON at all
     */
    public static Object read(String text, Type type) {
        JsonValue value;
        try {
            value = Jsons.readValue(text);
        } catch (Jsons.TrailingContentException e) {
            throw BodyRefusedException.of(BODY, "validation.json.trailing");
        }
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return bind(value, type);
    }

    /**
     * A JSON value bound to a type of {@link #binds(Type)}.
     *
     * @throws BodyRefusedException naming every field at fault
     */
    public static Object bind(JsonValue value, Type type) {
        if (!binds(type)) {
            throw new IllegalArgumentException("Not a type a body is bound to: " + type);
        }
        List<Refusal> refusals = new ArrayList<>();
        Object bound = value(value, type, "", refusals);
        if (!refusals.isEmpty()) {
            throw new BodyRefusedException(refusals);
        }
        return bound;
    }

    /**
     * Refuses every text of a JSON value (keys included) that holds a control character, naming its field; for
     * bodies a resource reads as JSON-P itself ({@code POST /api/v1/inbound}).
     *
     * @throws BodyRefusedException naming every text at fault
     */
    public static void checkTexts(JsonValue value) {
        List<Refusal> refusals = new ArrayList<>();
        texts(value, "", refusals);
        if (!refusals.isEmpty()) {
            throw new BodyRefusedException(refusals);
        }
    }

    /**
     * The index of the first character a text of a body may not hold: a C0 control character other than tab, line
     * feed and carriage return (NUL above all, which PostgreSQL refuses in text); -1 when there is none.
     */
    public static int controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' && c != '\t' && c != '\n' && c != '\r') {
                return i;
            }
        }
        return -1;
    }

    private static boolean bindable(Type type) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return false;
        }
        if (isCollection(raw)) {
            Class<?> element = raw(argument(type, 0));
            return element != null && element.isRecord() && element.getName().startsWith(APPLICATION_PACKAGE)
                    && supported(type, new HashSet<>());
        }
        return raw.isRecord() && raw.getName().startsWith(APPLICATION_PACKAGE) && supported(type, new HashSet<>());
    }

    private static boolean supported(Type type, Set<Class<?>> visiting) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return false;
        }
        if (SCALARS.contains(raw) || raw.isEnum() || JSON_VALUES.contains(raw)) {
            return true;
        }
        if (isCollection(raw)) {
            return supported(argument(type, 0), visiting);
        }
        if (raw == Map.class) {
            return argument(type, 0) == String.class && supported(argument(type, 1), visiting);
        }
        if (raw.isRecord()) {
            if (!visiting.add(raw)) {
                return true;
            }
            return Arrays.stream(raw.getRecordComponents()).allMatch(c -> supported(c.getGenericType(), visiting));
        }
        return false;
    }

    /** A date as ISO 8601 writes it ({@code 1990-02-28}), which is how JSON-B writes the records' dates too. */
    private static Object date(JsonValue json, String path, List<Refusal> refusals) {
        if (json instanceof JsonString text) {
            try {
                return LocalDate.parse(text.getString());
            } catch (DateTimeParseException e) {
                return refuse(path, "validation.json.date", refusals);
            }
        }
        return refuse(path, "validation.json.date", refusals);
    }

    /** A time with its offset as ISO 8601 writes it ({@code 2026-12-08T09:00:00+01:00}), as JSON-B writes it too. */
    private static Object dateTime(JsonValue json, String path, List<Refusal> refusals) {
        if (json instanceof JsonString text) {
            try {
                return OffsetDateTime.parse(text.getString());
            } catch (DateTimeParseException e) {
                return refuse(path, "validation.json.dateTime", refusals);
            }
        }
        return refuse(path, "validation.json.dateTime", refusals);
    }

    private static Object value(JsonValue json, Type type, String path, List<Refusal> refusals) {
        Class<?> raw = raw(type);
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            if (raw.isPrimitive()) {
                refuse(path, kind(raw), refusals, range(raw));
                return null;
            }
            return raw == JsonValue.class ? JsonValue.NULL : null;
        }
        if (raw == String.class) {
            if (json instanceof JsonString text) {
                return text(text.getString(), path, refusals);
            }
            return refuse(path, "validation.json.text", refusals);
        }
        if (raw == LocalDate.class) {
            return date(json, path, refusals);
        }
        if (raw == OffsetDateTime.class) {
            return dateTime(json, path, refusals);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (json.getValueType() == JsonValue.ValueType.TRUE || json.getValueType() == JsonValue.ValueType.FALSE) {
                return json.getValueType() == JsonValue.ValueType.TRUE;
            }
            return refuse(path, "validation.json.boolean", refusals);
        }
        if (WHOLE_RANGES.containsKey(raw)) {
            return whole(json, raw, path, refusals);
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            return decimal(json, raw, path, refusals);
        }
        if (raw.isEnum()) {
            return constant(json, raw, path, refusals);
        }
        if (JSON_VALUES.contains(raw)) {
            return passedThrough(json, raw, path, refusals);
        }
        if (isCollection(raw)) {
            return collection(json, raw, argument(type, 0), path, refusals);
        }
        if (raw == Map.class) {
            return map(json, argument(type, 1), path, refusals);
        }
        if (raw.isRecord()) {
            return record(json, raw, path, refusals);
        }
        throw new IllegalArgumentException("Not a type a body is bound to: " + type);
    }

    private static String text(String text, String path, List<Refusal> refusals) {
        int at = controlCharacter(text);
        if (at >= 0) {
            refuse(path, "validation.json.control", refusals, String.format("%04X", (int) text.charAt(at)),
                    Integer.toString(at + 1));
            return null;
        }
        at = loneSurrogate(text);
        if (at >= 0) {
            refuse(path, "validation.json.surrogate", refusals, String.format("%04X", (int) text.charAt(at)),
                    Integer.toString(at + 1));
            return null;
        }
        return text;
    }

    /**
     * The index of the first half of a surrogate pair that has no other half (U+D800 escaped in JSON,
     * found by FuzzIT): no UTF-8 can hold it, so the database would store a {@code ?} or refuse it; -1 when there is
     * none.
     */
    public static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static Object whole(JsonValue json, Class<?> raw, String path, List<Refusal> refusals) {
        long[] range = WHOLE_RANGES.get(raw);
        if (json instanceof JsonNumber number) {
            try {
                long value = Jsons.exactLong(number);
                if (value >= range[0] && value <= range[1]) {
                    return boxed(value, raw);
                }
            } catch (ArithmeticException e) {
                // A fraction, or beyond a long: refused below, never wrapped or rounded.
            }
        }
        return refuse(path, "validation.json.whole", refusals, range(raw));
    }

    private static Object boxed(long value, Class<?> raw) {
        if (raw == byte.class || raw == Byte.class) {
            return (byte) value;
        }
        if (raw == short.class || raw == Short.class) {
            return (short) value;
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) value;
        }
        return value;
    }

    private static Object decimal(JsonValue json, Class<?> raw, String path, List<Refusal> refusals) {
        if (json instanceof JsonNumber number) {
            double value = number.bigDecimalValue().doubleValue();
            boolean single = raw == float.class || raw == Float.class;
            if (Double.isFinite(value) && (!single || Math.abs(value) <= Float.MAX_VALUE)) {
                return single ? (Object) (float) value : (Object) value;
            }
        }
        return refuse(path, "validation.json.number", refusals);
    }

    private static Object constant(JsonValue json, Class<?> raw, String path, List<Refusal> refusals) {
        Object[] constants = raw.getEnumConstants();
        if (json instanceof JsonString text) {
            for (Object constant : constants) {
                if (((Enum<?>) constant).name().equals(text.getString())) {
                    return constant;
                }
            }
        }
        return refuse(path, "validation.json.choice", refusals, Arrays.stream(constants)
                .map(constant -> ((Enum<?>) constant).name()).collect(Collectors.joining(", ")));
    }

    private static Object passedThrough(JsonValue json, Class<?> raw, String path, List<Refusal> refusals) {
        if (!raw.isInstance(json)) {
            String key = raw == JsonArray.class ? "validation.json.list"
                    : raw == JsonString.class ? "validation.json.text"
                    : raw == JsonNumber.class ? "validation.json.number" : "validation.json.object";
            return refuse(path, key, refusals);
        }
        int before = refusals.size();
        texts(json, path, refusals);
        return refusals.size() == before ? json : null;
    }

    private static Object collection(JsonValue json, Class<?> raw, Type element, String path,
            List<Refusal> refusals) {
        if (!(json instanceof JsonArray array)) {
            return refuse(path, "validation.json.list", refusals);
        }
        Collection<Object> result = raw == Set.class ? new LinkedHashSet<>() : new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonValue item = array.get(i);
            if (item.getValueType() == JsonValue.ValueType.NULL) {
                refuse(at, "validation.json.null", refusals);
            } else {
                result.add(value(item, element, at, refusals));
            }
        }
        return result;
    }

    private static Object map(JsonValue json, Type valueType, String path, List<Refusal> refusals) {
        if (!(json instanceof JsonObject object)) {
            return refuse(path, "validation.json.object", refusals);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            String key = text(entry.getKey(), path, refusals);
            if (key == null) {
                continue;
            }
            String at = child(path, key);
            if (entry.getValue().getValueType() == JsonValue.ValueType.NULL) {
                refuse(at, "validation.json.null", refusals);
            } else {
                result.put(key, value(entry.getValue(), valueType, at, refusals));
            }
        }
        return result;
    }

    private static Object record(JsonValue json, Class<?> raw, String path, List<Refusal> refusals) {
        if (!(json instanceof JsonObject object)) {
            return refuse(path, "validation.json.object", refusals);
        }
        RecordComponent[] components = raw.getRecordComponents();
        Object[] arguments = new Object[components.length];
        int before = refusals.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            JsonValue given = object.get(component.getName());
            arguments[i] = given == null ? absent(component.getType())
                    : value(given, component.getGenericType(), child(path, component.getName()), refusals);
        }
        return refusals.size() > before ? null : construct(raw, arguments);
    }

    /** What an absent component is: null, or a primitive's default (false, 0). */
    private static Object absent(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }

    private static Object construct(Class<?> raw, Object[] arguments) {
        Constructor<?> constructor = CONSTRUCTORS.computeIfAbsent(raw, StrictJsonBinder::canonicalConstructor);
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("The record " + raw.getName() + " refused its components", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The record " + raw.getName() + " cannot be built", e);
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> raw) {
        Class<?>[] types = Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = raw.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("The record " + raw.getName() + " has no canonical constructor", e);
        }
    }

    /** Every text of a value (object keys included), each refused on its field when it holds a control character. */
    private static void texts(JsonValue json, String path, List<Refusal> refusals) {
        if (json instanceof JsonString text) {
            text(text.getString(), path, refusals);
        } else if (json instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                texts(array.get(i), path + "[" + i + "]", refusals);
            }
        } else if (json instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
                if (text(entry.getKey(), path, refusals) != null) {
                    texts(entry.getValue(), child(path, entry.getKey()), refusals);
                }
            }
        }
    }

    /** The message key of a value of the wrong kind for a primitive that was given null. */
    private static String kind(Class<?> primitive) {
        if (primitive == boolean.class) {
            return "validation.json.boolean";
        }
        return WHOLE_RANGES.containsKey(primitive) ? "validation.json.whole" : "validation.json.number";
    }

    /** The smallest and largest value of a whole-number type, as arguments of its message; none for others. */
    private static String[] range(Class<?> raw) {
        long[] range = WHOLE_RANGES.get(raw);
        return range == null ? new String[0] : new String[] {Long.toString(range[0]), Long.toString(range[1])};
    }

    private static Object refuse(String path, String key, List<Refusal> refusals, String... arguments) {
        refusals.add(new Refusal(path.isEmpty() ? BODY : path, key, List.of(arguments)));
        return null;
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean isCollection(Class<?> raw) {
        return raw == List.class || raw == Set.class || raw == Collection.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> raw) {
            return raw;
        }
        if (type instanceof ParameterizedType parameterized) {
            return raw(parameterized.getRawType());
        }
        if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
            return raw(wildcard.getUpperBounds()[0]);
        }
        return null;
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            Type argument = parameterized.getActualTypeArguments()[index];
            return argument instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1
                    ? wildcard.getUpperBounds()[0] : argument;
        }
        return null;
    }
}
