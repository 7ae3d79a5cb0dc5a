package org.switchboard.web.settings;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.FileSignatures;
import org.switchboard.core.common.Operations;
import org.switchboard.core.settings.SettingFileContent;
import org.switchboard.core.settings.SettingService;
import org.switchboard.core.settings.SettingView;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * System settings over REST: list, read, change with typed validation, restore the default, upload, download
 * or clear a file. Guarded by {@code CanManageAdministration} in the service; a setting's file may be read by any
 * signed-in user (the panel plays the new-chat sound).
 */
@RequestScoped
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
@Path("v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class SettingsResource {

    @Inject
    private SettingService settings;

    /**
     * A change of a setting's value.
     *
     * @param value   the new value as text (a number, {@code true}/{@code false}, an ISO date, a URL…)
     * @param version the version the caller read, to refuse overwriting someone else's change; optional
     */
    public record ValueRequest(String value, Long version) {
    }

    @GET
    @Operation(summary = "Every system setting with its type, default and current value (secrets masked)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = SettingView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<SettingView> list() {
        return settings.list();
    }

    @GET
    @Path("{code}")
    @Operation(summary = "One system setting")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SettingView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public SettingView get(@PathParam("code") String code) {
        return settings.get(code);
    }

    @PUT
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a setting's value; 400 with the field's reason when it does not fit the type")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SettingView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public SettingView update(@PathParam("code") String code, ValueRequest request) {
        ValueRequest body = Requests.body(request);
        return settings.update(code, body.value(), body.version());
    }

    @POST
    @Path("{code}/restore-default")
    @Operation(summary = "Forget the administrator's value: the shipped default applies again")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SettingView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public SettingView restoreDefault(@PathParam("code") String code, @QueryParam("version") Long version) {
        return settings.restoreDefault(code, version);
    }

    @PermitAll
    @GET
    @Path("{code}/file")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The file of a FILE setting (the uploaded one or the shipped default)")
    @APIResponse(responseCode = "200", description = "The file, with its content type",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response file(@PathParam("code") String code) {
        SettingFileContent file = settings.file(code);
        return Response.ok(file.content(), FileSignatures.servedType(file.contentType(), file.content()))
                .header("Content-Disposition", "inline; filename=\"" + file.fileName().replace("\"", "") + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @PUT
    @Path("{code}/file")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Replace the file of a FILE setting; the body is the file, fileName names it")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SettingView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public SettingView upload(@PathParam("code") String code, @QueryParam("fileName") String fileName,
                              @QueryParam("version") Long version, byte[] content) {
        return settings.uploadFile(code, fileName, content, version);
    }

    @DELETE
    @Path("{code}/file")
    @Operation(summary = "Clear a FILE setting: no file at all, not even the default")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SettingView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public SettingView clear(@PathParam("code") String code, @QueryParam("version") Long version) {
        return settings.clearFile(code, version);
    }
}
