package dev.palisade.engine.drools;

import java.util.List;
import org.drools.model.Rule;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.internal.builder.KnowledgeBuilderFactory;

/**
 * Builds the KieBase of fixed rules written in Java with Drools' executable model (the
 * generic RBAC and ABAC rules, whose grants are facts): no DRL is parsed and no MVEL runs,
 * constraints are plain Java predicates and their equality indexes are declared. Callers build
 * it once per JVM and share it.
 */
public final class FixedRuleBase {
    private FixedRuleBase() {}

    /** @param loader the class loader of the fact classes the rules use */
    public static KieBase build(List<Rule> rules, ClassLoader loader) {
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        conf.setOption(KieBaseMutabilityOption.DISABLED); // rules never change: facts do
        return KieBaseBuilder.createKieBaseFromModel(new ModelImpl().withRules(rules), conf,
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader));
    }
}
