package dev.palisade.engine.abac;

import dev.palisade.engine.drools.FixedRuleBase;
import org.kie.api.KieBase;

/**
 * The one KieBase of the fixed ABAC rules, built on first use and shared by every
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
        static final KieBase KIE_BASE = FixedRuleBase.build("abac-authorizer", DRL_PATH, AbacKieBase.class.getClassLoader());
    }
}
