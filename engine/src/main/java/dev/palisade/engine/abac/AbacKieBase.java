package dev.palisade.engine.abac;

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
 * The one KieBase of the fixed ABAC rule, built on first use and shared by every
 * AbacAuthorizer in the JVM: a KieBase build costs seconds, a policy change must not.
 */
final class AbacKieBase {
    static final String DRL_PATH = "dev/palisade/engine/abac/abac-authorizer.drl";

    private AbacKieBase() {}

    static KieBase get() {
        return Holder.KIE_BASE;
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final KieBase KIE_BASE = build();
    }

    private static KieBase build() {
        ClassLoader loader = AbacKieBase.class.getClassLoader();
        KieServices ks = KieServices.Factory.get();
        // our own release id: the default one is shared with any other code in the JVM that builds rules
        ReleaseId releaseId = ks.newReleaseId("dev.palisade", "palisade-abac-authorizer", "1.0.0");
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        kfs.write("src/main/resources/" + DRL_PATH, readDrl(loader));
        KieBuilder builder = ks.newKieBuilder(kfs, loader).buildAll();
        if (builder.getResults().hasMessages(Message.Level.ERROR)) {
            throw new IllegalStateException("the fixed ABAC rule do not compile: "
                    + builder.getResults().getMessages(Message.Level.ERROR).stream()
                            .map(Message::toString).collect(Collectors.joining("; ")));
        }
        return ks.newKieContainer(releaseId, loader).getKieBase();
    }

    private static String readDrl(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(DRL_PATH)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + DRL_PATH);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
