package dev.palisade.dsl.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.dsl.schema.SchemaType.ArrayOf;
import dev.palisade.dsl.schema.SchemaType.MapOf;
import dev.palisade.dsl.schema.SchemaType.ObjectType;
import dev.palisade.dsl.schema.SchemaType.Primitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The checked-in table is exactly what {@link KubernetesSchemaGenerator} derives from the OpenAPI
 * document (a golden file; {@code -Dpalisade.schema.regenerate=true} rewrites it), and it answers
 * the lookups the admission check and the DSL checker make.
 */
class KubernetesSchemaTableTest {
    /** The release SOURCE.md names for shared/k8s-openapi/swagger.json. */
    static final String RELEASE = "1.36";
    static final Path TABLE = Path.of("src/main/resources/dev/palisade/dsl/schema/kubernetes.schema");

    @Test
    void tableIsWhatTheGeneratorDerivesFromTheOpenApiDocument() throws IOException {
        Path swagger = locateSwagger();
        if (swagger == null) {
            String why = "Kubernetes OpenAPI document not found (../shared/k8s-openapi/swagger.json beside the project, "
                    + "or PALISADE_OPENAPI_FILE): the table cannot be compared with its source";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        String derived = KubernetesSchemaGenerator.generate(swagger, RELEASE);
        if (Boolean.getBoolean("palisade.schema.regenerate")) {
            Files.createDirectories(TABLE.getParent());
            Files.writeString(TABLE, derived, StandardCharsets.UTF_8);
        }
        assertEquals(derived, Files.readString(TABLE, StandardCharsets.UTF_8),
                "kubernetes.schema is stale: regenerate it (see KubernetesSchemaGenerator)");
    }

    private static Path locateSwagger() {
        String explicit = System.getenv("PALISADE_OPENAPI_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return Files.isRegularFile(Path.of(explicit)) ? Path.of(explicit) : null;
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("k8s-openapi").resolve("swagger.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private final KubernetesSchema schema = KubernetesSchema.builtIn();

    @Test
    void knowsTheBuiltInKindsOfItsRelease() {
        assertEquals(RELEASE, schema.release());
        assertTrue(schema.kindCount() > 150, "kinds: " + schema.kindCount());
        assertEquals("api.core.v1.Pod", schema.forKind("", "v1", "Pod").orElseThrow().name());
        assertEquals("api.apps.v1.Deployment", schema.forKind("apps/v1", "Deployment").orElseThrow().name());
        assertEquals(Optional.empty(), schema.forKind("example.com/v1", "Widget"), "custom resources are not in the table");
    }

    @ParameterizedTest(name = "{0} {1} {2} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            v1      | Pod        | spec.containers.[].securityContext.privileged | boolean
            v1      | Pod        | spec.hostNetwork                              | boolean
            v1      | Pod        | spec.containers                               | [@api.core.v1.Container]
            v1      | Pod        | spec.containers.0.ports.[].containerPort      | int32
            v1      | Pod        | spec.containers.[].resources.limits           | {quantity}
            v1      | Pod        | spec.containers.[].resources.limits.cpu       | quantity
            v1      | Pod        | spec.containers.[].livenessProbe.httpGet.port | int-or-string
            v1      | Pod        | metadata.labels.app                           | string
            v1      | Pod        | metadata.creationTimestamp                    | string
            v1      | Pod        | metadata.managedFields.[].fieldsV1            | any
            v1      | Pod        | spec.activeDeadlineSeconds                    | int64
            apps/v1 | Deployment | spec.template.spec.hostPID                    | boolean
            apps/v1 | ControllerRevision | data.anything.below                   | any
            """)
    void typeAtAPath(String apiVersion, String kind, String path, String spelling) {
        assertEquals(spelling, schema.at(apiVersion, kind, path).orElseThrow().spelling());
    }

    @Test
    void undeclaredFieldsAndStepsIntoScalarsHaveNoType() {
        assertEquals(Optional.empty(), schema.at("v1", "Pod", "spec.containerz"));
        assertEquals(Optional.empty(), schema.at("v1", "Pod", "spec.hostNetwork.x"));
    }

    @Test
    void typesAreSharedAndRecursiveDefinitionsResolve() {
        ObjectType props = schema.definition("apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps").orElseThrow();
        assertTrue(props.field("properties") instanceof MapOf m && m.values() == props, "JSONSchemaProps refers to itself");
        ObjectType pod = schema.forKind("v1", "Pod").orElseThrow();
        SchemaType containers = KubernetesSchema.at(pod, List.of("spec", "containers")).orElseThrow();
        SchemaType initContainers = KubernetesSchema.at(pod, List.of("spec", "initContainers")).orElseThrow();
        assertTrue(containers instanceof ArrayOf a && initContainers instanceof ArrayOf b && a.items() == b.items());
        assertEquals(Primitive.STRING, KubernetesSchema.at(pod, List.of("spec", "containers", "[]", "image")).orElseThrow());
    }
}
