package dev.palisade.engine.cases;

import java.util.Map;

/**
 * One named case of a case file: its fields as plain YAML values, and where it starts
 * ({@code file:line}) so that a failure points at it.
 */
public record PolicyCase(String name, String location, Map<String, Object> fields) {
    public PolicyCase {
        fields = Map.copyOf(fields);
    }

    /** The field as text, or {@code ""} when absent. */
    public String text(String key) {
        Object v = fields.get(key);
        return v == null ? "" : v.toString();
    }
}
