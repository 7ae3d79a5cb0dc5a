package org.switchboard.web.common;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Gives the JAX-RS runtime's own refusals (unknown path, wrong method or media type, unreadable body) a problem+json
 * body with the same status, instead of the server's HTML page.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Locale locale = Texts.firstSupported(headers.getAcceptableLanguages());
        int status = exception.getResponse().getStatus();
        if (unreadableBody(exception)) {
            return Problems.of(Response.Status.BAD_REQUEST, "error.badBody", Texts.format(locale, "error.badBody"));
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        if (type == null) {
            type = exception.getResponse().getStatusInfo();
        }
        String code = "error.http." + status;
        String detail = Texts.format(locale, code);
        return Problems.of(type, code, detail.equals(code) ? type.getReasonPhrase() : detail);
    }

    /** Whether a JSON body the runtime could not read is behind the failure (the caller's mistake: 400). */
    static boolean unreadableBody(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return true;
            }
        }
        return false;
    }
}
