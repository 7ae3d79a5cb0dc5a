package org.switchboard.web.common;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API under {@code /api}: version 1 resources live under {@code /api/v1}. Callers authenticate
 * with HTTP Basic, with a personal API token as {@code Authorization: Bearer} (issue 18; what integrations should
 * use), or with the session of a signed-in user; each resource is guarded by the system operation of its use case
 * (X-02).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Switchboard API", version = "1",
                description = "Settings, users, roles and operation grants of Switchboard."),
        security = {@SecurityRequirement(name = "basic"), @SecurityRequirement(name = "bearer")})
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "sbt_ followed by 43 characters",
        description = "A personal API token, created with POST /api/v1/users/me/tokens or on the profile page and "
                + "shown once; it acts as its user with the operations they hold at each call.")
public class ApiApplication extends Application {
}
