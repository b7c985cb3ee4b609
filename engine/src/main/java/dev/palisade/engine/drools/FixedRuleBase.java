package dev.palisade.engine.drools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Builds the KieBase of a fixed DRL shipped on the classpath (the generic RBAC and ABAC rules,
 * whose grants are facts). Callers build it once per JVM and share it: a KieBase build costs
 * seconds, a policy change must not.
 */
public final class FixedRuleBase {
    private FixedRuleBase() {}

    /**
     * @param name    a short name for the release id and for errors, e.g. {@code rbac-authorizer}
     * @param drlPath the classpath resource, e.g. {@code dev/palisade/engine/rbac/rbac-authorizer.drl}
     */
    public static KieBase build(String name, String drlPath, ClassLoader loader) {
        KieServices ks = KieServices.Factory.get();
        // our own release id: the default one is shared with any other code in the JVM that builds rules
        ReleaseId releaseId = ks.newReleaseId("dev.palisade", "palisade-" + name, "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/" + drlPath, readDrl(drlPath, loader));
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException("the fixed " + name + " rules do not compile: "
                    + builder.getResults().getMessages(Message.Level.ERROR).stream()
                            .map(Message::toString).collect(Collectors.joining("; ")));
        }
        return ks.newKieContainer(releaseId, loader).getKieBase();
    }

    private static String readDrl(String drlPath, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(drlPath)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + drlPath);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
