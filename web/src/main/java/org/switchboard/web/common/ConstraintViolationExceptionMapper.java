package org.switchboard.web.common;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.switchboard.web.common.Problems.FieldError;

/**
 * A value Bean Validation refused (an entity constraint checked at persist or flush) is the caller's mistake: 400
 * with one error per violation on its field, in the caller's language. Wrapped ones arrive through
 * {@link UnexpectedExceptionMapper}, which finds them among the causes.
 */
@Provider
public class ConstraintViolationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {

    static final String CODE = "validation.constraint";

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        return response(exception, Texts.firstSupported(headers.getAcceptableLanguages()));
    }

    static Response response(ConstraintViolationException exception, Locale locale) {
        List<FieldError> errors = ConstraintViolations.errors(exception, locale);
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return Problems.of(Response.Status.BAD_REQUEST, CODE, Texts.format(locale, CODE, fields), errors);
    }
}
