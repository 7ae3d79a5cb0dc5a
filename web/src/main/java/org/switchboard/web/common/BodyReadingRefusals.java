package org.switchboard.web.common;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * A request body the runtime fails to read is the caller's mistake, a 400 (X-02, issue 18): Parsson refuses JSON
 * nested deeper than 1,000 levels with a plain {@code RuntimeException}, which JSON-B passed on unwrapped, and it
 * reached the caller as a 500. Reading a body does nothing else, so every runtime failure of it is turned into the
 * JSON-B refusal that {@link JsonbExceptionMapper} answers; the strict reading's own refusal of fields
 * ({@link BodyRefusedException}) passes as it is.
 */
@Provider
public class BodyReadingRefusals implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (WebApplicationException | ProcessingException | JsonbException | JsonException
                | BodyRefusedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new JsonbException("Unreadable request body: " + e.getMessage(), e);
        }
    }
}
