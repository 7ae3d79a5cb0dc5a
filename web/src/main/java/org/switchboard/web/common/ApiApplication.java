package org.switchboard.web.common;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}: version 1 resources live under {@code /api/v1}. Callers authenticate
 * with HTTP Basic, with a personal API token as {@code Authorization: Bearer} (issue 18; what integrations should
 * use), or with the session of a signed-in user; each resource is guarded by the system operation of its use case
 * . Every error is an {@code application/problem+json} {@link Problem}; the document names the problems an
 * operation can give by the shared responses declared here (issue 18).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Switchboard API", version = "1",
                description = "Chats, mail, contacts and the administration of Switchboard. Every error is "
                        + "application/problem+json (RFC 9457) with a message code and the fields at fault."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")},
        components = @Components(responses = {
            @APIResponse(name = Problem.BAD_REQUEST, description = "A malformed body or query, or fields at fault",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.UNAUTHORIZED, description = "No credentials, or wrong ones",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.FORBIDDEN, description = "The caller lacks the operation that guards this, "
                    + "or the request came from another site",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.NOT_FOUND, description = "No such record, or one the caller may not see",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.CONFLICT, description = "A rule of the application, or the record changed "
                    + "since it was read (version)",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.PRECONDITION_FAILED, description = "The record changed since the version "
                    + "given in If-Match was read",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.TOO_LARGE, description = "The body exceeds the configured limit",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.UNSUPPORTED_TYPE, description = "A body of a media type this does not take",
                    content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME))),
            @APIResponse(name = Problem.PROVIDER_FAILED, description = "The mail server or messenger refused or "
                    + "failed", content = @Content(mediaType = Problems.MEDIA_TYPE,
                            schema = @Schema(ref = Problem.NAME)))}))
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "sbt_ followed by 43 characters",
        description = "A personal API token, created with POST /api/v1/users/me/tokens or on the profile page and "
                + "shown once; it acts as its user with the operations they hold at each call.")
public class ApiApplication extends Application {
}
