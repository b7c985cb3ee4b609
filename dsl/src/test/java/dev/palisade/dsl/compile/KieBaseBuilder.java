package dev.palisade.dsl.compile;

import dev.palisade.dsl.model.DrlWriter;
import dev.palisade.dsl.runtime.PolicyProgram;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Test scope: the classic route, a KieBase from generated DRL with the KnowledgeBuilder, which the
 * equivalence tests compare the executable model against. Nothing in the main build uses DRL. Not KieHelper: that
 * registers every build in the process-wide KieRepository under one default release id, which
 * leaks and races when policy sets are built side by side (reloads). The KieBase is immutable
 * ({@link KieBaseMutabilityOption#DISABLED}), so it also does not track the sessions made from it.
 */
public final class KieBaseBuilder {
    /** Matches the DRL package, so Drools does not warn about a misplaced resource. */
    private static final String RESOURCE_PATH = AuthzPlans.PACKAGE.replace('.', '/') + "/policy.drl";

    private KieBaseBuilder() {}

    /** The program of {@code set} built from its DRL instead of its executable model. */
    public static PolicyProgram buildFromDrl(CompiledPolicySet set) {
        return new PolicyProgram(build(DrlWriter.drl(set.plan())), set.rules(), set.symbols(), set.predicates(), set.listFactUse());
    }

    static KieBase build(String drl) {
        return build(drl, RESOURCE_PATH);
    }

    /**
     * Builds DRL whose package is {@code drlPackage} (admission programs have their own).
     * @throws PolicyBuildException with Drools' messages if the DRL does not build
     */
    public static KieBase buildPackage(String drl, String drlPackage) {
        return build(drl, drlPackage.replace('.', '/') + "/policy.drl");
    }

    private static KieBase build(String drl, String resourcePath) {
        // the fact classes must resolve from our class loader whatever the caller's context loader is
        ClassLoader loader = PolicyProgram.class.getClassLoader();
        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        Resource resource = ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath(resourcePath);
        builder.add(resource, ResourceType.DRL);
        if (builder.hasErrors()) {
            List<String> messages = builder.getErrors().stream()
                    .map(KnowledgeBuilderError::toString).collect(Collectors.toList());
            throw new PolicyBuildException(messages);
        }
        KieBaseConfiguration kbConf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        kbConf.setOption(KieBaseMutabilityOption.DISABLED);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(kbConf);
        kieBase.addPackages(builder.getKnowledgePackages());
        return kieBase;
    }
}
