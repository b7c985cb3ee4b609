package dev.palisade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bundled examples/authn with its authn rules: TokenReviews and raw requests judged by the policy. */
class AuthnPolicyCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..");
    private static final Path CONFIG = ROOT.resolve("examples/authn/palisade.yaml");

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = PalisadeCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void authenticate_tokenReviews_areJudgedByTheExamplePolicy() throws Exception {
        Run r = run("authenticate", "-c", CONFIG.toString(), ROOT.resolve("examples/authn/tokenreviews-policy.jsonl").toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out() + r.err());

        JsonNode alice = JSON.readTree(lines.get(0)).get("status");
        assertTrue(alice.get("authenticated").asBoolean(), alice.toString());
        JsonNode root = JSON.readTree(lines.get(1)).get("status");
        assertFalse(root.get("authenticated").asBoolean(), root.toString());
        assertTrue(root.get("error").asText().contains("rejected by rule \"cluster.authn/masters-need-client-certs\" ("
                + ROOT.resolve("examples/authn/policies/cluster-authn.pal").normalize() + ":5:1): members of system:masters must "
                + "authenticate with a client certificate, not token"), root.toString());
        assertFalse(root.has("user") && root.get("user").has("username") && !root.at("/user/username").asText().isEmpty(),
                "a rejected user is not returned: " + root);
        JsonNode deployer = JSON.readTree(lines.get(2)).get("status");
        assertFalse(deployer.get("authenticated").asBoolean());
        assertTrue(deployer.get("error").asText().contains("service account system:serviceaccount:ci:deployer is disabled"),
                deployer.toString());
        for (String secret : List.of("example-token-root", "example-token-deployer", "example-token-alice")) {
            assertFalse(r.out().contains(secret) || r.err().contains(secret), "secrets are never echoed");
        }
    }

    @Test
    void request_rejectedUser_isA401NamingTheRule() {
        Run r = run("request", "-c", CONFIG.toString(), "-H", "Authorization: Bearer example-token-root", "/api/v1/namespaces/dev/pods");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("HTTP 401"), r.out());
        assertTrue(r.out().contains("cluster.authn/masters-need-client-certs"), r.out());
    }
}
