package dev.palisade.server.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether SIGHUP can trigger a reload depends on how the process was started: a JVM that inherits
 * SIGHUP as ignored (nohup, some supervisors) installs no handler, and must say so rather than
 * claim reloads that never come. Each case starts a JVM the way a shell would and asks
 * {@link HangupSignal#install} from inside it.
 */
class HangupSignalTest {

    /** Run in the child JVM: prints whether the handler was installed, then whether a raised SIGHUP arrived. */
    public static void main(String[] args) throws InterruptedException {
        java.util.concurrent.CountDownLatch got = new java.util.concurrent.CountDownLatch(1);
        boolean installed = HangupSignal.install(got::countDown);
        if (installed) {
            HangupSignal.raise();
        }
        System.out.println(installed + " " + (installed && got.await(10, TimeUnit.SECONDS)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "started normally,                    '',                 true true",
            "started with SIGHUP ignored (nohup), 'trap \"\" HUP;',  false false",
    })
    void installReportsWhetherSighupCanArrive(String name, String shellPrefix, String expected)
            throws IOException, InterruptedException {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "needs /bin/bash to start a JVM with SIGHUP ignored (POSIX only)");
        // a signal ignored on entry stays ignored in every child, whatever the shell says: under nohup no child can catch it
        assumeFalse(expected.startsWith("true") && hangupIgnoredHere(), "this test run inherited SIGHUP as ignored"
                + " (started under nohup, or by a supervisor that ignores it), so no JVM it starts can catch SIGHUP;"
                + " run the tests without nohup to check this case");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = shellPrefix + " exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + HangupSignalTest.class.getName();
        Process p = new ProcessBuilder(bash.toString(), "-c", command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": the child JVM did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String last = out.lines().reduce((a, b) -> b).orElse("");
        assertEquals(expected, last, name + ", child printed:\n" + out);
    }

    /** Whether this JVM inherited SIGHUP as ignored (Linux: bit 0 of SigIgn in /proc/self/status); elsewhere false. */
    private static boolean hangupIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseUnsignedLong(l.substring("SigIgn:".length()).strip(), 16) & 1L) != 0);
    }
}
