package org.switchboard.web.common;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
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

    /**
     * @param code        the message key that names the problem, also the last part of {@code type}
     * @param fieldErrors field name → message; empty when the problem concerns the whole request
     */
    public static Response of(Response.StatusType status, String code, String detail, Map<String, String> fieldErrors) {
        JsonObjectBuilder body = Jsons.object()
                .add("type", "urn:switchboard:problem:" + code)
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail)
                .add("code", code);
        if (!fieldErrors.isEmpty()) {
            JsonArrayBuilder errors = Jsons.array();
            fieldErrors.forEach((field, message) -> errors.add(
                    Jsons.object().add("field", field).add("message", message)));
            body.add("errors", errors);
        }
        return Response.status(status).type(MEDIA_TYPE).entity(body.build().toString()).build();
    }

    public static Response of(Response.StatusType status, String code, String detail) {
        return of(status, code, detail, Map.of());
    }
}
