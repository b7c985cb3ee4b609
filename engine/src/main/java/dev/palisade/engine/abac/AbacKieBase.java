package dev.palisade.engine.abac;

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
 * The ABAC authorizer's only rule, and its KieBase, built on first use and shared by every
 * AbacAuthorizer in the JVM. The rule is fixed: every policy line is an {@link AbacGrant}
 * fact, never a generated rule, so one KieBase serves every policy file and no file text
 * reaches it. In DRL it would read:
 *
 * <pre>
 * rule "ABAC policy lines of the requesting subject"
 * when
 *     $q : AbacQuery()
 *     $k : AbacKey()
 *     $g : AbacGrant( subjectKey == $k.key, matches($q) )
 * then
 *     $q.offer($g);
 * end
 * </pre>
 *
 * The grant pattern joins on the subject key with a hashed equality; only the lines of the
 * requesting user, its groups and the wildcard lines reach {@code matches}, the upstream check.
 */
final class AbacKieBase {
    private AbacKieBase() {}

    static KieBase get() {
        return Holder.KIE_BASE;
    }

    static Rule grantRule() {
        Declaration<AbacQuery> query = declarationOf(AbacQuery.class, "$q");
        Declaration<AbacKey> key = declarationOf(AbacKey.class, "$k");
        Declaration<AbacGrant> grant = declarationOf(AbacGrant.class, "$g");
        return rule(AbacKieBase.class.getPackageName(), "ABAC policy lines of the requesting subject").build(
                pattern(query),
                pattern(key),
                pattern(grant)
                        .expr("subjectKey == $k.key", key, (g, k) -> g.getSubjectKey().equals(k.getKey()),
                                betaIndexedBy(String.class, Index.ConstraintType.EQUAL, 0,
                                        AbacGrant::getSubjectKey, AbacKey::getKey))
                        .expr("matches($q)", query, AbacGrant::matches),
                on(query, grant).execute(AbacQuery::offer));
    }

    /** Lazy, thread-safe initialisation by the class loader. */
    private static final class Holder {
        static final KieBase KIE_BASE = ModelKieBase.build(List.of(grantRule()), AbacKieBase.class.getClassLoader());
    }
}
