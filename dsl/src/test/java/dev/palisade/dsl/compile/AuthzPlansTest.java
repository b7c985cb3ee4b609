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
        "attribute equality          | user.name == namespace                             | 0",
        "equalities beside a concat  | verb == \"get\" and resource == \"pods\" and namespace == \"t-\" + user.name | 2",
        "equality beside a function  | verb == \"get\" and lower(user.name) == \"admin\"  | 1",
        "equality beside a regex     | resource == \"jobs\" and regex(name, \"^a$\")         | 1"})
    void positiveConstantEqualitiesAreHashed(String name, String condition, int hashed) {
        CompiledPolicySet set = Policies.compile("allow \"x\" when " + condition);
        PatternPlan<?> request = set.plan().rules().get(0).patterns().get(0);
        List<? extends Constraint<?>> constraints = request.constraints();
        long count = constraints.stream()
                .filter(c -> c instanceof Constraint.In<?> in && in.hashedValue() != null).count();
        assertEquals(hashed, count, constraints.toString());
    }

    /** A computed operand is one unhashed test, after the rule's hashed ones, and only in the rule that uses it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "concat       | namespace == \"team-\" + user.serviceAccount.name | computed(0)",
        "negated      | not (lower(user.name) == \"admin\")              | !computed(0)",
        "regex test   | regex(name, \"^[a-z]+-[0-9]+$\")                  | computed(0)",
        "attr prefix  | name startsWith user.name                        | computed(0)"})
    void computedOperandsAreOneTestAfterTheHashedOnes(String name, String condition, String last) {
        CompiledPolicySet set = Policies.compile("allow \"x\" when verb == \"get\" and " + condition,
                "allow \"y\" when verb == \"get\" and resource == \"pods\"");
        List<? extends Constraint<?>> x = set.plan().rules().get(0).patterns().get(0).constraints();
        List<? extends Constraint<?>> y = set.plan().rules().get(1).patterns().get(0).constraints();
        assertEquals(2, x.size(), x.toString());
        assertEquals(0, ((Constraint.In<?>) x.get(0)).hashedValue() == null ? 1 : 0, "the constant equality stays hashed and first");
        assertEquals(last, x.get(1).id());
        assertEquals(List.of(), y.stream().filter(c -> c.id().contains("computed")).toList(), "other rules test nothing computed");
    }
}
