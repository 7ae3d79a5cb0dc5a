package org.switchboard.web.common;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.switchboard.core.common.Jsons;

/**
 * Builds RFC 9457 {@code application/problem+json} answers for the REST API: {@code type}, {@code title},
 * {@code status}, {@code detail}, the message {@code code} and per-field {@code errors}. Never a stack trace.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** One entry of {@code errors}: a field the caller named and what is wrong with its value. */
    public record FieldError(String field, String message) {
    }

    /**
     * @param code        the message key that names the problem, also the last part of {@code type}
     * @param fieldErrors one per problem with a field, in the order shown; empty when the problem concerns the whole
     *                    request (a field may have several)
     */
    public static Response of(Response.StatusType status, String code, String detail, List<FieldError> fieldErrors) {
        JsonObjectBuilder body = Jsons.object()
                .add("type", "urn:switchboard:problem:" + code)
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail)
                .add("code", code);
        if (!fieldErrors.isEmpty()) {
            JsonArrayBuilder errors = Jsons.array();
            fieldErrors.forEach(error -> errors.add(
                    Jsons.object().add("field", error.field()).add("message", error.message())));
            body.add("errors", errors);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }

    /** @param fieldErrors field name → message; empty when the problem concerns the whole request */
    public static Response of(Response.StatusType status, String code, String detail, Map<String, String> fieldErrors) {
        return of(status, code, detail, fieldErrors.entrySet().stream()
                .map(error -> new FieldError(error.getKey(), error.getValue())).toList());
    }

    /** The caller lacks the system operation: the one 403 of the guard and of the services' refusals. */
    public static Response forbidden(Locale locale) {
        return of(Response.Status.FORBIDDEN, "error.forbidden", Texts.format(locale, "error.forbidden"));
    }

    public static Response of(Response.StatusType status, String code, String detail) {
        return of(status, code, detail, List.of());
    }
}
