package org.switchboard.web.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.web.common.Problems.FieldError;

/**
 * X-02, issue 18: the strict reader is the one JAX-RS provider for the resources' record bodies, its refusals are
 * 400 problems naming the fields in the caller's language, and every resource method that takes a body is covered.
 */
class StrictJsonBodyReaderTest {

    record Value(String value, Long version) {
    }

    private static final Set<Class<? extends Annotation>> NOT_THE_BODY = Set.of(PathParam.class, QueryParam.class,
            HeaderParam.class, CookieParam.class, MatrixParam.class, FormParam.class, BeanParam.class, Context.class);

    private final StrictJsonBodyReader reader = new StrictJsonBodyReader();

    private Object read(String body, MediaType type) throws IOException {
        return reader.readFrom(Object.class, Value.class, new Annotation[0], type, new MultivaluedHashMap<>(),
                new ByteArrayInputStream(body.getBytes(type.getParameters().containsKey("charset")
                        ? type.getParameters().get("charset") : "UTF-8")));
    }

    @Test
    @DisplayName("X-02 issue 18: a record body is read strictly in the charset of its media type; a body that is not "
            + "JSON is the JSON-B refusal the existing 400 answers")
    void readsStrictly() throws IOException {
        assertEquals(new Value("\u20ac20", 3L), read("{\"value\":\"\u20ac20\",\"version\":3}",
                MediaType.APPLICATION_JSON_TYPE));
        assertEquals(new Value("Gr\u00fc\u00dfe", null), read("{\"value\":\"Gr\u00fc\u00dfe\"}",
                MediaType.APPLICATION_JSON_TYPE.withCharset("ISO-8859-1")));
        assertThrows(BodyRefusedException.class, () -> read("{\"value\":\"20\"}}}", MediaType.APPLICATION_JSON_TYPE));
        assertThrows(JsonbException.class, () -> read("{\"value\": ", MediaType.APPLICATION_JSON_TYPE));
        assertTrue(reader.isReadable(Value.class, Value.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(reader.isReadable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(reader.isReadable(JsonObject.class, JsonObject.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE));
    }

    @Test
    @DisplayName("X-02 X-04 issue 18: a refusal names each field with its reason, in English and in Russian; one of "
            + "the body as a whole is the detail itself; a wrapped one is found among the causes")
    void problem() {
        BodyRefusedException refused = new BodyRefusedException(List.of(
                new BodyRefusedException.Refusal("displayName", "validation.json.text", List.of()),
                new BodyRefusedException.Refusal("routingRule", "validation.json.choice",
                        List.of("TO_ALL, LEAST_BUSY"))));
        Locale russian = Locale.forLanguageTag("ru");

        List<FieldError> english = BodyRefusedExceptionMapper.errors(refused, Locale.ENGLISH);
        List<FieldError> inRussian = BodyRefusedExceptionMapper.errors(refused, russian);
        List<FieldError> trailing = BodyRefusedExceptionMapper.errors(
                BodyRefusedException.of(StrictJsonBinder.BODY, "validation.json.trailing"), Locale.ENGLISH);

        assertEquals(List.of(new FieldError("displayName", "Give a text (a JSON string) here, not a number, "
                + "true/false, list or object."), new FieldError("routingRule", "Choose one of: TO_ALL, LEAST_BUSY.")),
                english);
        assertEquals("Check the values of: displayName, routingRule.",
                BodyRefusedExceptionMapper.detail(english, Locale.ENGLISH));
        assertTrue(inRussian.get(1).message().matches("\\p{IsCyrillic}.*TO_ALL, LEAST_BUSY\\."), inRussian::toString);
        assertTrue(BodyRefusedExceptionMapper.detail(inRussian, russian).matches("\\p{IsCyrillic}.*"));
        assertEquals("The body must be one JSON value with nothing after it.",
                BodyRefusedExceptionMapper.detail(trailing, Locale.ENGLISH));
        assertEquals(refused, BodyRefusedExceptionMapper.find(new IllegalStateException(refused)));
    }

    @Test
    @DisplayName("X-02 issue 18: every REST method that takes a body takes a record (or a list of them) read strictly, "
            + "or a String or byte[] it reads itself")
    void everyBodyCovered() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(StrictJsonBinder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> bodies = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (Class<?> resource : resources(classes)) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(POST.class) && !method.isAnnotationPresent(PUT.class)
                        && !method.isAnnotationPresent(PATCH.class)) {
                    continue;
                }
                for (Parameter parameter : method.getParameters()) {
                    if (NOT_THE_BODY.stream().noneMatch(parameter::isAnnotationPresent)) {
                        Type type = parameter.getParameterizedType();
                        String name = resource.getSimpleName() + "." + method.getName() + "(" + type + ")";
                        bodies.add(name);
                        if (!StrictJsonBinder.binds(type) && type != String.class && type != byte[].class) {
                            uncovered.add(name);
                        }
                    }
                }
            }
        }
        assertTrue(bodies.size() >= 35, "found only " + bodies + ": the scan is broken");
        assertEquals(List.of(), uncovered);
        assertEquals(Map.of("String", 1L, "byte[]", 1L), Map.of(
                "String", bodies.stream().filter(b -> b.endsWith("(class java.lang.String)")).count(),
                "byte[]", bodies.stream().filter(b -> b.endsWith("(class [B)")).count()),
                "the inbound resource reads its String body strictly itself; only the settings upload takes bytes");
    }

    /** The JAX-RS resource classes of the web module, from its compiled classes. */
    private static List<Class<?>> resources(Path classes) throws IOException, ClassNotFoundException {
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/switchboard/web"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, StrictJsonBodyReaderTest.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }
}
