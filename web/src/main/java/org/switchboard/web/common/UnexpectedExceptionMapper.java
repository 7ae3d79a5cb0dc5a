package org.switchboard.web.common;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The last resort: logs an unexpected failure once, with an incident id, and answers 500 with that id only. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(Throwable exception) {
        return unexpected(exception, Texts.firstSupported(headers.getAcceptableLanguages()));
    }

    static Response unexpected(Throwable exception, Locale locale) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, exception);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "error.unexpected",
                Texts.format(locale, "error.unexpected", incident));
    }
}
