package dev.palisade.dsl.ast;

/** Operators of admission conditions, with their spelling. */
public enum CmpOp {
    EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="), IN("in"), NOT_IN("not in"),
    CONTAINS("contains"), STARTS_WITH("startsWith"), ENDS_WITH("endsWith"), MATCHES("matches");

    private final String spelling;

    CmpOp(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public boolean isOrdering() {
        return this == LT || this == LE || this == GT || this == GE;
    }
}
