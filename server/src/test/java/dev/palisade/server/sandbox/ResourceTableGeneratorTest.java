package dev.palisade.server.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in resources.tsv is what the generator derives from the Kubernetes OpenAPI document. */
class ResourceTableGeneratorTest {
    private static final Path SWAGGER = Path.of("/work/shared/k8s-openapi/swagger.json");

    @Test
    void checkedInTableMatchesTheGenerator() throws Exception {
        if (!Files.isRegularFile(SWAGGER)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the Kubernetes OpenAPI document is required under CI=true: " + SWAGGER);
            }
            assumeTrue(false, SWAGGER + " is absent; the generated resource table is not re-checked");
        }
        String checkedIn;
        try (InputStream in = ResourceTable.class.getResourceAsStream("resources.tsv")) {
            checkedIn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(ResourceTableGenerator.generate(SWAGGER), checkedIn,
                "resources.tsv is stale: regenerate it with ResourceTableGenerator (see its javadoc)");
    }

    @Test
    void builtInTableKnowsPodsDeploymentsAndTheReviews() {
        ResourceTable t = ResourceTable.builtIn();
        ApiResource pods = t.find("", "v1", "pods").orElseThrow();
        assertEquals("Pod", pods.kind());
        assertTrue(pods.namespaced());
        assertEquals(List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"), pods.verbs());
        assertEquals("Deployment", t.find("apps", "v1", "deployments").orElseThrow().kind());
        assertTrue(!t.find("", "v1", "namespaces").orElseThrow().namespaced());
        assertEquals(List.of("create"), t.find("authorization.k8s.io", "v1", "selfsubjectaccessreviews").orElseThrow().verbs());
        assertEquals("v2", t.groups().get("autoscaling").get(0), "GA v2 is preferred over v1");
    }
}
