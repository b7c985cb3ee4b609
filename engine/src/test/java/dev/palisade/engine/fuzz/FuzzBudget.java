package dev.palisade.engine.fuzz;

/**
 * How many inputs a fuzz property tries. The properties leave {@code tries} open so that jqwik's
 * {@code jqwik.tries.default} decides: its default (1,000) in {@code mvn verify}, a few seconds per
 * surface; {@code mvn -Pfuzz verify} raises it (engine/pom.xml) for the long run.
 */
final class FuzzBudget {
    private FuzzBudget() {}

    static String describe() {
        return System.getProperty("jqwik.tries.default", "1000 (jqwik's default)");
    }
}
