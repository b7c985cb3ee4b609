package dev.palisade.engine.rbac;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.betaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import dev.palisade.dsl.model.ModelKieBase;
import java.util.List;
import org.drools.model.Declaration;
import org.drools.model.Index;
import org.drools.model.Rule;
import org.kie.api.KieBase;

/**
 * The RBAC authorizer's only rule, and its KieBase, built on first use and shared by every
 * RbacAuthorizer in the JVM. The rule is fixed: every binding is an {@link RbacGrant} fact,
 * never a generated rule, so one KieBase serves every policy and no YAML string reaches it.
 * In DRL it would read:
 *
 * <pre>
 * rule "a grant names the identity in its scope"
 * when
 *     $k : SubjectKey()
 *     $g : RbacGrant( subjectKey == $k.subjectKey, namespace == $k.namespace )
 * then
 *     $k.found($g);
 * end
 * </pre>
 *
 * <p>Shape for speed (measured, see docs/performance.md). The rule runs when a user's identities
 * are first seen in a scope, not per request: {@link IdentityCache} inserts the identities'
 * keys (a key for the ClusterRoleBinding grants, namespace "", and one for the RoleBinding
 * grants of the namespace), the join (hashed on subject and namespace) hands each key its
 * grants, and the keys are deleted again. The grants found become the scope's
 * {@link IdentityGroup}, kept by the cache; a request then only walks that short list with
 * {@code RuleAllows} in the apiserver's visiting order. Per-request inserts and firing
 * (a query fact joined against the kept keys) measured 1.3 µs of a 2 µs decision.
 */
final class RbacKieBase {
    private RbacKieBase() {}

    static KieBase get() {
        return Holder.KIE_BASE;
    }

    static Rule grantRule() {
        Declaration<SubjectKey> key = declarationOf(SubjectKey.class, "$k");
        Declaration<RbacGrant> grant = declarationOf(RbacGrant.class, "$g");
        return rule(RbacKieBase.class.getPackageName(), "a grant names the identity in its scope").build(
                pattern(key),
                pattern(grant)
                        .expr("subjectKey == $k.subjectKey", key, (g, k) -> g.getSubjectKey().equals(k.getSubjectKey()),
                                betaIndexedBy(String.class, Index.ConstraintType.EQUAL, 0,
                                        RbacGrant::getSubjectKey, SubjectKey::getSubjectKey))
                        .expr("namespace == $k.namespace", key, (g, k) -> g.getNamespace().equals(k.getNamespace()),
                                betaIndexedBy(String.class, Index.ConstraintType.EQUAL, 1,
                                        RbacGrant::getNamespace, SubjectKey::getNamespace)),
                on(key, grant).execute(SubjectKey::found));
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final KieBase KIE_BASE = ModelKieBase.build(List.of(grantRule()), RbacKieBase.class.getClassLoader());
    }
}
