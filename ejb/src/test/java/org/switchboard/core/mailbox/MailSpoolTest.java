package org.switchboard.core.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MB-02, issue 18 item 7: the files a sync spools for a large message live under its node's own directory, which the
 * node empties when it starts, so a server killed in the middle of a large message does not leave personal mail in
 * the temporary directory for ever.
 */
class MailSpoolTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("MB-02: a spool a killed run never closed is deleted at the node's next start; another node's stays")
    void leftoversOfAKilledRunAreCleared() throws IOException {
        Path node = temp.resolve("switchboard-mail-a");
        Path otherNode = temp.resolve("switchboard-mail-b");
        MailSpool killed = new MailSpool(node, 0);
        Path file = killed.newFile("message-");
        Files.write(file, new byte[] {1, 2, 3});
        Path otherFile = new MailSpool(otherNode, 0).newFile("message-");

        assertTrue(file.startsWith(node) && Files.exists(file), file::toString);
        int cleared = MailSpool.clearLeftovers(node);

        assertEquals(1, cleared);
        assertFalse(Files.exists(file));
        try (Stream<Path> left = Files.list(node)) {
            assertEquals(0, left.count());
        }
        assertTrue(Files.exists(otherFile));
    }

    @Test
    @DisplayName("MB-02: a closed spool leaves nothing; a node that never spooled has nothing to clear")
    void closedSpoolLeavesNothing() throws IOException {
        Path node = temp.resolve("switchboard-mail-a");
        assertEquals(0, MailSpool.clearLeftovers(node));
        try (MailSpool spool = new MailSpool(node, 0)) {
            spool.newFile("part-");
            spool.newFile("part-");
        }
        try (Stream<Path> left = Files.list(node)) {
            assertEquals(0, left.count());
        }
        assertEquals(0, MailSpool.clearLeftovers(node));
    }

    @Test
    @DisplayName("MB-02: the node's spool directory and each run's are readable by the server's user only")
    void ownerOnly() throws IOException {
        Path node = temp.resolve("switchboard-mail-a");
        try (MailSpool spool = new MailSpool(node, 0)) {
            Path file = spool.newFile("message-");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(node)));
            assertEquals("rwx------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        }
    }

    @Test
    @DisplayName("MB-02: a node's spool directory is in the temporary directory, named after the node, safely")
    void rootNamedAfterTheNode() {
        Path root = MailSpool.root("server@host/../x:1");
        assertEquals(Path.of(System.getProperty("java.io.tmpdir")), root.getParent());
        assertEquals("switchboard-mail-server_host_.._x_1", root.getFileName().toString());
    }
}
