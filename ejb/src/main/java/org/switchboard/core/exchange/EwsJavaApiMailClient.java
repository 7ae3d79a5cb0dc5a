package org.switchboard.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.enumeration.service.ServiceResult;
import microsoft.exchange.webservices.data.core.enumeration.service.SyncFolderItemsScope;
import microsoft.exchange.webservices.data.core.enumeration.service.error.ServiceErrorHandling;
import microsoft.exchange.webservices.data.core.enumeration.sync.ChangeType;
import microsoft.exchange.webservices.data.core.exception.http.HttpErrorException;
import microsoft.exchange.webservices.data.core.exception.service.remote.AccountIsLockedException;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.core.request.GetFolderRequest;
import microsoft.exchange.webservices.data.core.response.GetFolderResponse;
import microsoft.exchange.webservices.data.core.service.ServiceObject;
import microsoft.exchange.webservices.data.core.service.folder.Folder;
import microsoft.exchange.webservices.data.core.service.item.EmailMessage;
import microsoft.exchange.webservices.data.core.service.item.Item;
import microsoft.exchange.webservices.data.core.service.schema.EmailMessageSchema;
import microsoft.exchange.webservices.data.core.service.schema.FolderSchema;
import microsoft.exchange.webservices.data.core.service.schema.ItemSchema;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.OutParam;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.ItemId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.property.complex.MimeContent;
import microsoft.exchange.webservices.data.property.definition.PropertyDefinition;
import microsoft.exchange.webservices.data.sync.ChangeCollection;
import microsoft.exchange.webservices.data.sync.FolderChange;
import microsoft.exchange.webservices.data.sync.ItemChange;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;

/**
 * Exchange Server (on-premises) mail over EWS with Microsoft's ews-java-api (MB-02, MB-03, SM-01), the last release
 * (2.0) and its highest schema, {@code Exchange2010_SP2}, which every Exchange Server since 2010 SP2 answers. Every
 * call makes its own {@link ExchangeService} (it is not thread-safe) and closes it. Three things differ from the
 * library's defaults: TLS certificates are checked by the JDK (ews-java-api accepts any certificate that comes
 * alone, so any self-signed one); Basic credentials and bearer tokens are sent as an {@code Authorization} header with
 * the first request (the library would pick NTLM whenever the server offers it, and needs a second round trip); and
 * failures become {@link EwsException}s in our terms. Nothing is retried here: the sync decides, with the outcome and
 * the back-off. No URL, password, token or content is logged.
 */
@ApplicationScoped
public class EwsJavaApiMailClient implements EwsMailClient {

    /** EWS's limit of changes per {@code SyncFolderItems} answer. */
    public static final int MAX_CHANGES = 512;
    /**
     * ews-java-api has one timeout for connecting, waiting for a pooled connection and each read (it is the socket
     * timeout, not a limit on a whole download).
     */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(EwsJavaApiMailClient.class.getName());
    /** The well-known folders worth naming, by the names EWS and Graph both use. */
    private static final Map<WellKnownFolderName, String> WELL_KNOWN = Map.of(WellKnownFolderName.Inbox, "inbox",
            WellKnownFolderName.SentItems, "sentitems", WellKnownFolderName.Drafts, "drafts",
            WellKnownFolderName.DeletedItems, "deleteditems", WellKnownFolderName.JunkEmail, "junkemail",
            WellKnownFolderName.Outbox, "outbox");
    /** Exchange's store errors that pass: a failover, a mailbox move, a store restart. */
    private static final Set<ServiceError> TRANSIENT = EnumSet.of(ServiceError.ErrorInternalServerTransientError,
            ServiceError.ErrorMailboxStoreUnavailable, ServiceError.ErrorMailboxMoveInProgress,
            ServiceError.ErrorTimeoutExpired, ServiceError.ErrorConnectionFailed);

    private final Duration timeout;

    public EwsJavaApiMailClient() {
        this(TIMEOUT);
    }

