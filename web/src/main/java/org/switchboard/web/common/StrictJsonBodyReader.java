package org.switchboard.web.common;

import jakarta.annotation.Priority;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads the JSON bodies of the REST resources into the application's records with {@link StrictJsonBinder} (X-02,
 * issue 18), in place of the servers' JSON-B reader, which took garbage after the object, an array for it, numbers
 * for texts and wrapped 64-bit ids. One portable provider for Jersey (Payara) and RESTEasy (WildFly): an application
 * reader of {@code Object} for {@code application/json} is chosen before the built-in one of the same type and media
 * type, and the priority says so where a runtime compares priorities. Bodies of other types ({@code String},
 * {@code JsonObject}, {@code byte[]}) stay with the runtime's readers.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
@Priority(Priorities.ENTITY_CODER)
public class StrictJsonBodyReader implements MessageBodyReader<Object> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return StrictJsonBinder.binds(genericType == null ? type : genericType);
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        String text = new String(entityStream.readAllBytes(), charset(mediaType));
        try {
            return StrictJsonBinder.read(text, genericType == null ? type : genericType);
        } catch (JsonException e) {
            // Not JSON at all: the refusal JsonbExceptionMapper answers, as for the runtime's reader.
            throw new JsonbException("The request body is not JSON", e);
        }
    }

    /** The charset the media type names; JSON's UTF-8 otherwise (RFC 8259). */
    private static Charset charset(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        return name == null ? StandardCharsets.UTF_8 : Charset.forName(name);
    }
}
