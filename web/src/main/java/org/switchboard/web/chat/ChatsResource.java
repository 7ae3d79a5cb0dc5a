package org.switchboard.web.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.chat.ChatDetail;
import org.switchboard.core.chat.ChatFilter;
import org.switchboard.core.chat.ChatMessageView;
import org.switchboard.core.chat.ChatPage;
import org.switchboard.core.chat.ChatProcess;
import org.switchboard.core.chat.ChatService;
import org.switchboard.core.chat.ChatSummary;
import org.switchboard.core.chat.FileUpload;
import org.switchboard.core.chat.QuickReplyOption;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * The operators' chats over REST (CH-03, CH-04, CH-07, CH-11, CH-12): the Chats section's search, one chat with its
 * history, accept, reply with text and files, finish, run a chat action, quick replies. The service decides what the
 * caller may see and do (an operator of the chat's queue, or a holder of {@code CanManageChats}).
 */
@RequestScoped
@Path("v1/chats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Chats")
public class ChatsResource {

    /** The largest page {@code GET v1/chats} returns. */
    public static final int MAX_PAGE = 200;

    @Inject
    private ChatService chats;

    /** An operator's reply: a text, files, or both. */
    public record ReplyRequest(String text, List<FileRequest> files) {
    }

    /** A file of a reply; {@code content} is base64. */
    public record FileRequest(String fileName, String contentType, String content) {
    }

    @GET
    @Operation(summary = "The Chats section: chats the caller may see, newest first, with the number matching; "
            + "contactId gives one contact's")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatPage.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public ChatPage search(@QueryParam("channelId") Long channelId, @QueryParam("queueId") Long queueId,
                           @QueryParam("operatorId") Long operatorId, @QueryParam("status") String status,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("text") String text, @QueryParam("contactId") Long contactId,
                           @QueryParam("first") @DefaultValue("0") int first,
                           @QueryParam("max") @DefaultValue("50") int max) {
        if (first < 0) {
            throw new InvalidInputException("validation.chat.first", "first");
        }
        if (max < 1 || max > MAX_PAGE) {
            throw new InvalidInputException("validation.chat.max", "max", MAX_PAGE);
        }
        ChatFilter filter = new ChatFilter(channelId, queueId, operatorId, status(status), date(from, "from"),
                date(to, "to"), text == null || text.isBlank() ? null : text.trim(), contactId);
        return chats.search(filter, first, max);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One chat with its whole history, routing decisions, actions and cases")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatDetail.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatDetail get(@PathParam("id") long id) {
        return chats.chat(id);
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept a chat offered (CH-03: the first wins) or assigned (CH-04) to the caller")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatSummary.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatSummary accept(@PathParam("id") long id) {
        return chats.accept(id);
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reply with a text and/or files (base64); 201 with the stored message, pending delivery")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = ChatMessageView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public Response reply(@PathParam("id") long id, ReplyRequest request) {
        ReplyRequest body = Requests.body(request);
        List<FileUpload> files = files(body.files());
        String text = body.text() == null || body.text().isBlank() ? null : body.text();
        if (text == null && files.isEmpty()) {
            throw new InvalidInputException("validation.chat.replyEmpty", "text");
        }
        ChatMessageView sent = chats.reply(id, text, files);
        return Response.status(Response.Status.CREATED).entity(sent).build();
    }

    @POST
    @Path("{id}/finish")
    @Operation(summary = "Complete the chat")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatSummary.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatSummary finish(@PathParam("id") long id) {
        return chats.finish(id);
    }

    @POST
    @Path("{id}/take-from-bot")
    @Operation(summary = "Take a bot dialog from the channel's external bot (FB-05)",
            description = "Messenger's take_thread_control, then the chat is the caller's, in work. 409 when the chat "
                    + "is not a bot dialog; 502 with Messenger's reason when it refuses.")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatSummary.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    public ChatSummary takeFromBot(@PathParam("id") long id) {
        return chats.takeFromBot(id);
    }

    @POST
    @Path("{id}/actions/{actionId}")
    @Operation(summary = "Run one of the queue's chat actions on the chat (CH-07)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ChatProcess.ProcessResult.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public ChatProcess.ProcessResult runAction(@PathParam("id") long id, @PathParam("actionId") long actionId) {
        return chats.runAction(id, actionId);
    }

    @GET
    @Path("{id}/quick-replies")
    @Operation(summary = "The quick replies in the language of the chat's channel (CH-11)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = QuickReplyOption.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<QuickReplyOption> quickReplies(@PathParam("id") long id) {
        return chats.quickReplies(id);
    }

    private static ChatStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ChatStatus.valueOf(status.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("validation.chat.status", "status",
                    String.join(", ", Arrays.stream(ChatStatus.values()).map(Enum::name).toList()));
        }
    }

    private static LocalDate date(String date, String field) {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("validation.chat.date", field);
        }
    }

    private static List<FileUpload> files(List<FileRequest> files) {
        List<FileUpload> uploads = new ArrayList<>();
        if (files == null) {
            return uploads;
        }
        for (int i = 0; i < files.size(); i++) {
            FileRequest file = files.get(i);
            String field = "files[" + i + "]";
            if (file == null || file.fileName() == null || file.fileName().isBlank()) {
                throw new InvalidInputException("validation.chat.fileName", field + ".fileName");
            }
            byte[] content;
            try {
                content = file.content() == null ? new byte[0] : Base64.getMimeDecoder().decode(file.content());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("validation.chat.fileBase64", field + ".content");
            }
            if (content.length == 0) {
                throw new InvalidInputException("validation.chat.fileEmpty", field + ".content");
            }
            String type = file.contentType() == null || file.contentType().isBlank()
                    ? MediaType.APPLICATION_OCTET_STREAM : file.contentType().trim();
            uploads.add(new FileUpload(file.fileName().trim(), type, content));
        }
        return uploads;
    }
}
