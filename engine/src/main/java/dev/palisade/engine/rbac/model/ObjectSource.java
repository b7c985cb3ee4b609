package dev.palisade.engine.rbac.model;

import java.util.Objects;

/** Where an RBAC object was read from, so a decision can point at it; {@link #NONE} when built in code. */
public record ObjectSource(String file, int line) {
    public static final ObjectSource NONE = new ObjectSource("", 0);

    public ObjectSource {
        file = Objects.requireNonNullElse(file, "");
    }

    /** {@code file:line}, {@code file}, or "" when unknown. */
    public String render() {
        if (file.isEmpty()) {
            return "";
        }
        return line > 0 ? file + ":" + line : file;
    }
}
