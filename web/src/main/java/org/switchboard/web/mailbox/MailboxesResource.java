package org.switchboard.web.mailbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.mailbox.EmailDetail;
import org.switchboard.core.mailbox.EmailDraft;
import org.switchboard.core.mailbox.EmailFileContent;
import org.switchboard.core.mailbox.EmailHtml;
import org.switchboard.core.mailbox.EmailService;
import org.switchboard.core.mailbox.EmailSummary;
import org.switchboard.core.mailbox.MailSendService;
import org.switchboard.core.mailbox.MailboxAccessDraft;
import org.switchboard.core.mailbox.MailboxAccessService;
import org.switchboard.core.mailbox.MailboxAccessView;
import org.switchboard.core.mailbox.MailboxConnectRequest;
import org.switchboard.core.mailbox.MailboxGrantee;
import org.switchboard.core.mailbox.MailboxService;
import org.switchboard.core.mailbox.MailboxSettings;
import org.switchboard.core.mailbox.MailboxSettingsDraft;
import org.switchboard.core.mailbox.MailboxView;
import org.switchboard.core.mailbox.SenderView;
import org.switchboard.core.mailbox.SentEmailView;
import org.switchboard.core.mailbox.SkippedMailView;
import org.switchboard.core.mailbox.SkippedRetry;
import org.switchboard.model.mailbox.LoadPeriod;
import org.switchboard.web.common.Downloads;
import org.switchboard.web.common.Problem;
import org.switchboard.web.common.Requests;

/**
 * The signed-in user's mailboxes over REST (MB-01, MB-02, MB-03, MB-09, SM-01..SM-04): connect one (the wizard:
 * provider detected, a real log-in tried), list them with their sync state and progress, load mail now, read the
 * e-mails loaded with their files, send e-mail from the ones offered in "From", and share one: the "shared" flag in
 * the settings and the access list. A mailbox the caller has no right to is 404; a sharing change without both
 * shared-mailbox operations is 403 with the reason. A received HTML body comes as its own document for the panel's
 * sandboxed frame (issue 18 item 6).
 */
@RequestScoped
@Path("v1/mailboxes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Mailboxes")
public class MailboxesResource {

    @Inject
    private MailboxService mailboxes;

    @Inject
    private EmailService emails;

    @Inject
    private MailSendService sends;

    @Inject
    private MailboxAccessService access;

