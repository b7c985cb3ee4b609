package dev.palisade.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.createDirectories(dir.resolve("rbac"));
        Path f = dir.resolve("palisade.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private static final String HEAD = "apiVersion: palisade.dev/v1alpha1\nkind: Configuration\n";

    @Test
    void readsTheChainInOrderWithPathsResolvedAgainstTheFile() throws IOException {
        Path f = write(HEAD + """
                authorization:
                  authorizers:
                    - type: Policy
                      name: cluster-policy
                      paths: [policies/]
                    - type: RBAC
                      paths: [rbac]
                    - type: AlwaysDeny
                """);
        Configuration c = ConfigLoader.load(f);
        assertEquals(List.of(AuthorizerType.POLICY, AuthorizerType.RBAC, AuthorizerType.ALWAYS_DENY),
                c.authorizers().stream().map(AuthorizerConfig::type).toList());
        assertEquals("cluster-policy", c.authorizers().get(0).name());
        assertEquals("RBAC", c.authorizers().get(1).name());
        assertEquals(dir.resolve("policies").toAbsolutePath().normalize(), c.authorizers().get(0).paths().get(0));
    }

    @Test
    void limitsDefaultToTheApiserversValuesAndAreReadFromTheLimitsBlock() throws IOException {
        Configuration plain = ConfigLoader.load(write(HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\n"));
        assertEquals(Limits.DEFAULTS, plain.limits());
        assertEquals(3 * 1024 * 1024, plain.limits().maxRequestBytes());
        Configuration set = ConfigLoader.load(write(HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\n"
                + "limits:\n  maxRequestBytes: 1_048_576\n  maxGroupsPerRequest: 64\n"));
        assertEquals(1_048_576, set.limits().maxRequestBytes());
        assertEquals(64, set.limits().maxGroupsPerRequest());
        assertEquals(Limits.DEFAULTS.maxNestingDepth(), set.limits().maxNestingDepth());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("unknown authorizer type", HEAD + "authorization:\n  authorizers:\n    - type: Rbac\n      paths: [rbac]\n",
                        ":5:13: unknown authorizer type \"Rbac\" (known: Policy, RBAC, AlwaysAllow, AlwaysDeny, ABAC, Webhook)"),
                Arguments.of("unknown field", HEAD + "authorization:\n  authorizers:\n    - type: RBAC\n      pathz: [rbac]\n",
                        ":6:7: unknown field \"pathz\" in authorizer (known: failurePolicy, name, paths, type)"),
                Arguments.of("missing path", HEAD + "authorization:\n  authorizers:\n    - type: RBAC\n      paths: [nope/]\n",
                        ":6:15: path \"nope/\" does not exist"),
                Arguments.of("paths not a list", HEAD + "authorization:\n  authorizers:\n    - type: RBAC\n      paths: rbac\n",
                        ":6:14: \"paths\" must be a list"),
                Arguments.of("wrong apiVersion", "apiVersion: v1\nkind: Configuration\nauthorization:\n  authorizers:\n    - type: AlwaysDeny\n",
                        ":1:13: apiVersion is \"v1\", expected \"palisade.dev/v1alpha1\""),
                Arguments.of("missing type", HEAD + "authorization:\n  authorizers:\n    - name: x\n",
                        ":5:7: authorizer is missing \"type\""),
                Arguments.of("paths on AlwaysAllow", HEAD + "authorization:\n  authorizers:\n    - type: AlwaysAllow\n      paths: [rbac]\n",
                        ":6:14: authorizer of type AlwaysAllow takes no \"paths\""),
                Arguments.of("duplicate names", HEAD + "authorization:\n  authorizers:\n    - type: RBAC\n      paths: [rbac]\n    - type: RBAC\n      paths: [rbac]\n",
                        "authorizer name \"RBAC\" is used twice"),
                Arguments.of("invalid YAML", HEAD + "authorization:\n  authorizers: [\n",
                        "not valid YAML"),
                Arguments.of("empty chain", HEAD + "authorization:\n  authorizers: []\n",
                        ":4:16: \"authorizers\" is empty"),
                Arguments.of("limit not a number", HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\nlimits:\n  maxNestingDepth: deep\n",
                        ":6:20: limits.maxNestingDepth must be a whole number from 1 to 2147483647, got \"deep\""),
                Arguments.of("limit zero", HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\nlimits:\n  maxRequestBytes: 0\n",
                        ":6:20: limits.maxRequestBytes must be a whole number from 1"),
                Arguments.of("unknown limit", HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\nlimits:\n  maxBytes: 5\n",
                        ":6:3: unknown field \"maxBytes\" in limits"),
                Arguments.of("limits not a mapping", HEAD + "authorization:\n  authorizers: [{type: AlwaysDeny}]\nlimits: 5\n",
                        ":5:9: \"limits\" must be a mapping"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigurationsNameThePlace(String name, String yaml, String expected) throws IOException {
        Path f = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains(expected), () -> "expected «" + expected + "» in:\n" + e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Path f = write(HEAD + "authorization:\n  authorizers:\n    - type: Nope\n    - type: RBAC\n      paths: [missing]\n      extra: 1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void missingFileIsAClearError() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml")));
        assertTrue(e.getMessage().contains("configuration file not found"), e.getMessage());
    }
    @Test
    void admissionOnlyConfiguration_loadsAndAuthorizeDeniesSayingNoAuthorizerIsConfigured() throws IOException {
        Files.writeString(dir.resolve("adm.pal"), "package sec\nvalidate \"x\" on CREATE pods\n  deny when object.spec.hostNetwork == true\n  because \"no\"\n");
        Path f = write(HEAD + "admission:\n  plugins:\n    - type: Policy\n      paths: [adm.pal]\n");
        Configuration c = ConfigLoader.load(f);
        assertEquals(List.of(), c.authorizers());
        dev.palisade.engine.authz.Decision d = dev.palisade.engine.PolicyEngine.fromConfig(f).authorize(
                dev.palisade.engine.request.RequestAttributes.resource(
                        dev.palisade.engine.request.UserInfo.of("alice"), "get", "default", "", "pods", "", ""));
        assertEquals(false, d.allowed());
        assertTrue(d.reasonText().contains("no authorizer is configured"), d.reasonText());
    }

    @Test
    void configurationWithNoStageAtAll_isRejectedNamingTheThreeSections() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(write(HEAD)));
        assertTrue(e.problems().toString().contains("needs at least one of authorization, authentication, admission"),
                e.problems().toString());
    }
}
