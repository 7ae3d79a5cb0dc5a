package org.switchboard.web.common;

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
 * A body the strict reading refused is the caller's mistake (X-02, issue 18): 400 {@code validation.json} with one
 * error per field at fault, in the caller's language. A refusal of the body as a whole (garbage after the object, an
 * array for the object) is the detail itself.
 */
@Provider
public class BodyRefusedExceptionMapper implements ExceptionMapper<BodyRefusedException> {

    static final String CODE = "validation.json";

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(BodyRefusedException exception) {
        return response(exception, Texts.firstSupported(headers.getAcceptableLanguages()));
    }

    static Response response(BodyRefusedException exception, Locale locale) {
        List<FieldError> errors = errors(exception, locale);
        return Problems.of(Response.Status.BAD_REQUEST, CODE, detail(errors, locale), errors);
    }

    /** One error per field at fault, in the order of the body, with its message in the caller's language. */
    static List<FieldError> errors(BodyRefusedException exception, Locale locale) {
        return exception.refusals().stream().map(refusal -> new FieldError(refusal.field(),
                Texts.format(locale, refusal.key(), refusal.arguments().toArray()))).toList();
    }

    /** The fields at fault; or the reason itself, when the body as a whole is. */
    static String detail(List<FieldError> errors, Locale locale) {
        if (errors.size() == 1 && StrictJsonBinder.BODY.equals(errors.get(0).field())) {
            return errors.get(0).message();
        }
        return Texts.format(locale, "validation.json", errors.stream().map(FieldError::field).distinct()
                .collect(Collectors.joining(", ")));
    }

    /** The strict reading's refusal behind a failure, when a runtime wrapped it; {@code null} if none. */
    static BodyRefusedException find(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof BodyRefusedException refused) {
                return refused;
            }
        }
        return null;
    }
}
