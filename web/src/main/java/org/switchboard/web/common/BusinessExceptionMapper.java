package org.switchboard.web.common;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import java.util.Map;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.TooManyAttemptsException;

/**
 * Answers an expected failure of a use case with its status (400 invalid input, 403 refused with a reason, 404 not
 * found, 409 rule or concurrent change, 429 with Retry-After for too many attempts) and the message in the caller's language, on its field when it names one.
 */
@Provider
public class BusinessExceptionMapper implements ExceptionMapper<BusinessException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(BusinessException exception) {
        return response(exception, Texts.firstSupported(headers.getAcceptableLanguages()));
    }

    static Response response(BusinessException exception, Locale locale) {
        String message = Texts.format(locale, exception.getMessageKey(), exception.getArguments().toArray());
        Map<String, String> errors = exception.getField() == null ? Map.of() : Map.of(exception.getField(), message);
        if (exception instanceof TooManyAttemptsException tooMany) {
            return Response.fromResponse(Problems.of(Response.Status.TOO_MANY_REQUESTS, exception.getMessageKey(),
                    message, errors)).header("Retry-After", tooMany.getRetryAfterSeconds()).build();
        }
        return Problems.of(status(exception), exception.getMessageKey(), message, errors);
    }

    private static Response.Status status(BusinessException exception) {
        if (exception instanceof RecordNotFoundException) {
            return Response.Status.NOT_FOUND;
        }
        if (exception instanceof RuleViolationException || exception instanceof ConcurrentChangeException) {
            return Response.Status.CONFLICT;
        }
        if (exception instanceof AccessDeniedException) {
            return Response.Status.FORBIDDEN;
        }
        if (exception instanceof ProviderException) {
            return Response.Status.BAD_GATEWAY;
        }
        if (exception instanceof InvalidInputException) {
            return Response.Status.BAD_REQUEST;
        }
        return Response.Status.BAD_REQUEST;
    }
}