    EwsJavaApiMailClient(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public FolderPage folders(EwsMailbox mailbox, String syncState) {
        try (ExchangeService service = open(mailbox)) {
            ChangeCollection<FolderChange> changes = service.syncFolderHierarchy(
                    wellKnown(mailbox, WellKnownFolderName.MsgFolderRoot), new PropertySet(BasePropertySet.IdOnly,
                            FolderSchema.ParentFolderId, FolderSchema.DisplayName, FolderSchema.TotalCount,
                            FolderSchema.FolderClass), syncState);
            List<Folder> folders = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (FolderChange change : changes) {
                if (change.getChangeType() == ChangeType.Delete) {
                    deleted.add(change.getFolderId().getUniqueId());
                } else if (isMail(change.getFolder())) {
                    folders.add(change.getFolder());
                }
            }
            Map<String, String> names = folders.isEmpty() ? Map.of() : wellKnownNames(service, mailbox);
            List<SyncedFolder> changed = new ArrayList<>();
            for (Folder folder : folders) {
                String id = folder.getId().getUniqueId();
                FolderId parent = property(folder, FolderId.class, FolderSchema.ParentFolderId);
                Integer count = property(folder, Integer.class, FolderSchema.TotalCount);
                changed.add(new SyncedFolder(id, parent == null ? null : parent.getUniqueId(),
                        Objects.requireNonNullElse(property(folder, String.class, FolderSchema.DisplayName), ""),
                        names.get(id), count == null ? 0 : count));
            }
            return new FolderPage(changed, deleted, changes.getSyncState());
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public ItemPage syncItems(EwsMailbox mailbox, String folderId, String syncState, int maxChanges) {
        if (maxChanges < 1 || maxChanges > MAX_CHANGES) {
            throw new IllegalArgumentException("EWS returns 1 to " + MAX_CHANGES + " changes at a time");
        }
        try (ExchangeService service = open(mailbox)) {
            // MB-02: ids, Message-ID (de-duplication), received time and read flag: the rest comes with the MIME.
            ChangeCollection<ItemChange> changes = service.syncFolderItems(new FolderId(folderId),
                    new PropertySet(BasePropertySet.IdOnly, ItemSchema.DateTimeReceived,
                            EmailMessageSchema.InternetMessageId, EmailMessageSchema.IsRead), null, maxChanges,
                    SyncFolderItemsScope.NormalItems, syncState);
            List<SyncedItem> changed = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            for (ItemChange change : changes) {
                if (change.getChangeType() == ChangeType.Delete) {
                    deleted.add(change.getItemId().getUniqueId());
                } else if (change.getChangeType() == ChangeType.ReadFlagChange) {
                    changed.add(new SyncedItem(change.getItemId().getUniqueId(), null, null, change.getIsRead()));
                } else {
                    Item item = change.getItem();
                    Date received = property(item, Date.class, ItemSchema.DateTimeReceived);
                    changed.add(new SyncedItem(item.getId().getUniqueId(),
                            property(item, String.class, EmailMessageSchema.InternetMessageId),
                            received == null ? null : OffsetDateTime.ofInstant(received.toInstant(), ZoneOffset.UTC),
                            Boolean.TRUE.equals(property(item, Boolean.class, EmailMessageSchema.IsRead))));
                }
            }
            return new ItemPage(changed, deleted, changes.getSyncState(), changes.getMoreChangesAvailable());
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public InputStream mime(EwsMailbox mailbox, String itemId) {
        try (ExchangeService service = open(mailbox)) {
            Item item = service.bindToItem(new ItemId(itemId), new PropertySet(BasePropertySet.IdOnly,
                    ItemSchema.MimeContent));
            MimeContent content = item.getMimeContent();
            if (content == null || content.getContent() == null) {
                throw new EwsException(EwsException.Outcome.REFUSED, null, "EWS sent the item without its MIME");
            }
            return new ByteArrayInputStream(content.getContent());
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void send(EwsMailbox mailbox, byte[] mime) {
        try (ExchangeService service = open(mailbox)) {
            EmailMessage message = new EmailMessage(service);
            message.setMimeContent(new MimeContent(StandardCharsets.UTF_8.name(), mime));
            // MB-03, SM-01: saved in the mailbox's own Sent Items; for a shared mailbox that also makes Exchange send
            // it from the shared mailbox (the user needs Send As there).
            message.sendAndSaveCopy(wellKnown(mailbox, WellKnownFolderName.SentItems));
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /** A new service for one call: the mailbox's endpoint, credentials and the timeout. */
    private ExchangeService open(EwsMailbox mailbox) throws Exception {
        ExchangeService service = new CheckedTlsService();
        try {
            service.setUrl(mailbox.url());
            service.setTimeout((int) timeout.toMillis());
            EwsCredentials credentials = mailbox.credentials();
            if (credentials instanceof EwsCredentials.Ntlm ntlm) {
                service.setCredentials(new WebCredentials(ntlm.user(), ntlm.password(), ntlm.domain()));
            } else if (credentials instanceof EwsCredentials.Basic basic) {
                // RFC 7617: user-pass in UTF-8. With the default credentials kept, the header is sent as it is.
                service.getHttpHeaders().put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (basic.user() + ":" + basic.password()).getBytes(StandardCharsets.UTF_8)));
            } else if (credentials instanceof EwsCredentials.Bearer bearer) {
                service.getHttpHeaders().put("Authorization", "Bearer " + bearer.accessToken());
            }
            return service;
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    /** A well-known folder of the mailbox: addressed through the shared mailbox's address when it is another's. */
    private static FolderId wellKnown(EwsMailbox mailbox, WellKnownFolderName name) {
        return mailbox.shared() ? new FolderId(name, new Mailbox(mailbox.address())) : new FolderId(name);
    }

    /**
     * The ids of the mailbox's well-known mail folders, in one {@code GetFolder}: Exchange 2010's
     * {@code SyncFolderHierarchy} does not say which folder is the Inbox. A folder the mailbox lacks is left out.
     */
    private static Map<String, String> wellKnownNames(ExchangeService service, EwsMailbox mailbox) throws Exception {
        List<WellKnownFolderName> asked = List.copyOf(WELL_KNOWN.keySet());
        GetFolderRequest request = new GetFolderRequest(service, ServiceErrorHandling.ReturnErrors);
        for (WellKnownFolderName name : asked) {
            request.getFolderIds().add(wellKnown(mailbox, name));
        }
        request.setPropertySet(new PropertySet(BasePropertySet.IdOnly));
        Map<String, String> names = new HashMap<>();
        int index = 0;
        for (GetFolderResponse response : request.execute()) {
            WellKnownFolderName name = asked.get(index++);
            if (response.getResult() == ServiceResult.Success && response.getFolder() != null) {
                names.put(response.getFolder().getId().getUniqueId(), WELL_KNOWN.get(name));
            }
        }
        return names;
    }

    /** A folder of mail: not a calendar, contacts, tasks, notes or search folder (MB-02 syncs mail only). */
    private static boolean isMail(Folder folder) throws Exception {
        String folderClass = property(folder, String.class, FolderSchema.FolderClass);
        return folder.getClass() == Folder.class && (folderClass == null || folderClass.startsWith("IPF.Note"));
    }

    /** A property EWS sent, or null when it sent none (an item without a Message-ID, say). */
    private static <T> T property(ServiceObject object, Class<T> type, PropertyDefinition definition)
            throws Exception {
        OutParam<T> value = new OutParam<>();
        return object.tryGetProperty(type, definition, value) ? value.getParam() : null;
    }

    /**
     * What a failed call means. ews-java-api wraps what went wrong (often twice) in its own exceptions, whose messages
     * repeat the inner ones': the reason is made here from the cause's kind, EWS's response code and message, never
     * from those texts.
     */
    static EwsException failure(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EwsException known) {
                return known;
            }
            if (cause instanceof ServiceResponseException refused) {
                return refused(refused);
            }
            if (cause instanceof AccountIsLockedException) {
                return new EwsException(EwsException.Outcome.SIGN_IN_FAILED, "HTTP 456",
                        "Exchange: the account is locked (HTTP 456)");
            }
            if (cause instanceof HttpErrorException http) {
                return http(http.getHttpErrorCode());
            }
            if (cause instanceof SSLHandshakeException tls) {
                LOG.fine(() -> "EWS TLS handshake failed: " + tls.getClass().getName());
                return new EwsException(EwsException.Outcome.REFUSED, "TLS", "Exchange's TLS certificate was not "
                        + "accepted: it must be trusted by the server's trust store and name the host");
            }
            if (cause instanceof IOException io) {
                LOG.fine(() -> "EWS not reachable: " + io.getClass().getName());
                return new EwsException(EwsException.Outcome.UNAVAILABLE, null, "Exchange is not reachable: "
                        + (io instanceof InterruptedIOException || io instanceof ConnectTimeoutException
                                ? "no answer in time" : "the connection failed"));
            }
        }
        LOG.fine(() -> "EWS call failed: " + failure.getClass().getName());
        return new EwsException(EwsException.Outcome.REFUSED, null, "Exchange did not answer as EWS does ("
                + failure.getClass().getSimpleName() + ")");
    }

    private static EwsException refused(ServiceResponseException refused) {
        ServiceError error = refused.getErrorCode();
        String code = error == null ? "Error" : error.name();
        String message = Objects.requireNonNullElse(refused.getMessage(), "").lines().findFirst().orElse("")
                .strip();
        String reason = "Exchange: " + code + (message.isEmpty() ? "" : ": " + message);
        LOG.fine(() -> "EWS answered " + code);
        if (error == ServiceError.ErrorInvalidSyncStateData) {
            return new EwsException(EwsException.Outcome.SYNC_STATE_INVALID, code, reason);
        }
        if (error == ServiceError.ErrorServerBusy) {
            return new EwsException(EwsException.Outcome.THROTTLED, code, reason, backOff(refused));
        }
        return new EwsException(TRANSIENT.contains(error) ? EwsException.Outcome.UNAVAILABLE
                : EwsException.Outcome.REFUSED, code, reason);
    }

    /** The {@code BackOffMilliseconds} Exchange named in the error's {@code MessageXml}, or null. */
    private static Duration backOff(ServiceResponseException busy) {
        Map<String, String> details = busy.getResponse() == null ? null : busy.getResponse().getErrorDetails();
        String value = details == null ? null : details.get("BackOffMilliseconds");
        try {
            return value == null ? null : Duration.ofMillis(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static EwsException http(int status) {
        LOG.fine(() -> "EWS answered HTTP " + status);
        String code = "HTTP " + status;
        if (status == 401) {
            return new EwsException(EwsException.Outcome.SIGN_IN_FAILED, code, "Exchange refused the sign-in "
                    + "(HTTP 401): the password or token is wrong or expired, or the authentication method is off");
        }
        return new EwsException(status >= 500 ? EwsException.Outcome.UNAVAILABLE : EwsException.Outcome.REFUSED,
                code, "Exchange answered HTTP " + status);
    }

    /**
     * ews-java-api's service with the JDK's TLS checks: its own trust manager accepts any certificate that comes
     * without a chain, so anyone between us and Exchange could read the passwords and tokens. The JDK's trust store
     * (the server's, with a company CA added where Exchange uses one) and host name check apply instead. Called from
     * the library's constructor, so it uses no fields.
     */
    private static final class CheckedTlsService extends ExchangeService {

        CheckedTlsService() {
            super(ExchangeVersion.Exchange2010_SP2);
        }

        @Override
        protected Registry<ConnectionSocketFactory> createConnectionSocketFactoryRegistry() {
            return RegistryBuilder.<ConnectionSocketFactory>create()
                    .register("http", PlainConnectionSocketFactory.getSocketFactory())
                    .register("https", SSLConnectionSocketFactory.getSocketFactory()).build();
        }
    }
}