    @GET
    @Operation(summary = "My mailboxes with their sync state and progress, and those shared with me that I may send "
            + "from or configure (owned=false, ownerName); purpose=send: only those I may send from (\"From\", "
            + "send mail on)")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailboxView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<MailboxView> list(@QueryParam("purpose") String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return mailboxes.myMailboxes();
        }
        if (!"send".equals(purpose)) {
            throw new InvalidInputException("validation.mailbox.purpose", "purpose", purpose);
        }
        return mailboxes.senderMailboxes();
    }

    @POST
    @Operation(summary = "Connect a mailbox: the provider is detected from the address (or given as providerId), "
            + "an IMAP and SMTP log-in is tried; 400 on the password field when it is empty or longer than 200 "
            + "characters (before any server is asked) or refused, 502 when the host cannot be "
            + "reached or TLS fails, 409 when the address is connected already; shared=true connects it shared, "
            + "403 without both CanConnectSharedMailbox and CanManageSharedMailboxSync")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = MailboxView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "502", ref = Problem.PROVIDER_FAILED)
    public Response connect(MailboxConnectRequest request, @Context UriInfo uri) {
        MailboxView mailbox = mailboxes.connect(Requests.body(request));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(mailbox.id())).build())
                .entity(mailbox).build();
    }

    @GET
    @Path("senders")
    @Operation(summary = "The mailboxes I may send from (\"From\"), the default sender first; a mailbox with "
            + "sending switched off, or whose provider only receives (SMTP off), is not offered")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = SenderView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    public List<SenderView> senders() {
        return sends.senders();
    }

    /** A file of an e-mail to send, its bytes in Base64. */
    public record FileRequest(String fileName, String contentType, String content) {
    }

    /** An e-mail to send: recipients, subject, body (HTML and/or text), files, and the e-mail it answers. */
    public record SendRequest(List<String> to, List<String> cc, List<String> bcc, String subject, String html,
            String text, List<FileRequest> files, Long inReplyTo) {

        EmailDraft draft(long mailboxId) {
            List<EmailDraft.File> decoded = new ArrayList<>();
            List<FileRequest> given = files == null ? List.of() : files;
            for (int i = 0; i < given.size(); i++) {
                FileRequest file = given.get(i);
                String field = "files[" + i + "].content";
                if (file == null || file.content() == null) {
                    throw new InvalidInputException("validation.email.fileContent", field, "");
                }
                try {
                    decoded.add(new EmailDraft.File(file.fileName(), file.contentType(),
                            Base64.getMimeDecoder().decode(file.content())));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("validation.email.fileContent", field,
                            file.fileName() == null ? "" : file.fileName());
                }
            }
            return new EmailDraft(mailboxId, to, cc, bcc, subject, html, text, decoded, inReplyTo);
        }
    }

    @POST
    @Path("{id}/emails")
    @Operation(summary = "Send an e-mail from this mailbox: stored, sent over SMTP, saved to the Sent folder; 201 "
            + "with its status, 400 with the field at fault (addresses, no recipient, files over 20 MB, a file name "
            + "with a line break or another control character in files[i].fileName, a content type that is not "
            + "type/subtype in files[i].contentType, mailboxId when its provider only receives: SMTP off), 403 "
            + "when sending is off for the mailbox, 404 for a mailbox I "
            + "may not send from, 502 with the SMTP server's reason (the e-mail stays stored as FAILED)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = SentEmailView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "502", ref = Problem.PROVIDER_FAILED)
    public Response send(@PathParam("id") long id, SendRequest request, @Context UriInfo uri) {
        SentEmailView sent = sends.send(Requests.body(request).draft(id));
        return Response.created(uri.getBaseUriBuilder().path("v1/mailboxes/emails/{emailId}").build(sent.id()))
                .entity(sent).build();
    }

    @GET
    @Path("emails/{emailId}/send-status")
    @Operation(summary = "Where a send of mine stands: PENDING, SENT (with a warning when not saved to Sent) or FAILED "
            + "with the server's reason")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SentEmailView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public SentEmailView sendStatus(@PathParam("emailId") long emailId) {
        return sends.status(emailId);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One of my mailboxes, or one shared with me that I may send from or configure")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailboxView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public MailboxView get(@PathParam("id") long id) {
        return mailboxes.mailbox(id);
    }

    /** The settings to save, with the version they were read at; {@code shared} absent leaves sharing as it is. */
    public record SettingsRequest(Long version, LoadPeriod loadPeriod, boolean autoSync, boolean allFolders,
            Set<String> selectedFolders, boolean sendEnabled, boolean defaultSender, boolean useAlias, String alias,
            boolean useSignature, String signatureHtml, Boolean shared) {

        MailboxSettingsDraft draft() {
            return new MailboxSettingsDraft(loadPeriod, autoSync, allFolders, selectedFolders, sendEnabled,
                    defaultSender, useAlias, alias, useSignature, signatureHtml, shared);
        }
    }

    /** One row of an access list: {@code userId} or {@code roleId}, and the rights. */
    public record AccessRow(Long userId, Long roleId, boolean read, boolean send, boolean configure) {

        MailboxAccessDraft draft() {
            return new MailboxAccessDraft(userId, roleId, read, send, configure);
        }
    }

    /** "Change account settings": a new password, and a log-in for providers whose login is entered by hand. */
    public record CredentialsRequest(String login, String password) {

        @Override
        public String toString() {
            return "CredentialsRequest[" + login + "]";
        }
    }

    @GET
    @Path("{id}/settings")
    @Operation(summary = "The settings of a mailbox I own or may configure, with the folders the server reported, "
            + "the access list and whether I may change it (mayShare)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailboxSettings.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public MailboxSettings settings(@PathParam("id") long id) {
        return mailboxes.settings(id);
    }

    @PUT
    @Path("{id}/settings")
    @Operation(summary = "Save the settings; 400 when 'selected folders' has none ticked, 409 on a stale version, 403 "
            + "when 'shared' is switched on without both shared-mailbox operations (off: the list is kept, without "
            + "effect)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailboxView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public MailboxView saveSettings(@PathParam("id") long id, SettingsRequest request) {
        SettingsRequest body = Requests.body(request);
        if (body.version() == null) {
            throw new InvalidInputException("validation.required", "version");
        }
        return mailboxes.updateSettings(id, body.version(), body.draft());
    }

    @GET
    @Path("{id}/access")
    @Operation(summary = "The access list of a mailbox I own or may configure: users and roles with read, send, "
            + "configure")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailboxAccessView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<MailboxAccessView> accessList(@PathParam("id") long id) {
        return access.accessList(id);
    }

    @PUT
    @Path("{id}/access")
    @Operation(summary = "Replace the access list: each row a userId or a roleId (not both) with at least one right, "
            + "each user and role once, not the owner; 400 otherwise, 403 without both shared-mailbox operations")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailboxAccessView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    public List<MailboxAccessView> replaceAccessList(@PathParam("id") long id, List<AccessRow> rows) {
        List<AccessRow> body = Requests.body(rows);
        if (body.stream().anyMatch(Objects::isNull)) {
            throw new InvalidInputException("validation.mailbox.accessGrantee", "access");
        }
        return access.replaceAccessList(id, body.stream().map(AccessRow::draft).toList());
    }

    @GET
    @Path("{id}/access/grantees")
    @Operation(summary = "Users and roles whose name contains 'search', for adding them to the access list; 403 "
            + "without both shared-mailbox operations")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = MailboxGrantee.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<MailboxGrantee> grantees(@PathParam("id") long id, @QueryParam("search") String search) {
        return access.grantees(id, search);
    }

    @PUT
    @Path("{id}/credentials")
    @Operation(summary = "Change the password (and log-in): tried against the servers first, stored only when "
            + "accepted; 400 on the password field when it is empty or longer than 200 characters, before any server "
            + "is asked")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = MailboxView.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = Problem.CONFLICT)
    @APIResponse(responseCode = "413", ref = Problem.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = Problem.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "502", ref = Problem.PROVIDER_FAILED)
    public MailboxView changeCredentials(@PathParam("id") long id, CredentialsRequest request) {
        CredentialsRequest body = Requests.body(request);
        return mailboxes.changeCredentials(id, body.login(), body.password());
    }

    @POST
    @Path("{id}/sync")
    @Operation(summary = "Load mail now: the sync starts in the background; follow it on the mailbox. "
            + "409 when the mailbox is loading already")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = MailboxView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response sync(@PathParam("id") long id) {
        return Response.accepted(mailboxes.requestSync(id)).build();
    }

    @GET
    @Path("{id}/skipped")
    @Operation(summary = "The messages a sync could not read or store (folder, UID, reason), newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = SkippedMailView.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<SkippedMailView> skipped(@PathParam("id") long id) {
        return mailboxes.skipped(id);
    }

    @POST
    @Path("{id}/skipped/{skippedId}/retry")
    @Operation(summary = "Read a skipped message from the server again: STORED, FAILED (with the reason) or GONE")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = SkippedRetry.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public SkippedRetry retrySkipped(@PathParam("id") long id, @PathParam("skippedId") long skippedId) {
        return mailboxes.retrySkipped(id, skippedId);
    }

    @GET
    @Path("{id}/emails")
    @Operation(summary = "The e-mails of one of my mailboxes or of one I may send from, newest first")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(
            schema = @Schema(type = SchemaType.ARRAY, implementation = EmailSummary.class)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public List<EmailSummary> emails(@PathParam("id") long id, @QueryParam("first") @DefaultValue("0") int first,
            @QueryParam("max") @DefaultValue("50") int max) {
        return emails.emails(id, first, max);
    }

    @GET
    @Path("emails/{emailId}")
    @Operation(summary = "One e-mail in full: addresses, bodies, files; of my mailboxes or one I hold any right on")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = EmailDetail.class)))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public EmailDetail email(@PathParam("emailId") long emailId) {
        return emails.email(emailId);
    }

    @GET
    @Path("emails/{emailId}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "The bytes of one file of an e-mail, as an attachment with its content type")
    @APIResponse(responseCode = "200", description = "The file, with its content type",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response file(@PathParam("emailId") long emailId, @PathParam("fileId") long fileId) {
        EmailFileContent file = emails.file(emailId, fileId);
        return Downloads.attachment(file.content(), file.contentType(), file.fileName());
    }

    @GET
    @Path("emails/{emailId}/html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "MB-02: the HTML body of an e-mail as a document for a sandboxed frame: scripts, forms and "
            + "remote images and styles removed (remote=true, or the sender set to \"always show\", keeps remote "
            + "ones), cid: images inline; its own Content-Security-Policy enforces the same; 404 like the e-mail")
    @APIResponse(responseCode = "200", description = "The HTML document, sanitized",
            content = @Content(mediaType = MediaType.TEXT_HTML,
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = Problem.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = Problem.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = Problem.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = Problem.NOT_FOUND)
    public Response html(@PathParam("emailId") long emailId, @QueryParam("remote") String remote) {
        EmailHtml html = emails.html(emailId, flag("remote", remote));
        return EmailHtmlDocument.of(html);
    }

    /**
     * A yes/no query parameter: absent or {@code false} is no, {@code true} yes, anything else a 400 naming it (JAX-RS
     * would read {@code remote=yes} as false, and the caller would never learn that it was not understood).
     */
    static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidInputException("validation.query.flag", name, value);
    }
}
