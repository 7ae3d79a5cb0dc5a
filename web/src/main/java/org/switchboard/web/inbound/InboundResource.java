package org.switchboard.web.inbound;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.inbound.InboundGateway;
import org.switchboard.web.common.BodyRefusedException;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.StrictJsonBinder;

/**
 * The inbound queue over REST: another system posts an {@code InboundChatMessage}, a {@code DeliveryReceipt},
 * a {@code SendEmailCommand} or a {@code MailboxSyncCommand} in the format of {@code docs/jms.md}, with its type in
 * the field {@code type} (default: InboundChatMessage) and its format version in {@code version} (default 1). The
 * message is queued and processed like one posted over JMS, with the caller as its submitter; 202 says it was
 * accepted. Each type's handler decides who may submit it ({@code InboundGateway}). The body is read strictly first
 * (one object, no control characters in its texts, X-02), as the other resources' bodies are.
 */
@RequestScoped
@Path("v1/inbound")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound")
public class InboundResource {

    @Inject
    private InboundGateway gateway;

    @POST
    @Operation(summary = "Queue an inbound item of the type in its field \"type\" (default InboundChatMessage) and "
            + "format \"version\" (default 1): a chat message, delivery receipt, SendEmailCommand or "
            + "MailboxSyncCommand; 202 once queued, 400 for an unknown type or version or a malformed body, 403 when "
            + "the caller may not submit it")
    @APIResponse(responseCode = "202", description = "Queued: its type, idempotency key and status",
            content = @Content(schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response submit(String body) {
        JsonObject json = object(body);
        JsonValue type = json.get("type");
        if (type != null && type.getValueType() != JsonValue.ValueType.NULL && !(type instanceof JsonString)) {
            throw BodyRefusedException.of("type", "validation.json.text");
        }
        String kind = type instanceof JsonString text ? text.getString() : InboundChatMessage.TYPE;
        String key = gateway.submit(kind, version(json.get("version")), body);
        JsonObjectBuilder answer = Jsons.object().add("type", kind);
        // A SendEmailCommand without a requestId has no idempotency key.
        if (key == null) {
            answer.addNull("key");
        } else {
            answer.add("key", key);
        }
        return Response.accepted(answer.add("status", "QUEUED").build()).build();
    }

    /** The format version: 1 when absent, else a whole number within an int, never rounded or wrapped to another. */
    private static int version(JsonValue version) {
        if (version == null) {
            return 1;
        }
        if (version instanceof JsonNumber number) {
            try {
                return Math.toIntExact(Jsons.exactLong(number));
            } catch (ArithmeticException e) {
                // A fraction, or beyond an int: refused below.
            }
        }
        throw new InvalidInputException("validation.inbound.versionNumber", "version");
    }

    /**
     * The body as one JSON object with nothing after it, no text holding a control character (X-02, issue 18): the
     * types' parsers, shared with the queue, read the first value only and take any text.
     */
    private static JsonObject object(String body) {
        JsonValue value;
        try {
            value = Jsons.readValue(body == null ? "" : body);
        } catch (Jsons.TrailingContentException e) {
            throw BodyRefusedException.of(StrictJsonBinder.BODY, "validation.json.trailing");
        } catch (JsonException e) {
            throw new InvalidInputException("error.bodyRequired", null);
        }
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidInputException("error.bodyRequired", null);
        }
        if (!(value instanceof JsonObject json)) {
            throw BodyRefusedException.of(StrictJsonBinder.BODY, "validation.json.object");
        }
        StrictJsonBinder.checkTexts(json);
        return json;
    }
}
