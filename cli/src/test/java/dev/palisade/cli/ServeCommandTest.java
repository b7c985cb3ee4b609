package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code palisade serve}: its help, its refusals (exit 2), and a real process answering curl and stopping on SIGTERM. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void help_namesTheApiserverFlags() {
        CliTest.Run r = CliTest.run("", "serve", "--help");
        assertEquals(0, r.exit());
        for (String flag : List.of("--bind-address", "--secure-port", "--tls-cert-file", "--tls-private-key-file",
                "--client-ca-file", "--insecure-port", "--request-timeout", "--shutdown-grace", "--access-log")) {
            assertTrue(r.out().contains(flag), flag + " missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("default: 8443"), r.out());
    }

    @Test
    void badConfig_exit2_withPositionedErrors() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\nauthorization:\n  authorizers:\n    - type: Nope\n");
        CliTest.Run r = CliTest.run("", "serve", "-c", dir.resolve("bad.yaml").toString(), "--insecure-port", "0");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.yaml:5:"), r.err());
    }

    @Test
    void noTlsAndNoInsecurePort_exit2_sayingWhatIsRequired() {
        CliTest.Run r = CliTest.run("", "serve", "-c", CliTest.CONFIG.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--tls-cert-file and --tls-private-key-file are required"), r.err());
    }

    @Test
    void unreadableCertificate_exit2_namingTheFile() throws Exception {
        Files.writeString(dir.resolve("key.pem"), "nothing");
        CliTest.Run r = CliTest.run("", "serve", "-c", CliTest.CONFIG.toString(), "--secure-port", "0",
                "--tls-cert-file", dir.resolve("missing.crt").toString(), "--tls-private-key-file", dir.resolve("key.pem").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing.crt"), r.err());
    }

    @Test
    void portInUse_exit2_sayingSo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            CliTest.Run r = CliTest.run("", "serve", "-c", CliTest.CONFIG.toString(), "--bind-address", "127.0.0.1",
                    "--insecure-port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, r.exit());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1"), r.err());
            assertTrue(!r.err().contains("\tat "), "stack trace: " + r.err());
        }
    }

    @Test
    void badDuration_exit2() {
        CliTest.Run r = CliTest.run("", "serve", "-c", CliTest.CONFIG.toString(), "--insecure-port", "0",
                "--request-timeout", "soon");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--request-timeout: 'soon' is not a duration"), r.err());
    }

    @Test
    void realProcess_answersCurl_andExits0OnSigterm() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed (apt-get install -y curl)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PalisadeCommand.class.getName(),
                "serve", "-c", CliTest.CONFIG.toString(), "--bind-address", "127.0.0.1", "--insecure-port", "0",
                "--access-log", dir.resolve("access.log").toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line == null ? "" : line);
            assertTrue(m.find(), "no listening line: " + line);
            String base = "http://127.0.0.1:" + m.group(1);
            assertEquals("ok", curl(base + "/healthz"));
            String sar = curl("-H", "Content-Type: application/json", "--data-binary",
                    Files.readAllLines(CliTest.ROOT.resolve("examples/reviews.jsonl")).get(0),
                    base + "/apis/authorization.k8s.io/v1/subjectaccessreviews");
            assertTrue(sar.contains("\"allowed\":true"), sar);
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop within 30 s of SIGTERM");
            assertEquals(0, p.exitValue());
            List<String> log = Files.readAllLines(dir.resolve("access.log"));
            assertEquals(2, log.size(), log.toString());
            assertTrue(log.get(1).contains("\"verdict\":\"allowed\"") && log.get(1).contains("\"latency_us\":"), log.get(1));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void sandboxFlag_answersKubectlDiscovery_andWithoutIt404() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed (apt-get install -y curl)");
        for (boolean sandbox : List.of(true, false)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                    PalisadeCommand.class.getName(), "serve", "-c", CliTest.CONFIG.toString(), "--bind-address", "127.0.0.1",
                    "--insecure-port", "0", "--access-log", "off"));
            if (sandbox) {
                cmd.add("--sandbox");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(line == null ? "" : line);
                assertTrue(m.find(), "no listening line: " + line);
                String version = curl("http://127.0.0.1:" + m.group(1) + "/version");
                assertTrue(sandbox ? version.contains("\"minor\":\"32\"") : version.contains("\"reason\":\"NotFound\""),
                        "--sandbox " + sandbox + ": " + version);
                p.destroy();
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop within 30 s of SIGTERM");
            } finally {
                p.destroyForcibly();
            }
        }
    }

    private static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "10"));
        cmd.addAll(List.of(args));
        Process c = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String body = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(c.waitFor(15, TimeUnit.SECONDS));
        return body;
    }
}
