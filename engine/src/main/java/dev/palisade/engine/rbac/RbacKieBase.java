package dev.palisade.engine.rbac;

import dev.palisade.engine.drools.FixedRuleBase;
import org.kie.api.KieBase;

/**
 * The one KieBase of the fixed RBAC rules, built on first use and shared by every
 * RbacAuthorizer in the JVM: a KieBase build costs seconds, a policy change must not.
 */
final class RbacKieBase {
    static final String DRL_PATH = "dev/palisade/engine/rbac/rbac-authorizer.drl";

    private RbacKieBase() {}

    static KieBase get() {
        return Holder.KIE_BASE;
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final KieBase KIE_BASE = FixedRuleBase.build("rbac-authorizer", DRL_PATH, RbacKieBase.class.getClassLoader());
    }
}
