package org.switchboard.web.common;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last resort: logs an unexpected failure once, with an incident id, and answers 500 with that id only. A Bean
 * Validation refusal among the causes is the caller's 400 even so: the JPA provider checks entities at flush, and
 * the EJB container and the transaction wrap what it throws (an {@code EJBException} or a rollback exception); so is a
 * body the strict reading refused, should a runtime wrap that refusal.
 */
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
        BodyRefusedException refused = BodyRefusedExceptionMapper.find(exception);
        if (refused != null) {
            return BodyRefusedExceptionMapper.response(refused, locale);
        }
        ConstraintViolationException violation = ConstraintViolations.find(exception);
        if (violation != null) {
            return ConstraintViolationExceptionMapper.response(violation, locale);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected failure, incident " + incident, exception);
        return Problems.of(Response.Status.INTERNAL_SERVER_ERROR, "error.unexpected",
                Texts.format(locale, "error.unexpected", incident));
    }
}
