package org.switchboard.core.exchange;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A stateful Exchange Server EWS endpoint in one in-process HTTP server (issue 20's "stateful fakes"), answering
 * {@code POST /EWS/Exchange.asmx} in SOAP 1.1 with bodies shaped after Microsoft's EWS reference. It holds mailboxes
 * with their well-known folders (Inbox, Sent Items, Drafts, Deleted Items, Junk Email, Outbox, and a Calendar that a
 * mail client must leave out), user folders and messages (MIME, Message-ID, received time, read flag).
 * {@code SyncFolderHierarchy} and {@code SyncFolderItems} keep real sync states: an empty state gives everything, a
 * state then only what was created, changed or deleted since, in pages of {@code MaxChangesReturned} with
 * {@code IncludesLastItemInRange} false while more remain; a state stays usable until the test invalidates it
 * ({@code ErrorInvalidSyncStateData}). {@code GetFolder} answers well-known folder ids, {@code GetItem} the base64
 * {@code MimeContent}, and {@code CreateItem} with {@code SendAndSaveCopy} keeps the MIME in the mailbox's Sent Items
 * and records it. Sign-in as IIS does it: Basic passwords, NTLMv2 (a real challenge and response, checked against
 * the password) and bearer tokens the test registers; anything else is 401 with the {@code WWW-Authenticate}
 * challenges. A user reaches another's mailbox only when the test granted it ({@code ErrorAccessDenied} otherwise).
 * The next calls can be answered {@code ErrorServerBusy} with a {@code BackOffMilliseconds}. {@code FindItem} finds a
 * folder's messages by {@code InternetMessageId} (MB-03). MP-11's streaming notifications: {@code Subscribe} with a
 * {@code StreamingSubscriptionRequest} keeps the folders of one mailbox, and {@code GetStreamingEvents} holds its
 * response open (chunked) and writes one envelope after another, flushed: the notification of every message added,
 * changed, marked read or deleted in a subscribed folder (events that came while nobody listened first), a heartbeat
 * ({@code ConnectionStatus OK}) every {@link #heartbeat}, and {@code ConnectionStatus Closed} after the connection
 * timeout, whose minutes last {@link #streamingMinute} each. A dropped subscription is then
 * {@code ErrorSubscriptionNotFound}, as after an Exchange restart.
 * Public, so the integration tests can run it too (the EJB module's test jar).
 */
public final class EwsFake implements AutoCloseable {

    static {
        // The JDK's HTTP server writes a response's headers and body apart; with Nagle's algorithm on, the body
        // waited for the client's delayed ACK: 40 ms a request (measured: 45 ms a MIME download, 1.2 ms without).
        // Read once, when the first server of the JVM starts: the test JVMs set it at their start too (pom.xml).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String PATH = "/EWS/Exchange.asmx";
    /** What {@code operation} answers for a stream it opened: this and the listener's key. */
    private static final String STREAM = "stream:";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String MESSAGES = "http://schemas.microsoft.com/exchange/services/2006/messages";
    private static final String TYPES = "http://schemas.microsoft.com/exchange/services/2006/types";
    private static final Instant RECEIVED_BASE = Instant.parse("2026-05-04T08:00:00Z");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");
    /** The well-known folders every mailbox has: distinguished id, display name, folder element and class. */
    private static final List<String[]> WELL_KNOWN = List.of(new String[] {"inbox", "Inbox", "Folder", "IPF.Note"},
            new String[] {"drafts", "Drafts", "Folder", "IPF.Note"},
            new String[] {"sentitems", "Sent Items", "Folder", "IPF.Note"},
            new String[] {"deleteditems", "Deleted Items", "Folder", "IPF.Note"},
            new String[] {"junkemail", "Junk Email", "Folder", "IPF.Note"},
            new String[] {"outbox", "Outbox", "Folder", "IPF.Note"},
            new String[] {"calendar", "Calendar", "CalendarFolder", "IPF.Appointment"});
    private static final String NTLM_DOMAIN = "CONTOSO";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final Map<String, Mailbox> mailboxes = new HashMap<>();
    private final Map<String, Mailbox> owners = new HashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String[]> ntlmUsers = new HashMap<>();
    private final Map<String, byte[]> ntlmChallenges = new HashMap<>();
    private final Map<String, String> ntlmConnections = new HashMap<>();
    private final Set<String> grants = new HashSet<>();
    private final List<String> requests = new ArrayList<>();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<String, Listener> listeners = new HashMap<>();
    private Function<String, String> issuer;
    private int busy;
    private long busyBackOff;
    private Duration streamingMinute = Duration.ofMinutes(1);
    private Duration heartbeat = Duration.ofSeconds(30);
    private boolean closed;

    public EwsFake() throws IOException {
        this(0);
    }

    /** On that port of localhost (0: any free one), for the integration tests' servers configured with it. */
    public EwsFake(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The EWS endpoint, {@code http://localhost:port/EWS/Exchange.asmx}. */
    public URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + PATH);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            listeners.values().forEach(listener -> listener.queue.add(Listener.END));
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- state the tests set up and read

    /** A mailbox with the well-known folders; returns its Inbox's id. */
    public synchronized String mailbox(String address) {
        Mailbox mailbox = new Mailbox(key(address));
        mailboxes.put(mailbox.address, mailbox);
        mailbox.root = newFolder(mailbox, null, "Top of Information Store", "Folder", "IPF.Note", "msgfolderroot");
        for (String[] folder : WELL_KNOWN) {
            newFolder(mailbox, mailbox.root.id, folder[1], folder[2], folder[3], folder[0]);
        }
        return folderId(address, "inbox");
    }

    /** The id of a well-known folder ({@code inbox}, {@code sentitems}, {@code calendar} …). */
    public synchronized String folderId(String address, String wellKnownName) {
        return box(address).folders.values().stream().filter(f -> wellKnownName.equals(f.wellKnown)).findFirst()
                .orElseThrow().id;
    }

    /** A mail folder the user made under {@code parentId} (null: at the top of the information store). */
    public synchronized String folder(String address, String parentId, String displayName) {
        Mailbox mailbox = box(address);
        return newFolder(mailbox, parentId == null ? mailbox.root.id : parentId, displayName, "Folder", "IPF.Note",
                null).id;
    }

    /** The folder gets another name: the next hierarchy sync reports it updated. */
    public synchronized void renameFolder(String address, String folderId, String displayName) {
        Mailbox mailbox = box(address);
        FakeFolder folder = mailbox.folders.get(folderId);
        folder.displayName = displayName;
        folder.updated = ++mailbox.seq;
    }

    /** The folder is deleted: the next hierarchy sync reports it. */
    public synchronized void deleteFolder(String address, String folderId) {
        Mailbox mailbox = box(address);
        mailbox.folders.get(folderId).deleted = ++mailbox.seq;
    }

    /** A new unread message in the folder, from its MIME source (its Message-ID header becomes InternetMessageId). */
    public synchronized String add(String address, String folderId, byte[] mime) {
        Mailbox mailbox = box(address);
        String id = "AAMkAGI2" + base64(("item" + ids.incrementAndGet()).getBytes(StandardCharsets.US_ASCII)) + "AAA=";
        Matcher messageId = MESSAGE_ID.matcher(new String(mime, 0, Math.min(mime.length, 8192),
                StandardCharsets.ISO_8859_1));
        FakeMessage message = new FakeMessage(id, folderId, messageId.find() ? messageId.group(1) : null,
                RECEIVED_BASE.plus(mailbox.messages.size(), ChronoUnit.MINUTES), mime.clone());
        message.created = ++mailbox.seq;
        mailbox.messages.put(id, message);
        owners.put(id, mailbox);
        FakeFolder folder = mailbox.folders.get(folderId);
        notify(mailbox, folderId, itemEvent("CreatedEvent", message)
                + ("sentitems".equals(folder.wellKnown) ? "" : itemEvent("NewMailEvent", message))
                + "<t:ModifiedEvent>" + timeStamp() + "<t:FolderId Id=\"" + folderId + "\" ChangeKey=\""
                + changeKey(last(folder)) + "\"/><t:ParentFolderId Id=\"" + folder.parentId + "\" ChangeKey=\""
                + "AQAAAA==\"/><t:UnreadCount>" + mailbox.messages.values().stream().filter(m -> m.deleted == 0
                        && !m.read && m.folderId.equals(folderId)).count() + "</t:UnreadCount></t:ModifiedEvent>");
        return id;
    }

    /** A change to a message other than its read flag (flagged, categorised): the next sync reports it updated. */
    public synchronized void change(String address, String itemId) {
        Mailbox mailbox = box(address);
        FakeMessage message = mailbox.messages.get(itemId);
        message.updated = ++mailbox.seq;
        notify(mailbox, message.folderId, itemEvent("ModifiedEvent", message));
    }

    /** The message is marked read or unread: the next sync reports a {@code ReadFlagChange}. */
    public synchronized void markRead(String address, String itemId, boolean read) {
        Mailbox mailbox = box(address);
        FakeMessage message = mailbox.messages.get(itemId);
        message.read = read;
        message.readChanged = ++mailbox.seq;
        notify(mailbox, message.folderId, itemEvent("ModifiedEvent", message));
    }

    /** The message is deleted: the next sync reports it (when the client had seen it). */
    public synchronized void delete(String address, String itemId) {
        Mailbox mailbox = box(address);
        FakeMessage message = mailbox.messages.get(itemId);
        message.deleted = ++mailbox.seq;
        notify(mailbox, message.folderId, itemEvent("DeletedEvent", message));
    }

    /** Every sync state of the mailbox given so far is refused from now on: {@code ErrorInvalidSyncStateData}. */
    public synchronized void invalidateSyncStates(String address) {
        box(address).states.clear();
    }

    /** Basic sign-in as {@code login} with {@code password} opens {@code address}'s mailbox. */
    public synchronized void password(String address, String login, String password) {
        passwords.put(login.toLowerCase(Locale.ROOT), password + "\n" + key(address));
    }

    /** NTLM sign-in as {@code CONTOSO\\user} with {@code password} opens {@code address}'s mailbox. */
    public synchronized void ntlmUser(String address, String user, String password) {
        ntlmUsers.put(user.toLowerCase(Locale.ROOT), new String[] {password, key(address)});
    }

    /** The domain NTLM users belong to. */
    public String ntlmDomain() {
        return NTLM_DOMAIN;
    }

    /** {@code Authorization: Bearer token} opens {@code address}'s mailbox (until {@link #revokeToken}). */
    public synchronized void acceptToken(String token, String address) {
        tokens.put(token, key(address));
    }

    /**
     * Bearer tokens that an identity provider issued (hybrid modern authentication): {@code issuer} names the address
     * a token signs in, or null for a token it did not issue or not for this server.
     */
    public synchronized void trustTokens(Function<String, String> issuer) {
        this.issuer = issuer;
    }

    public synchronized void revokeToken(String token) {
        tokens.remove(token);
    }

    /** {@code delegate} gets full access to {@code owner}'s mailbox (a shared mailbox reached with their sign-in). */
    public synchronized void grant(String owner, String delegate) {
        grants.add(key(owner) + " " + key(delegate));
    }

    /** The next {@code calls} signed-in calls are answered {@code ErrorServerBusy} with this back-off. */
    public synchronized void busyNext(int calls, long backOffMillis) {
        busy = calls;
        busyBackOff = backOffMillis;
    }

    /** The MIME of every message the mailbox sent, in order. */
    public synchronized List<byte[]> sent(String address) {
        return List.copyOf(box(address).sent);
    }

    /** How many messages the folder holds now. */
    public synchronized long count(String address, String folderId) {
        return box(address).messages.values().stream().filter(m -> m.deleted == 0 && m.folderId.equals(folderId))
                .count();
    }

    /** MP-11: how long one minute of {@code ConnectionTimeout} lasts here (tests shorten it to see the end). */
    public synchronized void streamingMinute(Duration minute) {
        streamingMinute = minute;
    }

    /** MP-11: how often an open stream without events says {@code ConnectionStatus OK} (Exchange: ~30 s). */
    public synchronized void heartbeat(Duration interval) {
        heartbeat = interval;
    }

    /**
     * MP-11: Exchange forgets the mailbox's subscriptions, as after a restart: a later {@code GetStreamingEvents} of
     * them is {@code ErrorSubscriptionNotFound}. Streams open now stay open.
     */
    public synchronized void dropSubscriptions(String address) {
        subscriptions.values().removeIf(subscription -> subscription.mailbox.address.equals(key(address)));
    }

    /** MP-11: the {@code GetStreamingEvents} connections open now for the mailbox. */
    public synchronized int listening(String address) {
        return (int) listeners.values().stream().filter(listener -> listener.mailbox.address.equals(key(address)))
                .count();
    }

    /** MP-11: the heartbeats written so far, on every stream. */
    public int heartbeats() {
        return heartbeats.get();
    }

    /** MP-11: the mailbox's streaming subscriptions Exchange knows now. */
    public synchronized int subscriptions(String address) {
        return (int) subscriptions.values().stream().filter(s -> s.mailbox.address.equals(key(address))).count();
    }

    /** Every signed-in SOAP request's body so far, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    // ---- HTTP and sign-in

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!"POST".equals(exchange.getRequestMethod()) || !PATH.equalsIgnoreCase(exchange.getRequestURI()
                    .getPath())) {
                send(exchange, 404, "text/html", "<html><body>The resource cannot be found.</body></html>");
                return;
            }
            String user = signIn(exchange);
            if (user == null) {
                return;
            }
            String answer;
            int status = 200;
            Listener listener = null;
            synchronized (this) {
                requests.add(new String(body, StandardCharsets.UTF_8));
                if (busy > 0) {
                    busy--;
                    status = 500;
                    answer = serverBusy(busyBackOff);
                } else {
                    answer = operation(user, body);
                    status = answer.contains("<s:Fault>") ? 500 : 200;
                    listener = answer.startsWith(STREAM) ? listeners.get(answer.substring(STREAM.length())) : null;
                }
            }
            if (listener != null) {
                stream(exchange, listener);
                return;
            }
            send(exchange, status, "text/xml; charset=utf-8", answer);
        }
    }

    /**
     * The signed-in user's mailbox address, or null after answering 401 with IIS's challenges. NTLM authenticates the
     * connection: the challenge is kept for it, and once the response checks out its next requests are signed in.
     */
    private String signIn(HttpExchange exchange) throws IOException {
        String connection = exchange.getRemoteAddress().toString();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        synchronized (this) {
            if (authorization == null) {
                String user = ntlmConnections.get(connection);
                if (user != null) {
                    return user;
                }
            } else if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String token = authorization.substring(7).strip();
                String user = tokens.containsKey(token) || issuer == null ? tokens.get(token) : issuer.apply(token);
                if (user != null) {
                    return user;
                }
            } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                String user = basic(authorization.substring(6).strip());
                if (user != null) {
                    return user;
                }
            } else if (authorization.regionMatches(true, 0, "NTLM ", 0, 5)) {
                byte[] message = Base64.getDecoder().decode(authorization.substring(5).strip());
                int type = message.length >= 12 ? le(message).getInt(8) : 0;
                if (type == 1) {
                    byte[] challenge = new byte[8];
                    random.nextBytes(challenge);
                    ntlmChallenges.put(connection, challenge);
                    exchange.getResponseHeaders().add("WWW-Authenticate", "NTLM " + base64(type2(challenge)));
                    send(exchange, 401, "text/html", unauthorized());
                    return null;
                }
                byte[] challenge = ntlmChallenges.remove(connection);
                String user = type == 3 && challenge != null ? ntlm(message, challenge) : null;
                if (user != null) {
                    ntlmConnections.put(connection, user);
                    return user;
                }
            }
        }
        exchange.getResponseHeaders().add("WWW-Authenticate", "Negotiate");
        exchange.getResponseHeaders().add("WWW-Authenticate", "NTLM");
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"localhost\"");
        send(exchange, 401, "text/html", unauthorized());
        return null;
    }

    private static String unauthorized() {
        return "<!DOCTYPE html><html><head><title>401 - Unauthorized: Access is denied due to invalid credentials."
                + "</title></head><body><h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>"
                + "</body></html>";
    }

    private String basic(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = pair.indexOf(':');
        String known = colon < 0 ? null : passwords.get(pair.substring(0, colon).toLowerCase(Locale.ROOT));
        if (known == null) {
            return null;
        }
        String[] parts = known.split("\n", 2);
        return MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.UTF_8), pair.substring(colon + 1)
                .getBytes(StandardCharsets.UTF_8)) ? parts[1] : null;
    }

    /** NTLM's CHALLENGE_MESSAGE (MS-NLMP 2.2.1.2): Unicode, NTLM, the domain as target and its target info. */
    private static byte[] type2(byte[] challenge) {
        byte[] target = NTLM_DOMAIN.getBytes(StandardCharsets.UTF_16LE);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        avPair(info, 2, NTLM_DOMAIN);
        avPair(info, 1, "EXCH01");
        avPair(info, 4, "contoso.com");
        avPair(info, 3, "exch01.contoso.com");
        info.writeBytes(new byte[4]);
        byte[] targetInfo = info.toByteArray();
        // UNICODE | REQUEST_TARGET | NTLM | ALWAYS_SIGN | TARGET_TYPE_DOMAIN | EXTENDED_SESSIONSECURITY | TARGET_INFO
        int flags = 0x1 | 0x4 | 0x200 | 0x8000 | 0x10000 | 0x80000 | 0x800000;
        ByteBuffer message = le(ByteBuffer.allocate(48 + target.length + targetInfo.length));
        message.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(2);
        message.putShort((short) target.length).putShort((short) target.length).putInt(48);
        message.putInt(flags).put(challenge).put(new byte[8]);
        message.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(48 + target.length);
        message.put(target).put(targetInfo);
        return message.array();
    }

    private static void avPair(ByteArrayOutputStream out, int id, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_16LE);
        out.writeBytes(le(ByteBuffer.allocate(4)).putShort((short) id).putShort((short) bytes.length).array());
        out.writeBytes(bytes);
    }

    /**
     * Checks an AUTHENTICATE_MESSAGE's NTLMv2 response (MS-NLMP 3.3.2): NTProofStr = HMAC-MD5(NTOWFv2, server
     * challenge + the client's blob), where NTOWFv2 = HMAC-MD5(MD4(password), upper(user) + domain). NTLMv1 and
     * anonymous sign-ins are refused.
     */
    private String ntlm(byte[] message, byte[] challenge) {
        ByteBuffer buffer = le(message);
        byte[] ntResponse = field(message, buffer, 20);
        String domain = new String(field(message, buffer, 28), StandardCharsets.UTF_16LE);
        String user = new String(field(message, buffer, 36), StandardCharsets.UTF_16LE);
        String[] known = ntlmUsers.get(user.toLowerCase(Locale.ROOT));
        if (known == null || ntResponse.length <= 24 || !NTLM_DOMAIN.equalsIgnoreCase(domain)) {
            return null;
        }
        try {
            byte[] ntowf = hmacMd5(md4(known[0].getBytes(StandardCharsets.UTF_16LE)),
                    (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.writeBytes(challenge);
            signed.write(ntResponse, 16, ntResponse.length - 16);
            byte[] proof = hmacMd5(ntowf, signed.toByteArray());
            byte[] sent = new byte[16];
            System.arraycopy(ntResponse, 0, sent, 0, 16);
            return MessageDigest.isEqual(proof, sent) ? known[1] : null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] field(byte[] message, ByteBuffer buffer, int at) {
        int length = Short.toUnsignedInt(buffer.getShort(at));
        int offset = buffer.getInt(at + 4);
        byte[] value = new byte[length];
        System.arraycopy(message, offset, value, 0, length);
        return value;
    }

    private static byte[] hmacMd5(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(data);
    }

    /** MD4 (RFC 1320), which NTLM hashes passwords with and the JDK does not offer. */
    static byte[] md4(byte[] input) {
        int bits = input.length * 8;
        int padded = ((input.length + 8) / 64 + 1) * 64;
        ByteBuffer data = le(ByteBuffer.allocate(padded));
        data.put(input).put((byte) 0x80);
        data.putLong(padded - 8, bits);
        int[] h = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
        int[] r1 = {3, 7, 11, 19};
        int[] r2 = {3, 5, 9, 13};
        int[] r3 = {3, 9, 11, 15};
        int[] order3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
        for (int block = 0; block < padded; block += 64) {
            int[] x = new int[16];
            for (int i = 0; i < 16; i++) {
                x[i] = data.getInt(block + 4 * i);
            }
            int a = h[0];
            int b = h[1];
            int c = h[2];
            int d = h[3];
            for (int i = 0; i < 48; i++) {
                int f;
                int k;
                int s;
                int add;
                if (i < 16) {
                    f = (b & c) | (~b & d);
                    k = i;
                    s = r1[i % 4];
                    add = 0;
                } else if (i < 32) {
                    f = (b & c) | (b & d) | (c & d);
                    k = (i % 4) * 4 + (i - 16) / 4;
                    s = r2[i % 4];
                    add = 0x5a827999;
                } else {
                    f = b ^ c ^ d;
                    k = order3[i - 32];
                    s = r3[i % 4];
                    add = 0x6ed9eba1;
                }
                int rotated = Integer.rotateLeft(a + f + x[k] + add, s);
                a = d;
                d = c;
                c = b;
                b = rotated;
            }
            h[0] += a;
            h[1] += b;
            h[2] += c;
            h[3] += d;
        }
        ByteBuffer digest = le(ByteBuffer.allocate(16));
        for (int word : h) {
            digest.putInt(word);
        }
        return digest.array();
    }

    private static ByteBuffer le(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer le(ByteBuffer buffer) {
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    // ---- EWS operations

    private String operation(String user, byte[] body) {
        Element operation;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element envelope = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
            Element soapBody = first(envelope, SOAP, "Body");
            operation = soapBody == null ? null : firstChild(soapBody);
        } catch (Exception e) {
            operation = null;
        }
        if (operation == null || !MESSAGES.equals(operation.getNamespaceURI())) {
            return fault("a:ErrorSchemaValidation", "The request failed schema validation.", "ErrorSchemaValidation");
        }
        return switch (operation.getLocalName()) {
            case "SyncFolderHierarchy" -> syncFolderHierarchy(user, operation);
            case "SyncFolderItems" -> syncFolderItems(user, operation);
            case "GetFolder" -> getFolder(user, operation);
            case "GetItem" -> getItem(user, operation);
            case "CreateItem" -> createItem(user, operation);
            case "FindItem" -> findItem(user, operation);
            case "Subscribe" -> subscribe(user, operation);
            case "GetStreamingEvents" -> getStreamingEvents(user, operation);
            default -> fault("a:ErrorInvalidRequest", "The request is invalid.", "ErrorInvalidRequest");
        };
    }

    private String syncFolderHierarchy(String user, Element request) {
        String name = "SyncFolderHierarchy";
        Element syncFolder = first(request, MESSAGES, "SyncFolderId");
        Target target = syncFolder == null ? new Target(mailboxes.get(user), mailboxes.get(user).root, null)
                : folderTarget(user, syncFolder);
        if (target.error() != null) {
            return response(name, target.error());
        }
        Mailbox mailbox = target.mailbox();
        State state = state(mailbox, text(request, MESSAGES, "SyncState"), "hierarchy");
        if (state == null) {
            return response(name, syncStateInvalid("IncludesLastFolderInRange"));
        }
        Set<String> fields = fields(request, "FolderShape");
        StringBuilder changes = new StringBuilder();
        List<FakeFolder> changed = mailbox.folders.values().stream().filter(f -> f != mailbox.root
                && under(mailbox, f, target.folder()) && last(f) > state.watermark() && (f.deleted == 0
                        || f.created <= state.watermark())).sorted(Comparator.comparingLong(EwsFake::last)).toList();
        for (FakeFolder folder : changed) {
            if (folder.deleted != 0) {
                changes.append("<t:Delete><t:FolderId Id=\"").append(folder.id).append("\" ChangeKey=\"")
                        .append(changeKey(last(folder))).append("\"/></t:Delete>");
            } else {
                String kind = folder.created > state.watermark() ? "Create" : "Update";
                changes.append("<t:").append(kind).append('>').append(folderXml(mailbox, folder, fields))
                        .append("</t:").append(kind).append('>');
            }
        }
        String syncState = newState(mailbox, "hierarchy", mailbox.seq);
        return response(name, success("<m:SyncState>" + syncState + "</m:SyncState>"
                + "<m:IncludesLastFolderInRange>true</m:IncludesLastFolderInRange><m:Changes>" + changes
                + "</m:Changes>"));
    }

    private String syncFolderItems(String user, Element request) {
        String name = "SyncFolderItems";
        Target target = folderTarget(user, first(request, MESSAGES, "SyncFolderId"));
        if (target.error() != null) {
            return response(name, target.error());
        }
        Mailbox mailbox = target.mailbox();
        String folderId = target.folder().id;
        State state = state(mailbox, text(request, MESSAGES, "SyncState"), folderId);
        if (state == null) {
            return response(name, syncStateInvalid("IncludesLastItemInRange"));
        }
        int max = Integer.parseInt(text(request, MESSAGES, "MaxChangesReturned").strip());
        long watermark = state.watermark();
        Set<String> fields = fields(request, "ItemShape");
        List<FakeMessage> changed = mailbox.messages.values().stream().filter(m -> m.folderId.equals(folderId)
                && last(m) > watermark && (m.deleted == 0 || m.created <= watermark))
                .sorted(Comparator.comparingLong(EwsFake::last)).toList();
        List<FakeMessage> page = changed.subList(0, Math.min(max, changed.size()));
        boolean more = changed.size() > page.size();
        StringBuilder changes = new StringBuilder();
        for (FakeMessage message : page) {
            String itemId = "<t:ItemId Id=\"" + message.id + "\" ChangeKey=\"" + changeKey(last(message)) + "\"/>";
            if (message.deleted != 0) {
                changes.append("<t:Delete>").append(itemId).append("</t:Delete>");
            } else if (message.created > watermark || message.updated > watermark) {
                String kind = message.created > watermark ? "Create" : "Update";
                changes.append("<t:").append(kind).append('>').append(messageXml(message, fields, false))
                        .append("</t:").append(kind).append('>');
            } else {
                changes.append("<t:ReadFlagChange>").append(itemId).append("<t:IsRead>").append(message.read)
                        .append("</t:IsRead></t:ReadFlagChange>");
            }
        }
        String syncState = newState(mailbox, folderId, more ? last(page.get(page.size() - 1)) : mailbox.seq);
        return response(name, success("<m:SyncState>" + syncState + "</m:SyncState><m:IncludesLastItemInRange>"
                + !more + "</m:IncludesLastItemInRange><m:Changes>" + changes + "</m:Changes>"));
    }

    private String getFolder(String user, Element request) {
        Set<String> fields = fields(request, "FolderShape");
        StringBuilder messages = new StringBuilder();
        for (Element id : children(first(request, MESSAGES, "FolderIds"))) {
            Target target = folderTarget(user, id);
            messages.append(message("GetFolder", target.error() != null ? target.error()
                    : success("<m:Folders>" + folderXml(target.mailbox(), target.folder(), fields)
                            + "</m:Folders>")));
        }
        return responses("GetFolder", messages.toString());
    }

    private String getItem(String user, Element request) {
        Set<String> fields = fields(request, "ItemShape");
        boolean mime = fields.contains("item:MimeContent") || "true".equals(text(request, TYPES,
                "IncludeMimeContent"));
        StringBuilder messages = new StringBuilder();
        for (Element id : children(first(request, MESSAGES, "ItemIds"))) {
            Mailbox mailbox = owners.get(id.getAttribute("Id"));
            FakeMessage message = mailbox == null ? null : mailbox.messages.get(id.getAttribute("Id"));
            String error = message == null || message.deleted != 0 ? error("ErrorItemNotFound",
                    "The specified object was not found in the store., The process failed to get the correct "
                            + "properties.") : access(user, mailbox);
            messages.append(message("GetItem", error != null ? error
                    : success("<m:Items>" + messageXml(message, fields, mime) + "</m:Items>")));
        }
        return responses("GetItem", messages.toString());
    }

    /** Only {@code SendAndSaveCopy}: the MIME is sent, kept in the Sent Items it names and recorded. */
    private String createItem(String user, Element request) {
        String name = "CreateItem";
        if (!"SendAndSaveCopy".equals(request.getAttribute("MessageDisposition"))) {
            return response(name, error("ErrorInvalidOperation", "This fake sends only with SendAndSaveCopy."));
        }
        Element saved = first(request, MESSAGES, "SavedItemFolderId");
        Target target = saved == null ? new Target(mailboxes.get(user), null, null) : folderTarget(user, saved);
        if (target.error() != null) {
            return response(name, target.error());
        }
        byte[] mime;
        try {
            mime = Base64.getMimeDecoder().decode(text(request, TYPES, "MimeContent"));
        } catch (IllegalArgumentException | NullPointerException e) {
            mime = new byte[0];
        }
        if (mime.length == 0) {
            return response(name, error("ErrorMimeContentInvalidBase64String", "Invalid base64 string for MIME "
                    + "content."));
        }
        Mailbox mailbox = target.mailbox();
        mailbox.sent.add(mime);
        FakeFolder sentItems = target.folder() != null ? target.folder()
                : mailbox.folders.values().stream().filter(f -> "sentitems".equals(f.wellKnown)).findFirst()
                        .orElseThrow();
        String id = add(mailbox.address, sentItems.id, mime);
        markRead(mailbox.address, id, true);
        return response(name, success("<m:Items/>"));
    }

    /**
     * MB-03: only {@code IsEqualTo} on {@code message:InternetMessageId} in one folder, the page that
     * {@code IndexedPageItemView} asks for; the ids and what the shape asks of the fields this fake knows.
     */
    private String findItem(String user, Element request) {
        String name = "FindItem";
        Target target = folderTarget(user, firstChild(first(request, MESSAGES, "ParentFolderIds")));
        if (target.error() != null) {
            return response(name, target.error());
        }
        Element equal = first(request, TYPES, "IsEqualTo");
        Element field = equal == null ? null : first(equal, TYPES, "FieldURI");
        Element constant = equal == null ? null : first(equal, TYPES, "Constant");
        if (field == null || constant == null || !"message:InternetMessageId".equals(field.getAttribute("FieldURI"))) {
            return response(name, error("ErrorUnsupportedQueryFilter", "This fake finds by InternetMessageId only."));
        }
        Element view = first(request, MESSAGES, "IndexedPageItemView");
        int max = view == null || view.getAttribute("MaxEntriesReturned").isEmpty() ? Integer.MAX_VALUE
                : Integer.parseInt(view.getAttribute("MaxEntriesReturned"));
        String folderId = target.folder().id;
        List<FakeMessage> found = target.mailbox().messages.values().stream().filter(m -> m.deleted == 0
                && m.folderId.equals(folderId) && constant.getAttribute("Value").equals(m.internetMessageId))
                .toList();
        List<FakeMessage> page = found.subList(0, Math.min(max, found.size()));
        Set<String> fields = fields(request, "ItemShape");
        StringBuilder items = new StringBuilder();
        page.forEach(message -> items.append(messageXml(message, fields, false)));
        return response(name, success("<m:RootFolder IndexedPagingOffset=\"" + page.size() + "\" TotalItemsInView=\""
                + found.size() + "\" IncludesLastItemInRange=\"" + (page.size() == found.size()) + "\"><t:Items>"
                + items + "</t:Items></m:RootFolder>"));
    }

    /** MP-11: a streaming subscription to folders of one mailbox the user may open; its id is Exchange-like. */
    private String subscribe(String user, Element request) {
        String name = "Subscribe";
        Element streaming = first(request, MESSAGES, "StreamingSubscriptionRequest");
        if (streaming == null) {
            return response(name, error("ErrorInvalidSubscriptionRequest", "This fake has streaming subscriptions "
                    + "only."));
        }
        Mailbox mailbox = null;
        Set<String> folders = new HashSet<>();
        for (Element id : children(first(streaming, TYPES, "FolderIds"))) {
            Target target = folderTarget(user, id);
            if (target.error() != null) {
                return response(name, target.error());
            }
            if (mailbox != null && mailbox != target.mailbox()) {
                return response(name, error("ErrorInvalidSubscriptionRequest", "All folders of a subscription "
                        + "must be in one mailbox."));
            }
            mailbox = target.mailbox();
            folders.add(target.folder().id);
        }
        if (mailbox == null) {
            return response(name, error("ErrorInvalidSubscriptionRequest", "The subscription request is invalid."));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = "JgBleGNoMDEuY29udG9zby5jb20Q" + base64(bytes);
        subscriptions.put(id, new Subscription(id, mailbox, user, folders));
        return response(name, success("<m:SubscriptionId>" + id + "</m:SubscriptionId>"));
    }

    /**
     * MP-11: an error answered at once (a subscription not known or not the user's), or a listener for the stream
     * that {@link #stream} then writes, outside this fake's monitor.
     */
    private String getStreamingEvents(String user, Element request) {
        String name = "GetStreamingEvents";
        List<Subscription> wanted = new ArrayList<>();
        NodeList named = request.getElementsByTagNameNS("*", "SubscriptionId");
        for (int i = 0; i < named.getLength(); i++) {
            String id = named.item(i).getTextContent().strip();
            Subscription subscription = subscriptions.get(id);
            if (subscription == null || !subscription.user.equals(user)) {
                return response(name, error(subscription == null ? "ErrorSubscriptionNotFound"
                        : "ErrorSubscriptionAccessDenied", subscription == null ? "The subscription was not found."
                                : "You aren't allowed to access this subscription.") + "<m:ErrorSubscriptionIds>"
                        + "<m:SubscriptionId>" + escape(id) + "</m:SubscriptionId></m:ErrorSubscriptionIds>"
                        + "<m:ConnectionStatus>Closed</m:ConnectionStatus>");
            }
            wanted.add(subscription);
        }
        String timeout = text(request, MESSAGES, "ConnectionTimeout");
        int minutes = timeout == null ? 0 : Integer.parseInt(timeout.strip());
        if (wanted.isEmpty() || minutes < 1 || minutes > 30) {
            return response(name, error("ErrorInvalidRequest", "The request is invalid."));
        }
        Listener listener = new Listener("listener" + ids.incrementAndGet(), wanted.get(0).mailbox,
                streamingMinute.multipliedBy(minutes), heartbeat);
        for (Subscription subscription : wanted) {
            subscription.listener = listener;
            listener.queue.addAll(subscription.pending);
            subscription.pending.clear();
        }
        listeners.put(listener.key, listener);
        return STREAM + listener.key;
    }

    /**
     * MP-11: the stream of one {@code GetStreamingEvents}, written in the handler's own thread without this fake's
     * monitor (mutators only add to the listener's queue): notifications as they come, heartbeats between, the
     * {@code Closed} status at the end. It ends early when the client goes (a write fails) or the fake closes.
     */
    private void stream(HttpExchange exchange, Listener listener) {
        try {
            exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
            exchange.getResponseHeaders().add("Server", "Microsoft-IIS/10.0");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            long end = System.nanoTime() + listener.timeout.toNanos();
            long beat = System.nanoTime() + listener.heartbeat.toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    // Detached first: what happens once the client has read Closed waits for its next listen.
                    detach(listener);
                    write(out, response("GetStreamingEvents", success("<m:ConnectionStatus>Closed"
                            + "</m:ConnectionStatus>")));
                    break;
                }
                if (now - beat >= 0) {
                    write(out, response("GetStreamingEvents", success("<m:ConnectionStatus>OK</m:ConnectionStatus>")));
                    heartbeats.incrementAndGet();
                    beat = now + listener.heartbeat.toNanos();
                    continue;
                }
                String notification = listener.queue.poll(Math.min(end - now, beat - now), TimeUnit.NANOSECONDS);
                if (notification == Listener.END) {
                    break;
                }
                if (notification != null) {
                    StringBuilder all = new StringBuilder(notification);
                    for (String more = listener.queue.poll(); more != null && more != Listener.END;
                            more = listener.queue.poll()) {
                        all.append(more);
                    }
                    write(out, response("GetStreamingEvents", success("<m:Notifications>" + all
                            + "</m:Notifications>")));
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client closed the connection (an abort) or the fake stopped: the stream ends.
        } finally {
            detach(listener);
        }
    }

    /** The stream no longer listens: its subscriptions keep what it did not write for the next one. */
    private synchronized void detach(Listener listener) {
        listeners.remove(listener.key);
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.listener == listener) {
                subscription.listener = null;
                listener.queue.stream().filter(n -> n != Listener.END && n.contains(">" + subscription.id + "<"))
                        .forEach(subscription.pending::add);
            }
        }
        listener.queue.clear();
    }

    private static void write(OutputStream out, String envelope) throws IOException {
        out.write(envelope.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** MP-11: the events go to every subscription of the folder, queued while nobody listens to it. */
    private void notify(Mailbox mailbox, String folderId, String events) {
        if (closed) {
            return;
        }
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.mailbox == mailbox && subscription.folderIds.contains(folderId)) {
                String notification = "<m:Notification><t:SubscriptionId>" + subscription.id + "</t:SubscriptionId>"
                        + events + "</m:Notification>";
                if (subscription.listener != null) {
                    subscription.listener.queue.add(notification);
                } else {
                    subscription.pending.add(notification);
                }
            }
        }
    }

    private static String itemEvent(String event, FakeMessage message) {
        return "<t:" + event + ">" + timeStamp() + "<t:ItemId Id=\"" + message.id + "\" ChangeKey=\""
                + changeKey(last(message)) + "\"/><t:ParentFolderId Id=\"" + message.folderId + "\" ChangeKey=\""
                + "AQAAAA==\"/></t:" + event + ">";
    }

    private static String timeStamp() {
        return "<t:TimeStamp>" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "</t:TimeStamp>";
    }

    /**
     * The mailbox and folder a {@code FolderId} or {@code DistinguishedFolderId} (with or without a {@code Mailbox})
     * names, or the error EWS answers: no such folder or mailbox, or no access to it.
     */
    private Target folderTarget(String user, Element holder) {
        Element id = holder == null ? null
                : "FolderId".equals(holder.getLocalName()) || "DistinguishedFolderId".equals(holder.getLocalName())
                        ? holder : firstChild(holder);
        if (id == null) {
            return new Target(null, null, error("ErrorInvalidRequest", "The request is invalid."));
        }
        Mailbox mailbox;
        FakeFolder folder;
        if ("DistinguishedFolderId".equals(id.getLocalName())) {
            String address = text(id, TYPES, "EmailAddress");
            mailbox = mailboxes.get(address == null ? user : key(address));
            if (mailbox == null) {
                return new Target(null, null, error("ErrorNonExistentMailbox", "The SMTP address has no mailbox "
                        + "associated with it."));
            }
            folder = mailbox.folders.values().stream().filter(f -> id.getAttribute("Id").equals(f.wellKnown))
                    .findFirst().orElse(null);
        } else {
            mailbox = owners.get(id.getAttribute("Id"));
            folder = mailbox == null ? null : mailbox.folders.get(id.getAttribute("Id"));
        }
        if (folder == null || folder.deleted != 0) {
            return new Target(null, null, error("ErrorFolderNotFound", "The specified folder could not be found in "
                    + "the store."));
        }
        String denied = access(user, mailbox);
        return denied != null ? new Target(null, null, denied) : new Target(mailbox, folder, null);
    }

    private String access(String user, Mailbox mailbox) {
        return user.equals(mailbox.address) || grants.contains(mailbox.address + " " + user) ? null
                : error("ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    /** The state a request names (a new one, at the start, for none), or null when the mailbox does not know it. */
    private static State state(Mailbox mailbox, String syncState, String scope) {
        if (syncState == null || syncState.isBlank()) {
            return new State(scope, -1);
        }
        State state = mailbox.states.get(syncState.strip());
        return state != null && state.scope().equals(scope) ? state : null;
    }

    private String newState(Mailbox mailbox, String scope, long watermark) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = "H4sIAAAAAAAEAO29" + base64(bytes);
        mailbox.states.put(token, new State(scope, watermark));
        return token;
    }

    private static String syncStateInvalid(String includesLast) {
        return error("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.")
                + "<m:SyncState/><m:" + includesLast + ">true</m:" + includesLast + ">";
    }

    /** Whether the folder is {@code top} or below it. */
    private static boolean under(Mailbox mailbox, FakeFolder folder, FakeFolder top) {
        for (FakeFolder at = folder; at != null; at = at.parentId == null ? null : mailbox.folders.get(at.parentId)) {
            if (at == top) {
                return true;
            }
        }
        return false;
    }

    private String folderXml(Mailbox mailbox, FakeFolder folder, Set<String> fields) {
        StringBuilder xml = new StringBuilder("<t:").append(folder.element).append("><t:FolderId Id=\"")
                .append(folder.id).append("\" ChangeKey=\"").append(changeKey(last(folder))).append("\"/>");
        boolean all = fields.contains("AllProperties") || fields.contains("Default");
        if ((all || fields.contains("folder:ParentFolderId")) && folder.parentId != null) {
            xml.append("<t:ParentFolderId Id=\"").append(folder.parentId).append("\" ChangeKey=\"AQAAAA==\"/>");
        }
        if (all || fields.contains("folder:FolderClass")) {
            xml.append("<t:FolderClass>").append(folder.folderClass).append("</t:FolderClass>");
        }
        if (all || fields.contains("folder:DisplayName")) {
            xml.append("<t:DisplayName>").append(escape(folder.displayName)).append("</t:DisplayName>");
        }
        if (all || fields.contains("folder:TotalCount")) {
            xml.append("<t:TotalCount>").append(count(mailbox.address, folder.id)).append("</t:TotalCount>");
        }
        if (all || fields.contains("folder:ChildFolderCount")) {
            xml.append("<t:ChildFolderCount>").append(mailbox.folders.values().stream().filter(f -> f.deleted == 0
                    && folder.id.equals(f.parentId)).count()).append("</t:ChildFolderCount>");
        }
        return xml.append("</t:").append(folder.element).append('>').toString();
    }

    private static String messageXml(FakeMessage message, Set<String> fields, boolean mime) {
        StringBuilder xml = new StringBuilder("<t:Message>");
        if (mime) {
            xml.append("<t:MimeContent CharacterSet=\"UTF-8\">").append(Base64.getEncoder().encodeToString(
                    message.mime)).append("</t:MimeContent>");
        }
        xml.append("<t:ItemId Id=\"").append(message.id).append("\" ChangeKey=\"").append(changeKey(last(message)))
                .append("\"/>");
        if (fields.contains("item:DateTimeReceived")) {
            xml.append("<t:DateTimeReceived>").append(message.received).append("</t:DateTimeReceived>");
        }
        if (fields.contains("message:InternetMessageId") && message.internetMessageId != null) {
            xml.append("<t:InternetMessageId>").append(escape(message.internetMessageId))
                    .append("</t:InternetMessageId>");
        }
        if (fields.contains("message:IsRead")) {
            xml.append("<t:IsRead>").append(message.read).append("</t:IsRead>");
        }
        return xml.append("</t:Message>").toString();
    }

    /** The shape's base shape and the {@code FieldURI}s of its additional properties. */
    private static Set<String> fields(Element request, String shape) {
        Set<String> fields = new HashSet<>();
        Element element = first(request, MESSAGES, shape);
        if (element != null) {
            fields.add(text(element, TYPES, "BaseShape"));
            NodeList uris = element.getElementsByTagNameNS(TYPES, "FieldURI");
            for (int i = 0; i < uris.getLength(); i++) {
                fields.add(((Element) uris.item(i)).getAttribute("FieldURI"));
            }
        }
        return fields;
    }

    // ---- SOAP

    private static String success(String elements) {
        return "<!--Success--><m:ResponseCode>NoError</m:ResponseCode>" + elements;
    }

    private static String error(String code, String text) {
        return "<!--Error--><m:MessageText>" + escape(text) + "</m:MessageText><m:ResponseCode>" + code
                + "</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>";
    }

    private static String message(String operation, String content) {
        String responseClass = content.startsWith("<!--Error-->") ? "Error" : "Success";
        return "<m:" + operation + "ResponseMessage ResponseClass=\"" + responseClass + "\">"
                + content.substring(content.indexOf("-->") + 3) + "</m:" + operation + "ResponseMessage>";
    }

    private static String response(String operation, String content) {
        return responses(operation, message(operation, content));
    }

    private static String responses(String operation, String messages) {
        return envelope("<m:" + operation + "Response xmlns:m=\"" + MESSAGES + "\" xmlns:t=\"" + TYPES
                + "\"><m:ResponseMessages>" + messages + "</m:ResponseMessages></m:" + operation + "Response>");
    }

    /** The envelope of Exchange Server 2019, which answers the 2010 SP2 schema ews-java-api asks for. */
    private static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + SOAP + "\"><s:Header>"
                + "<h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"2\" MajorBuildNumber=\"1544\" "
                + "MinorBuildNumber=\"4\" Version=\"V2017_07_11\" xmlns:h=\"" + TYPES + "\" xmlns=\"" + TYPES
                + "\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/></s:Header><s:Body "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">" + body + "</s:Body></s:Envelope>";
    }

    /** Throttling as Exchange answers it: HTTP 500 with a SOAP fault naming the back-off. */
    private static String serverBusy(long backOffMillis) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"" + SOAP + "\"><s:Body><s:Fault>"
                + "<faultcode xmlns:a=\"" + TYPES + "\">a:ErrorServerBusy</faultcode><faultstring xml:lang=\"en-US\">"
                + "The server cannot service this request right now. Try again later.</faultstring><detail>"
                + "<e:ResponseCode xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">"
                + "ErrorServerBusy</e:ResponseCode><e:Message xmlns:e=\"http://schemas.microsoft.com/exchange/"
                + "services/2006/errors\">The server cannot service this request right now. Try again later."
                + "</e:Message><t:MessageXml xmlns:t=\"" + TYPES + "\"><t:Value Name=\"BackOffMilliseconds\">"
                + backOffMillis + "</t:Value></t:MessageXml></detail></s:Fault></s:Body></s:Envelope>";
    }

    private static String fault(String faultCode, String text, String code) {
        return envelope("<s:Fault><faultcode xmlns:a=\"" + TYPES + "\">" + faultCode + "</faultcode><faultstring "
                + "xml:lang=\"en-US\">" + text + "</faultstring><detail><e:ResponseCode xmlns:e=\""
                + "http://schemas.microsoft.com/exchange/services/2006/errors\">" + code + "</e:ResponseCode>"
                + "<e:Message xmlns:e=\"http://schemas.microsoft.com/exchange/services/2006/errors\">" + text
                + "</e:Message></detail></s:Fault>");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("Server", "Microsoft-IIS/10.0");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- helpers

    private FakeFolder newFolder(Mailbox mailbox, String parentId, String displayName, String element,
            String folderClass, String wellKnown) {
        String id = "AQMkADAwATM0" + base64(("folder" + ids.incrementAndGet()).getBytes(StandardCharsets.US_ASCII))
                + "AAAA";
        FakeFolder folder = new FakeFolder(id, parentId, displayName, element, folderClass, wellKnown);
        folder.created = ++mailbox.seq;
        mailbox.folders.put(id, folder);
        owners.put(id, mailbox);
        return folder;
    }

    private Mailbox box(String address) {
        Mailbox mailbox = mailboxes.get(key(address));
        if (mailbox == null) {
            throw new IllegalArgumentException("No mailbox " + address + " in the EWS fake");
        }
        return mailbox;
    }

    private static long last(FakeFolder folder) {
        return Math.max(folder.created, Math.max(folder.updated, folder.deleted));
    }

    private static long last(FakeMessage message) {
        return Math.max(Math.max(message.created, message.updated), Math.max(message.readChanged, message.deleted));
    }

    private static String changeKey(long version) {
        return "CQAAABYAAAB" + base64(Long.toString(version).getBytes(StandardCharsets.US_ASCII));
    }

    private static String key(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Element first(Element parent, String namespace, String localName) {
        NodeList found = parent.getElementsByTagNameNS(namespace, localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static String text(Element parent, String namespace, String localName) {
        Element element = first(parent, namespace, localName);
        return element == null ? null : element.getTextContent();
    }

    private static Element firstChild(Element parent) {
        List<Element> children = children(parent);
        return children.isEmpty() ? null : children.get(0);
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        if (parent != null) {
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element) {
                    children.add(element);
                }
            }
        }
        return children;
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record State(String scope, long watermark) {
    }

    private record Target(Mailbox mailbox, FakeFolder folder, String error) {
    }

    private static final class FakeFolder {
        final String id;
        final String parentId;
        final String element;
        final String folderClass;
        final String wellKnown;
        String displayName;
        long created;
        long updated;
        long deleted;

        FakeFolder(String id, String parentId, String displayName, String element, String folderClass,
                String wellKnown) {
            this.id = id;
            this.parentId = parentId;
            this.displayName = displayName;
            this.element = element;
            this.folderClass = folderClass;
            this.wellKnown = wellKnown;
        }
    }

    private static final class FakeMessage {
        final String id;
        final String folderId;
        final String internetMessageId;
        final Instant received;
        final byte[] mime;
        boolean read;
        long created;
        long updated;
        long readChanged;
        long deleted;

        FakeMessage(String id, String folderId, String internetMessageId, Instant received, byte[] mime) {
            this.id = id;
            this.folderId = folderId;
            this.internetMessageId = internetMessageId;
            this.received = received;
            this.mime = mime;
        }
    }

    /** MP-11: a streaming subscription: one mailbox's folders, its events kept while no stream is open. */
    private static final class Subscription {
        final String id;
        final Mailbox mailbox;
        final String user;
        final Set<String> folderIds;
        final List<String> pending = new ArrayList<>();
        Listener listener;

        Subscription(String id, Mailbox mailbox, String user, Set<String> folderIds) {
            this.id = id;
            this.mailbox = mailbox;
            this.user = user;
            this.folderIds = folderIds;
        }
    }

    /** MP-11: one open {@code GetStreamingEvents}: the notifications to write, taken without the fake's monitor. */
    private static final class Listener {
        /** Put in the queue to end the stream at once (the fake closes). */
        static final String END = new String("end");
        final String key;
        final Mailbox mailbox;
        final Duration timeout;
        final Duration heartbeat;
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        Listener(String key, Mailbox mailbox, Duration timeout, Duration heartbeat) {
            this.key = key;
            this.mailbox = mailbox;
            this.timeout = timeout;
            this.heartbeat = heartbeat;
        }
    }

    private static final class Mailbox {
        final String address;
        final Map<String, FakeFolder> folders = new LinkedHashMap<>();
        final Map<String, FakeMessage> messages = new LinkedHashMap<>();
        final Map<String, State> states = new HashMap<>();
        final List<byte[]> sent = new ArrayList<>();
        FakeFolder root;
        long seq;

        Mailbox(String address) {
            this.address = address;
        }
    }
}
