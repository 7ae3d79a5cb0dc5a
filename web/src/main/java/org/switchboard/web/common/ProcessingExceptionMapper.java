package org.switchboard.web.common;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * The JAX-RS runtime could not read the request (RESTEasy reports an unreadable JSON body this way): 400 with a
 * reason. Any other processing failure is unexpected.
 */
@Provider
public class ProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(ProcessingException exception) {
        Locale locale = Texts.firstSupported(headers.getAcceptableLanguages());
        if (WebApplicationExceptionMapper.unreadableBody(exception)
                || exception.getCause() instanceof java.io.IOException) {
            return Problems.of(Response.Status.BAD_REQUEST, "error.badBody", Texts.format(locale, "error.badBody"));
        }
        return UnexpectedExceptionMapper.unexpected(exception, locale);
    }
}
