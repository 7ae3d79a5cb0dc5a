package org.switchboard.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmarks' view of the application server's heap on this machine: jcmd after a GC, jstat's peak. */
final class ServerHeap {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private ServerHeap() {
    }

    /** The application server's JVM on this machine (Payara's ASMain or WildFly's jboss-modules). */
    static long serverPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("com.sun.enterprise.glassfish.bootstrap")
                        || c.contains("jboss-modules.jar")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no application server JVM found"));
    }

    /** The heap in use after a full GC, in KB (jcmd). */
    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        run("jcmd", String.valueOf(pid), "GC.run");
        Matcher used = USED.matcher(run("jcmd", String.valueOf(pid), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no 'used'");
        }
        return Long.parseLong(used.group(1));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    /** The peak of the heap in use (survivor, eden and old), in KB, sampled by jstat every 100 ms. */
    static final class Sampler {
        private final Process jstat;
        private final AtomicLong peak = new AtomicLong();
        private final Thread reader;

        Sampler(long pid) throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "100").redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(),
                        StandardCharsets.US_ASCII))) {
                    List<String> header = null;
                    for (String line; (line = lines.readLine()) != null; ) {
                        List<String> cells = List.of(line.trim().split("\\s+"));
                        if (cells.contains("EU")) {
                            header = cells;
                        } else if (header != null && cells.size() == header.size()) {
                            double used = 0;
                            for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                                used += Double.parseDouble(cells.get(header.indexOf(column)));
                            }
                            long kb = (long) used;
                            peak.accumulateAndGet(kb, Math::max);
                        }
                    }
                } catch (IOException | NumberFormatException e) {
                    // jstat ended or printed something else: the peak so far stands
                }
            }, "jstat-reader");
            reader.setDaemon(true);
            reader.start();
        }

        long stop() throws InterruptedException {
            jstat.destroy();
            reader.join(2_000);
            return peak.get();
        }
    }
}
