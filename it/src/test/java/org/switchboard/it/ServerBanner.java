package org.switchboard.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Makes the build log say which server a Failsafe execution tests, and on failure shows the end of that
 * server's log (the test servers run with their console output off).
 */
public final class ServerBanner implements TestExecutionListener {

    private static final int LOG_TAIL_LINES = 150;

    private final AtomicInteger failures = new AtomicInteger();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        System.out.println();
        System.out.println("==================================================================================");
        System.out.println("  Switchboard integration tests on " + TestSettings.server()
                + "  (arquillian.launch=" + TestSettings.container() + ")");
        System.out.println("==================================================================================");
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
            failures.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        System.out.println("==================================================================================");
        System.out.println("  End of the integration tests on " + TestSettings.server()
                + (failures.get() == 0 ? "" : ": " + failures.get() + " failed"));
        String log = System.getProperty("switchboard.test.server.log");
        if (failures.get() > 0 && log != null) {
            printTail(Paths.get(log));
        }
        System.out.println("==================================================================================");
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            System.out.println("  Last " + LOG_TAIL_LINES + " lines of " + log + ":");
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("  (server log " + log + " not readable: " + e + ")");
        }
    }
}
