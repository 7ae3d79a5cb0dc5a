package org.switchboard.web.common;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shape of an {@code application/problem+json} answer of the REST API (RFC 9457), for the OpenAPI document only
 * (issue 18): {@link Problems} writes these bodies, and every resource method declares the problems it can give by
 * the names of the shared responses below, which {@link ApiApplication} defines once.
 */
@Schema(name = Problem.NAME, description = "An error: RFC 9457 problem details with the message code and the fields "
        + "at fault")
public final class Problem {

    /** The name of this schema among the document's components. */
    public static final String NAME = "Problem";
    /** 400: a malformed body or query, or a field at fault ({@code errors}). */
    public static final String BAD_REQUEST = "BadRequest";
    /** 401: no credentials, or wrong ones. */
    public static final String UNAUTHORIZED = "Unauthorized";
    /** 403: the caller lacks the operation that guards the endpoint, or a cross-site request. */
    public static final String FORBIDDEN = "Forbidden";
    /** 404: no such record, or one the caller may not see. */
    public static final String NOT_FOUND = "NotFound";
    /** 409: a rule of the application, or the record changed since it was read ({@code version}). */
    public static final String CONFLICT = "Conflict";
    /** 412: the record changed since the version its {@code If-Match} names was read. */
    public static final String PRECONDITION_FAILED = "PreconditionFailed";
    /** 413: a body over the configured limit. */
    public static final String TOO_LARGE = "TooLarge";
    /** 415: a body of a media type the endpoint does not take. */
    public static final String UNSUPPORTED_TYPE = "UnsupportedType";
    /** 502: a provider (mail server, messenger) refused or failed. */
    public static final String PROVIDER_FAILED = "ProviderFailed";

    @Schema(description = "urn:switchboard:problem: followed by the message code",
            example = "urn:switchboard:problem:validation.required")
    private String type;
    @Schema(description = "The HTTP reason phrase", example = "Bad Request")
    private String title;
    @Schema(description = "The HTTP status", example = "400")
    private int status;
    @Schema(description = "What is wrong, in the caller's language (Accept-Language: English or Russian)")
    private String detail;
    @Schema(description = "The message code of the problem", example = "validation.required")
    private String code;
    @Schema(description = "The fields at fault, when the problem concerns fields of the request")
    private List<FieldError> errors;

    private Problem() {
    }

    /** One field at fault: its name (a JSON path for nested ones, such as {@code files[0].content}) and why. */
    @Schema(name = "ProblemFieldError")
    public static final class FieldError {

        @Schema(description = "The field, as named in the request", example = "name")
        private String field;
        @Schema(description = "What is wrong with its value", example = "Required")
        private String message;

        private FieldError() {
        }
    }
}
