package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.activation.DataHandler;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MB-02, issue 18 item 7: a message above the streaming threshold is read from the IMAP server a chunk at a time into
 * a file, parsed from there, and its large attachment decoded into a file of its own, so its size is not bounded by
 * the heap. Proven the only way a heap bound can be proven without guessing at the garbage collector: the sync runs in
 * a JVM of its own with a heap smaller than the message ({@value #HEAP}), and takes a 40 MB attachment (54 MB as
 * base64) byte for byte; the same JVM without streaming runs out of memory on it.
 */
class LargeMailStreamingTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.IMAP);

    private static final String HEAP = "-Xmx48m";
    private static final int FILE_BYTES = 40 * 1024 * 1024;
    private static final String TEXT = "The scans of the signed contract are attached.";

    private static String expected;

    @BeforeAll
    static void digestOfTheFile() throws Exception {
        expected = FILE_BYTES + " " + sha256(new java.io.ByteArrayInputStream(file()));
    }

    @Test
    @DisplayName("MB-02 issue 18 item 7: a 40 MB attachment is read, parsed and spooled with a 48 MB heap")
    void largeAttachmentWithinASmallHeap() throws Exception {
        deliver();

        Result streamed = runSync(true);
        streamed.output().lines().filter(line -> line.startsWith("[streaming]")).forEach(System.out::println);

        assertEquals(0, streamed.exit(), streamed.output());
        assertTrue(streamed.output().contains("attachment scans.bin " + expected + " spooled"), streamed.output());
        assertTrue(streamed.output().contains("text " + TEXT), streamed.output());
        assertTrue(streamed.output().contains("spool empty"), streamed.output());

        Result whole = runSync(false);

        assertNotEquals(0, whole.exit(), "without streaming the same heap must not be enough: " + whole.output());
        assertTrue(whole.output().contains("OutOfMemoryError"), whole.output());
    }

    private static void deliver() throws Exception {
        GreenMailUser user = GREEN_MAIL.setUser("ines@example.com", "ines", "secret");
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("notary@example.org"));
        message.setRecipients(MimeMessage.RecipientType.TO, "ines@example.com");
        message.setSubject("Contract scans");
        message.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file(), "application/octet-stream")));
        attachment.setFileName("scans.bin");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        attachment.setHeader("Content-Transfer-Encoding", "base64");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(text);
        mixed.addBodyPart(attachment);
        message.setContent(mixed);
        message.saveChanges();
        GREEN_MAIL.getManagers().getImapHostManager().getInbox(user).appendMessage(message, new Flags(), new Date());
    }

    private record Result(int exit, String output) {
    }

    /** Runs {@link Child} in a JVM with {@value #HEAP}, with or without streaming; its exit code and output. */
    private static Result runSync(boolean streaming) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder command = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + Files.createTempDirectory("spool-test").toString(),
                "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                String.valueOf(GREEN_MAIL.getImap().getPort()), String.valueOf(streaming))
                .redirectErrorStream(true);
        Process process = command.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the sync did not end: " + output);
        return new Result(process.exitValue(), output);
    }

    /** The attachment: the same pseudo-random bytes in this JVM and in the child. */
    private static byte[] file() {
        byte[] bytes = new byte[FILE_BYTES];
        new Random(18).nextBytes(bytes);
        return bytes;
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The sync in a JVM of its own: prints what the sink got, as the store would take it, and the spool's state. */
    public static final class Child {

        public static void main(String[] args) throws Exception {
            Properties properties = new Properties();
            properties.setProperty("mail.imap.host", "127.0.0.1");
            properties.setProperty("mail.imap.port", args[0]);
            IMAPStore store = (IMAPStore) Session.getInstance(properties).getStore("imap");
            store.connect("ines", "secret");
            List<String> lines = new ArrayList<>();
            MailSink sink = new MailSink() {
                @Override
                public void store(String folder, List<FetchedMail> mails, List<SkippedMail> skipped,
                        FolderCursor cursor, boolean resync, int planned) {
                    for (SkippedMail mail : skipped) {
                        lines.add("skipped " + mail.reason());
                    }
                    for (FetchedMail mail : mails) {
                        lines.add("text " + mail.textBody());
                        for (FetchedMail.Attachment file : mail.attachments()) {
                            try (InputStream in = file.open()) {
                                lines.add("attachment " + file.fileName() + " " + file.sizeBytes() + " " + sha256(in)
                                        + (file.spooled() != null ? " spooled" : " in memory"));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }
                }

                @Override
                public void flagsChanged(String folder, Map<Long, Boolean> seenByUid, FolderCursor cursor) {
                }
            };
            long above = Boolean.parseBoolean(args[1]) ? 1024 * 1024 : Long.MAX_VALUE;
            long start = System.nanoTime();
            new ImapFolderSync(store, sink).withStreamingAbove(above).sync("INBOX", FolderCursor.initial(null));
            long elapsed = System.nanoTime() - start;
            store.close();
            long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            System.out.printf(java.util.Locale.ROOT, "[streaming] a 40 MB attachment read, parsed and spooled in"
                    + " %.1f s; heap pools' peaks summed %d MB, heap %d MB%n", elapsed / 1e9, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            lines.forEach(System.out::println);
            try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                System.out.println(left.findAny().map(p -> "spool left " + p).orElse("spool empty"));
            }
        }

        private Child() {
        }
    }
}
