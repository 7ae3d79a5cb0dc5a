package org.switchboard.core.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.net.ssl.SSLHandshakeException;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
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
import microsoft.exchange.webservices.data.core.request.HttpWebRequest;
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
import microsoft.exchange.webservices.data.search.FindItemsResults;
import microsoft.exchange.webservices.data.search.ItemView;
import microsoft.exchange.webservices.data.search.filter.SearchFilter;
import microsoft.exchange.webservices.data.sync.ChangeCollection;
import microsoft.exchange.webservices.data.sync.FolderChange;
import microsoft.exchange.webservices.data.sync.ItemChange;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Exchange Server (on-premises) mail over EWS with Microsoft's ews-java-api (MB-02, MB-03, SM-01, MP-11), the last
 * release (2.0) and its highest schema, {@code Exchange2010_SP2}, which every Exchange Server since 2010 SP2 answers.
 * Every call makes its own {@link ExchangeService} (it is not thread-safe) and closes it. Three things differ from the
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
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
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
    /** MP-11: Exchange no longer knows the notification subscription (a restart, a failover, too long unheard). */
    private static final Set<ServiceError> GONE = EnumSet.of(ServiceError.ErrorSubscriptionNotFound,
            ServiceError.ErrorInvalidSubscription, ServiceError.ErrorExpiredSubscription);
    /** MP-11: the events that can change what a folder holds (not free/busy, not the status heartbeat). */
    private static final EventType[] EVENTS = {EventType.NewMail, EventType.Created, EventType.Deleted,
        EventType.Modified, EventType.Moved, EventType.Copied};
    /**
     * MP-11: how much longer than the connection timeout a streaming read may wait for a byte. Exchange sends a
     * heartbeat while nothing happens and closes the connection itself at the timeout, so the read never waits that
     * long on a live connection; this only ends one that died without a word.
     */
    static final Duration STREAM_MARGIN = Duration.ofMinutes(1);

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

    @Override
    public boolean inSentItems(EwsMailbox mailbox, String internetMessageId) {
        if (internetMessageId == null || internetMessageId.isBlank()) {
            throw new IllegalArgumentException("A Message-ID is needed");
        }
        // Exchange keeps the header's value with its angle brackets; a parsed id may have lost them.
        String id = internetMessageId.strip();
        id = id.startsWith("<") ? id : "<" + id + ">";
        try (ExchangeService service = open(mailbox)) {
            ItemView view = new ItemView(1);
            view.setPropertySet(new PropertySet(BasePropertySet.IdOnly));
            // MB-03: the shared mailbox's own Sent Items for a shared mailbox, where send() keeps its copy.
            FindItemsResults<Item> found = service.findItems(wellKnown(mailbox, WellKnownFolderName.SentItems),
                    new SearchFilter.IsEqualTo(EmailMessageSchema.InternetMessageId, id), view);
            return !found.getItems().isEmpty();
        } catch (Exception e) {
            throw failure(e);
        }
    }

    @Override
    public String subscribe(EwsMailbox mailbox, List<String> folderIds) {
        if (folderIds == null || folderIds.isEmpty()) {
            throw new IllegalArgumentException("A subscription needs at least one folder");
        }
        try (ExchangeService service = open(mailbox)) {
            // Exchange 2013 and later keep a subscription on the mailbox's server: the anchor routes it there.
            service.getHttpHeaders().put("X-AnchorMailbox", mailbox.address());
            List<FolderId> folders = new ArrayList<>();
            for (String folderId : folderIds) {
                WellKnownFolderName name = WELL_KNOWN.entrySet().stream().filter(e -> e.getValue().equals(folderId))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                folders.add(name != null ? wellKnown(mailbox, name) : new FolderId(folderId));
            }
            return service.subscribeToStreamingNotifications(folders, EVENTS).getId();
        } catch (Exception e) {
            throw failure(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Not ews-java-api's {@code StreamingSubscriptionConnection}, which reads in a thread pool of its own that an
     * application server does not manage: the request is the library's (its HTTP client, headers and sign-in, NTLM
     * included), the SOAP is written here and the answer read in the calling thread, envelope by envelope
     * ({@link EwsStreamReader}). The read timeout is the connection timeout plus {@link #STREAM_MARGIN} (the library
     * has one timeout, so connecting may take as long; the operating system gives up a connect sooner). The abort
     * handle closes the call's {@link ExchangeService}, whose connection manager shuts the socket: the blocked read
     * fails at once and the listen returns normally.
     */
    @Override
    public void listen(EwsMailbox mailbox, String subscriptionId, int connectionTimeoutMinutes,
            StreamListener listener) {
        if (connectionTimeoutMinutes < 1 || connectionTimeoutMinutes > 30) {
            throw new IllegalArgumentException("EWS keeps a streaming connection 1 to 30 minutes");
        }
        if (subscriptionId == null || subscriptionId.isBlank() || listener == null) {
            throw new IllegalArgumentException("A listen needs the subscription's id and a listener");
        }
        AtomicBoolean aborted = new AtomicBoolean();
        try (ExchangeService service = open(mailbox)) {
            service.setTimeout((int) Duration.ofMinutes(connectionTimeoutMinutes).plus(STREAM_MARGIN).toMillis());
            service.getHttpHeaders().put("X-AnchorMailbox", mailbox.address());
            // Gzip would hold the envelopes back in the server's compressor until a block fills.
            service.setAcceptGzipEncoding(false);
            HttpWebRequest request = service.prepareHttpWebRequest();
            try (OutputStream body = request.getOutputStream()) {
                body.write(getStreamingEvents(subscriptionId, connectionTimeoutMinutes));
            }
            int status = request.executeRequest();
            if (status >= 400) {
                throw refusal(status, request);
            }
            Closeable abort = () -> {
                aborted.set(true);
                service.close();
            };
            call(() -> listener.opened(abort));
            EwsStreamReader reader = new EwsStreamReader(request.getInputStream());
            for (EwsStreamReader.Envelope envelope = reader.next(); envelope != null; envelope = reader.next()) {
                Set<String> changed = Set.copyOf(envelope.changed());
                if (!changed.isEmpty()) {
                    call(() -> listener.changed(changed));
                }
                if (envelope.closed()) {
                    break;
                }
            }
            // Closing the service (with the try) drops the connection: nothing is left to read in a healthy one.
        } catch (ListenerFailure e) {
            throw e.failure;
        } catch (Exception e) {
            if (!aborted.get()) {
                throw failure(e);
            }
        }
    }

    /**
     * GetStreamingEvents in the SOAP ews-java-api writes for its own requests (the 2010 SP2 schema's version header),
     * after Microsoft's "GetStreamingEvents operation" reference.
     */
    private static byte[] getStreamingEvents(String subscriptionId, int connectionTimeoutMinutes) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope xmlns:soap=\"" + SOAP + "\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:m=\"" + MESSAGES + "\" "
                + "xmlns:t=\"" + TYPES + "\"><soap:Header><t:RequestServerVersion Version=\"Exchange2010_SP2\"/>"
                + "</soap:Header><soap:Body><m:GetStreamingEvents><m:SubscriptionIds><t:SubscriptionId>"
                + escape(subscriptionId.strip()) + "</t:SubscriptionId></m:SubscriptionIds><m:ConnectionTimeout>"
                + connectionTimeoutMinutes + "</m:ConnectionTimeout></m:GetStreamingEvents></soap:Body>"
                + "</soap:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A listener's own exception, carried out of the listen untouched (it is not Exchange's failure). */
    private static void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw new ListenerFailure(e);
        }
    }

    /**
     * A refused GetStreamingEvents: EWS's SOAP fault in a 500 (throttling, say) in our terms, else the HTTP status.
     */
    private static EwsException refusal(int status, HttpWebRequest request) {
        if (status == 500) {
            try (InputStream in = request.getInputStream()) {
                byte[] body = in.readNBytes(EwsStreamReader.MAX_ENVELOPE);
                Element envelope = EwsStreamReader.hardened().newDocumentBuilder().parse(new ByteArrayInputStream(
                        body)).getDocumentElement();
                Element fault = EwsStreamReader.descendant(envelope, "Fault");
                if (fault != null) {
                    return fault(fault);
                }
            } catch (Exception e) {
                LOG.fine(() -> "EWS answered 500 without a SOAP fault: " + e.getClass().getName());
            }
        }
        return http(status);
    }

    /** A SOAP fault's response code, message and back-off in our terms. */
    static EwsException fault(Element fault) {
        String code = EwsStreamReader.text(EwsStreamReader.descendant(fault, "ResponseCode"));
        if (code == null) {
            return new EwsException(EwsException.Outcome.REFUSED, null, "Exchange did not answer as EWS does "
                    + "(a SOAP fault without a response code)");
        }
        Element message = EwsStreamReader.descendant(fault, "Message");
        Duration backOff = null;
        NodeList values = fault.getElementsByTagNameNS("*", "Value");
        for (int i = 0; i < values.getLength(); i++) {
            Element value = (Element) values.item(i);
            if ("BackOffMilliseconds".equals(value.getAttribute("Name"))) {
                backOff = millis(value.getTextContent());
            }
        }
        return refused(code, EwsStreamReader.text(message != null ? message
                : EwsStreamReader.descendant(fault, "faultstring")), backOff);
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
            } else if (credentials instanceof EwsCredentials.MicrosoftSignIn) {
                // A caller's mistake, not Exchange's refusal: the stored sign-in is swapped for a token first.
                throw new IllegalStateException("An EWS call needs the mailbox's access token, not its stored sign-in");
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
        return refused(error == null ? "Error" : error.name(), refused.getMessage(),
                error == ServiceError.ErrorServerBusy ? backOff(refused) : null);
    }

    /** EWS's response code and message (its first line) in our terms; the library's or one read here (MP-11). */
    static EwsException refused(String code, String text, Duration backOff) {
        String message = Objects.requireNonNullElse(text, "").lines().findFirst().orElse("").strip();
        String reason = "Exchange: " + code + (message.isEmpty() ? "" : ": " + message);
        LOG.fine(() -> "EWS answered " + code);
        ServiceError error = Arrays.stream(ServiceError.values()).filter(e -> e.name().equals(code)).findFirst()
                .orElse(null);
        if (error == ServiceError.ErrorInvalidSyncStateData) {
            return new EwsException(EwsException.Outcome.SYNC_STATE_INVALID, code, reason);
        }
        if (error == ServiceError.ErrorServerBusy) {
            return new EwsException(EwsException.Outcome.THROTTLED, code, reason, backOff);
        }
        if (GONE.contains(error)) {
            return new EwsException(EwsException.Outcome.SUBSCRIPTION_GONE, code, reason);
        }
        return new EwsException(TRANSIENT.contains(error) ? EwsException.Outcome.UNAVAILABLE
                : EwsException.Outcome.REFUSED, code, reason);
    }

    /** The {@code BackOffMilliseconds} Exchange named in the error's {@code MessageXml}, or null. */
    private static Duration backOff(ServiceResponseException busy) {
        Map<String, String> details = busy.getResponse() == null ? null : busy.getResponse().getErrorDetails();
        return millis(details == null ? null : details.get("BackOffMilliseconds"));
    }

    private static Duration millis(String value) {
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

    /** A listener's exception on its way out of {@link #listen}, past the mapping of Exchange's failures. */
    private static final class ListenerFailure extends RuntimeException {

        @Serial
        private static final long serialVersionUID = 1L;
        private final RuntimeException failure;

        ListenerFailure(RuntimeException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
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
