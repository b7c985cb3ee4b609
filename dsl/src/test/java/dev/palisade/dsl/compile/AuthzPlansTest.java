package dev.palisade.dsl.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.palisade.dsl.model.Constraint;
import dev.palisade.dsl.model.PatternPlan;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which request constraints of an authorization rule are hashed: exactly the positive equalities
 * with one constant (alpha indexes), whatever else the rule tests. Together with
 * {@code ModelBuilderTest.constantEqualitiesAreHashedNotEvaluated} this keeps constant-only rules
 * routed by hash, which the authorization hot path depends on.
 */
class AuthzPlansTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "one equality                | verb == \"get\"                                      | 1",
        "two equalities              | verb == \"get\" and resource == \"pods\"             | 2",
        "negated equality            | verb != \"get\"                                      | 0",
        "in a list                   | verb in [\"get\", \"list\"]                          | 0",
        "equality beside a predicate | verb == \"get\" and name startsWith \"a\"            | 1",
        "equality beside a group     | verb == \"get\" and \"g\" in user.groups             | 1",
        "attribute equality          | user.name == namespace                             | 0"})
    void positiveConstantEqualitiesAreHashed(String name, String condition, int hashed) {
        CompiledPolicySet set = Policies.compile("allow \"x\" when " + condition);
        PatternPlan<?> request = set.plan().rules().get(0).patterns().get(0);
        List<? extends Constraint<?>> constraints = request.constraints();
        long count = constraints.stream()
                .filter(c -> c instanceof Constraint.In<?> in && in.hashedValue() != null).count();
        assertEquals(hashed, count, constraints.toString());
    }
}
