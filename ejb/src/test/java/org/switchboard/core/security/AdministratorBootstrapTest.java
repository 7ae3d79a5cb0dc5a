package org.switchboard.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X-02, issue 18: the password generated for {@code admin} at the first start is handed over in a file, not a log. */
class AdministratorBootstrapTest {

    private static final String PASSWORD = "Generated-Pass-7x";
    private static final Logger LOG = Logger.getLogger(AdministratorBootstrap.class.getName());

    @TempDir
    private Path temporary;

    private final List<String> logged = new CopyOnWriteArrayList<>();

    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord entry) {
            logged.add(new SimpleFormatter().formatMessage(entry));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void record() {
        LOG.addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        LOG.removeHandler(recorder);
    }

    @Test
    @DisplayName("X-02 issue 18: a generated admin password is written to an owner-only file in the data folder, and "
            + "the log says where it is, never the password")
    void passwordInOwnerOnlyFile() throws IOException {
        Path folder = temporary.resolve("data");

        Path file = AdministratorBootstrap.handOver(folder, PASSWORD);

        assertEquals(folder.resolve("admin-password"), file);
        assertEquals(PASSWORD, Files.readString(file));
        assertOwnerOnly(file);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left");
        }
        assertEquals(1, logged.size(), logged::toString);
        assertTrue(logged.get(0).contains(file.toString()), logged::toString);
        assertFalse(logged.get(0).contains(PASSWORD), logged::toString);
    }

    @Test
    @DisplayName("X-02 issue 18: a password file left by an earlier installation is replaced, owner-only again")
    void earlierFileReplaced() throws IOException {
        Path folder = Files.createDirectories(temporary.resolve("data"));
        Path earlier = Files.writeString(folder.resolve("admin-password"), "an older password");
        if (posix(folder)) {
            Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rw-r--r--"));
        }

        Path file = AdministratorBootstrap.handOver(folder, PASSWORD);

        assertEquals(PASSWORD, Files.readString(file));
        assertOwnerOnly(file);
    }

    @Test
    @DisplayName("X-02 issue 18: a data folder that cannot be written stops the start with a message naming the file, "
            + "without the password")
    void unwritableFolderStopsTheStart() throws IOException {
        Path notAFolder = Files.writeString(temporary.resolve("data"), "a file where the folder should be");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> AdministratorBootstrap.handOver(notAFolder, PASSWORD));

        assertTrue(refused.getMessage().contains(notAFolder.resolve("admin-password").toString()),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("switchboard.data-dir"), refused.getMessage());
        assertFalse(refused.getMessage().contains(PASSWORD), refused.getMessage());
        assertEquals(List.of(), logged, "nothing was logged as created");
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void assertOwnerOnly(Path file) throws IOException {
        if (posix(file)) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        } else {
            assertTrue(Files.isReadable(file));
        }
    }
}
