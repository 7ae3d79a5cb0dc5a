package org.switchboard.web.common;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.switchboard.core.common.Readiness;
import org.switchboard.core.common.ReadinessCache;

/** Readiness over REST on both servers: 200 when the database and the broker answer, 503 otherwise. */
@RequestScoped
@Path("v1/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    private ReadinessCache readiness;

    @GET
    @Path("ready")
    @Operation(summary = "Readiness: the database and the broker answer")
    @SecurityRequirements
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = Readiness.class)))
    @APIResponse(responseCode = "503", description = "Not ready: the checks say which part is down",
            content = @Content(schema = @Schema(implementation = Readiness.class)))
    public Response ready() {
        Readiness result = readiness.current();
        return Response.status(result.up() ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(result).build();
    }

    @GET
    @Path("live")
    @Operation(summary = "Liveness: the application answers")
    @SecurityRequirements
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = Readiness.class)))
    public Response live() {
        return Response.ok(new Readiness(true, java.util.Map.of())).build();
    }
}
