package dev.palisade.dsl.model;

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
 * Builds a KieBase from executable-model rules assembled in Java: no DRL is parsed, no MVEL is
 * analysed or run, no consequence class is compiled. The KieBase is immutable (rules never
 * change after the build; facts do), which also lets Drools drop facts that reach no node.
 */
public final class ModelKieBase {
    private ModelKieBase() {}

    /** @param loader the class loader of the rules' fact classes, whatever the caller's context loader is */
    public static KieBase build(List<Rule> rules, ClassLoader loader) {
        KieBaseConfiguration conf = KieServices.Factory.get().newKieBaseConfiguration(null, loader);
        conf.setOption(KieBaseMutabilityOption.DISABLED);
        return KieBaseBuilder.createKieBaseFromModel(new ModelImpl().withRules(rules), conf,
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(loader));
    }
}
