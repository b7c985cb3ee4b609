package dev.palisade.dsl.ast;

/** Binary operators of conditions, with their spelling in the DSL. */
public enum Operator {
    EQ("=="),
    NE("!="),
    IN("in"),
    NOT_IN("not in"),
    CONTAINS("contains"),
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith"),
    MATCHES("matches");

    private final String spelling;

    Operator(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }
}
