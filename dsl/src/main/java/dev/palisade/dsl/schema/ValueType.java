package dev.palisade.dsl.schema;

/** The types of values in conditions. */
public enum ValueType {
    STRING("string"),
    STRING_LIST("list of strings"),
    BOOL("boolean");

    private final String display;

    ValueType(String display) {
        this.display = display;
    }

    /** How the type is named in error messages. */
    public String display() {
        return display;
    }
}
