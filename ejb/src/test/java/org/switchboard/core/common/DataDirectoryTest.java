package org.switchboard.core.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** where this node keeps its own files. */
class DataDirectoryTest {

    @Test
    @DisplayName("X-02 issue 18: switchboard.data-dir wins; then WildFly's data folder, Payara's domain, the home "
            + "folder")
    void resolve() {
        assertEquals(Path.of("/srv/switchboard/data"),
                DataDirectory.resolve(" /srv/switchboard/data ", "/wf/standalone/data", "/payara/domain1", "/home/u"));
        assertEquals(Path.of("/wf/standalone/data/switchboard"),
                DataDirectory.resolve("", "/wf/standalone/data", null, "/home/u"));
        assertEquals(Path.of("/payara/domain1/switchboard"),
                DataDirectory.resolve(null, null, "/payara/domain1", "/home/u"));
        assertEquals(Path.of("/home/u/.switchboard"), DataDirectory.resolve(null, " ", "", "/home/u"));
    }
}
