package org.switchboard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.model.common.SchemaPlaceholders;
import org.switchboard.model.mailbox.EmailAttachment;

/**
 * Issue 18 item 7, the database's side: the bytes of a large received file are written into a column of the type the
 * migrations give {@code email_attachment.content} ({@link SchemaPlaceholders}) with
 * {@link EmailAttachment#STREAM_CONTENT}'s {@code setBinaryStream}, and neither driver holds them whole. Proven as the
 * parser's side is: the write runs in a JVM of its own with a heap ({@value #HEAP}) smaller than the file (40 MB), on
 * H2 (a file database, as the embedded default) and on PostgreSQL; the same write into H2's {@code BYTEA}, which the
 * column was before, runs out of memory there. The stored bytes are checked from outside that JVM.
 */
class LargeContentStreamingTest {

    private static final String HEAP = "-Xmx48m";
    private static final long FILE_BYTES = 40L * 1024 * 1024;

    private static EmbeddedPostgres postgres;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    @DisplayName("MB-02 issue 18 item 7: 40 MB streamed into H2's BLOB and PostgreSQL's BYTEA with a 48 MB heap; "
            + "not into H2's BYTEA")
    void streamedWithinASmallHeap() throws Exception {
        String h2 = "jdbc:h2:file:" + directory.resolve("blob") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        String h2Type = SchemaPlaceholders.forProduct("H2").get("large_binary");
        Result intoH2 = write(h2, "sa", h2Type);
        assertEquals(0, intoH2.exit(), intoH2.output());
        try (Connection connection = DriverManager.getConnection(h2, "sa", "")) {
            assertEquals(expected(), stored(connection, "SELECT content FROM probe"), "H2 " + h2Type);
        }

        String pg = postgres.getJdbcUrl("postgres", "postgres");
        String pgType = SchemaPlaceholders.forProduct("PostgreSQL").get("large_binary");
        Result intoPostgres = write(pg, "postgres", pgType);
        assertEquals(0, intoPostgres.exit(), intoPostgres.output());
        try (Connection connection = DriverManager.getConnection(pg, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT octet_length(content), encode(sha256(content), 'hex') FROM probe")) {
            row.next();
            assertEquals(expected(), row.getLong(1) + " " + row.getString(2), "PostgreSQL " + pgType);
        }

        String before = "jdbc:h2:file:" + directory.resolve("bytea") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        Result intoBytea = write(before, "sa", "BYTEA");
        assertNotEquals(0, intoBytea.exit(), "H2's BYTEA should not fit in the same heap: " + intoBytea.output());
        assertTrue(intoBytea.output().contains("OutOfMemoryError"), intoBytea.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result write(String url, String user, String type) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), HEAP, "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Writer.class.getName(), url, user, type)
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the write did not end: " + output);
        output.lines().filter(line -> line.startsWith("[streaming]")).forEach(System.out::println);
        return new Result(process.exitValue(), output);
    }

    /** The file's size and SHA-256, as stored. */
    private static String expected() throws Exception {
        return FILE_BYTES + " " + sha256(new Generated(FILE_BYTES));
    }

    private static String stored(Connection connection, String query) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            CountingStream in = new CountingStream(row.getBinaryStream(1));
            String digest = sha256(in);
            return in.count + " " + digest;
        }
    }

    static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Bytes made as they are read: the same in every JVM, never all in memory. */
    static final class Generated extends InputStream {
        private final long size;
        private long position;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (mix(position++) & 0xff) : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) mix(position++);
            }
            return n;
        }

        private static long mix(long x) {
            x ^= x >>> 33;
            x *= 0xff51afd7ed558ccdL;
            return x ^ x >>> 29;
        }
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }

    /** The write in a JVM of its own: a row with no content, then its content streamed in as the store does. */
    public static final class Writer {

        public static void main(String[] args) throws Exception {
            try (Connection connection = DriverManager.getConnection(args[0], args[1], "")) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE probe (id BIGINT PRIMARY KEY, content " + args[2] + " NOT NULL)");
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO probe (id, content) VALUES (1, ?)")) {
                    insert.setBytes(1, new byte[0]);
                    insert.executeUpdate();
                }
                long start = System.nanoTime();
                String update = EmailAttachment.STREAM_CONTENT.replace("email_attachment", "probe");
                try (PreparedStatement statement = connection.prepareStatement(update)) {
                    statement.setBinaryStream(1, new Generated(FILE_BYTES), FILE_BYTES);
                    statement.setLong(2, 1);
                    if (statement.executeUpdate() != 1) {
                        throw new IllegalStateException("no row");
                    }
                }
                connection.commit();
                long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
                System.out.printf(Locale.ROOT, "[streaming] %d MB into %s %s in %.1f s; heap pools' peaks summed %d MB,"
                        + " heap %d MB%n", FILE_BYTES >> 20, connection.getMetaData().getDatabaseProductName(), args[2],
                        (System.nanoTime() - start) / 1e9, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            }
        }

        private Writer() {
        }
    }
}
