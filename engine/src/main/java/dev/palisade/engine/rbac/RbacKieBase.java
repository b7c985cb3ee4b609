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
 * rule "a grant of the request's identities in its scope allows it"
 * when
 *     $k : SubjectKey()
 *     $g : RbacGrant( subjectKey == $k.subjectKey, namespace == $k.namespace )
 *     $q : RbacQuery( identities == $k.owner, permits($g) )
 * then
 *     $q.offer($g);
 * end
 * </pre>
 *
 * <p>Shape for speed (measured, see docs/performance.md). The identities of a user (its name
 * and each bound group) are SubjectKey facts kept in the thread's session between requests
 * ({@link IdentityCache}), owned by an {@link IdentityGroup} per identity set and namespace: a
 * key for the ClusterRoleBinding grants (namespace "") and a key for the RoleBinding grants of
 * that namespace, for each identity some grant there names. Their joins with the grants (hashed
 * on subject and namespace: a ClusterRoleBinding grant's namespace is "", a RoleBinding's never
 * is) are computed once and kept in the network; a request is a single {@link RbacQuery} fact
 * that joins, hashed on the identity of its IdentityGroup, the (key, grant) pairs already
 * there. Only those few pairs reach {@code permits}, the port of RuleAllows.
 */
final class RbacKieBase {
    private RbacKieBase() {}

    static KieBase get() {
        return Holder.KIE_BASE;
    }

    static Rule grantRule() {
        Declaration<SubjectKey> key = declarationOf(SubjectKey.class, "$k");
        Declaration<RbacGrant> grant = declarationOf(RbacGrant.class, "$g");
        Declaration<RbacQuery> query = declarationOf(RbacQuery.class, "$q");
        return rule(RbacKieBase.class.getPackageName(), "a grant of the request's identities in its scope allows it").build(
                pattern(key),
                pattern(grant)
                        .expr("subjectKey == $k.subjectKey", key, (g, k) -> g.getSubjectKey().equals(k.getSubjectKey()),
                                betaIndexedBy(String.class, Index.ConstraintType.EQUAL, 0,
                                        RbacGrant::getSubjectKey, SubjectKey::getSubjectKey))
                        .expr("namespace == $k.namespace", key, (g, k) -> g.getNamespace().equals(k.getNamespace()),
                                betaIndexedBy(String.class, Index.ConstraintType.EQUAL, 1,
                                        RbacGrant::getNamespace, SubjectKey::getNamespace)),
                pattern(query)
                        .expr("identities == $k.owner", key, (q, k) -> q.getIdentities() == k.getOwner(),
                                betaIndexedBy(IdentityGroup.class, Index.ConstraintType.EQUAL, 0,
                                        RbacQuery::getIdentities, SubjectKey::getOwner))
                        .expr("permits($g)", grant, RbacQuery::permits),
                on(query, grant).execute(RbacQuery::offer));
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final KieBase KIE_BASE = ModelKieBase.build(List.of(grantRule()), RbacKieBase.class.getClassLoader());
    }
}
