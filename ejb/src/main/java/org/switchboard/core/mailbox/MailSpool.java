package org.switchboard.core.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Temporary files for mail too large to hold in memory (issue 18 item 7): a message whose size is above
 * {@link #above()} is read from the server into a file here, parsed from it, and its large parts are decoded into
 * files here too, which the store streams into the database. One spool serves one sync run, in a directory of its
 * own that only the server's user may read (it holds personal mail), and is deleted with everything in it when the
 * run ends, however it ends; the files of a batch are deleted as soon as the batch is stored.
 */
public final class MailSpool implements AutoCloseable {

    /** The MicroProfile Config key of {@link #above()}, in bytes. */
    public static final String ABOVE = "switchboard.mail.stream-above-bytes";
    /** The default of {@link #ABOVE}: 2 MB. */
    public static final long DEFAULT_ABOVE = 2L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(MailSpool.class.getName());

    private final long above;
    private Path directory;

    /** A spool for messages and parts larger than {@code above} bytes; its directory is made when first needed. */
    public MailSpool(long above) {
        this.above = above;
    }

    /** Messages and parts larger than this many bytes are spooled. */
    public long above() {
        return above;
    }

    /** A new, empty file in this spool. */
    Path newFile(String prefix) throws IOException {
        if (directory == null) {
            Path temp = Path.of(System.getProperty("java.io.tmpdir"));
            directory = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempDirectory(temp, "switchboard-mail-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(temp, "switchboard-mail-");
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }

    /** Deletes the spooled files of these messages (their parts and sources), once they are stored. */
    void release(Iterable<FetchedMail> mails) {
        for (FetchedMail mail : mails) {
            for (FetchedMail.Attachment file : mail.attachments()) {
                if (file.spooled() != null) {
                    delete(file.spooled());
                }
            }
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, e, () -> "MB-02: a spooled mail file could not be deleted: " + file);
        }
    }

    /** Deletes the spool's directory and whatever is still in it. */
    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(MailSpool::delete);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, e, () -> "MB-02: the mail spool " + directory + " could not be deleted");
        }
        directory = null;
    }
}
