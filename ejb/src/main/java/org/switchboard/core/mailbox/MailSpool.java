package org.switchboard.core.mailbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Temporary files for mail too large to hold in memory (issue 18 item 7): a message whose size is above
 * {@link #above()} is read from the server into a file here, parsed from it, and its large parts are decoded into
 * files here too, which the store streams into the database. One spool serves one sync run, in a directory of its
 * own that only the server's user may read (it holds personal mail), and is deleted with everything in it when the
 * run ends, however it ends; the files of a batch are deleted as soon as the batch is stored. The runs of one node
 * keep their directories under the node's own root ({@link #root}), which the node empties when it starts
 * ({@link #clearLeftovers}): a server killed in the middle of a large message leaves its files there, and nothing
 * else would ever delete them.
 */
public final class MailSpool implements AutoCloseable {

    /** The MicroProfile Config key of {@link #above()}, in bytes. */
    public static final String ABOVE = "switchboard.mail.stream-above-bytes";
    /** The default of {@link #ABOVE}: 2 MB. */
    public static final long DEFAULT_ABOVE = 2L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(MailSpool.class.getName());

    private static final String PREFIX = "switchboard-mail-";

    private final Path root;
    private final long above;
    private Path directory;

    /**
     * A spool for messages and parts larger than {@code above} bytes, in a directory of its own under {@code root}
     * (see {@link #root}), made when first needed.
     */
    public MailSpool(Path root, long above) {
        this.root = root;
        this.above = above;
    }

    /** A spool directly in the JVM's temporary directory, for callers outside a node (tests, one-off reads). */
    public MailSpool(long above) {
        this(temporaryDirectory(), above);
    }

    /**
     * The directory under which the spools of the node so named live: {@code switchboard-mail-<node>} in the JVM's
     * temporary directory, the name made safe for a file name. Nodes that share a machine keep apart.
     */
    public static Path root(String nodeName) {
        return temporaryDirectory().resolve(PREFIX + nodeName.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /**
     * Deletes whatever an earlier run of this node left under {@code root}: called at the node's start, before any
     * sync runs, so only files of a run that was killed are there.
     *
     * @return how many spools (directories) and loose files were deleted
     */
    public static int clearLeftovers(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> left;
        try (Stream<Path> entries = Files.list(root)) {
            left = entries.toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, e, () -> "MB-02: the mail spools under " + root + " could not be listed");
            return 0;
        }
        left.forEach(MailSpool::deleteTree);
        return left.size();
    }

    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Messages and parts larger than this many bytes are spooled. */
    public long above() {
        return above;
    }

    /** A new, empty file in this spool. */
    synchronized Path newFile(String prefix) throws IOException {
        if (directory == null) {
            if (posix()) {
                FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"));
                Files.createDirectories(root, ownerOnly);
                directory = Files.createTempDirectory(root, PREFIX, ownerOnly);
            } else {
                Files.createDirectories(root);
                directory = Files.createTempDirectory(root, PREFIX);
            }
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
        deleteTree(directory);
        directory = null;
    }

    private static void deleteTree(Path top) {
        try (Stream<Path> files = Files.walk(top)) {
            files.sorted(Comparator.reverseOrder()).forEach(MailSpool::delete);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, e, () -> "MB-02: the mail spool " + top + " could not be deleted");
        }
    }
}
