package dev.palisade.engine.abac;

/**
 * A subject key of the current request as a fact ({@code u:NAME}, {@code g:GROUP}, or
 * {@link #ANY}), so that the rule joins policy lines on it with a hashed {@code ==}.
 */
public final class AbacKey {
    /** The key of policy lines whose subject is a wildcard: every request holds it. */
    public static final String ANY = "*";
    private final String key;

    AbacKey(String key) {
        this.key = key;
    }

    static String user(String name) {
        return "u:" + name;
    }

    static String group(String name) {
        return "g:" + name;
    }

    public String getKey() {
        return key;
    }

    @Override
    public String toString() {
        return "AbacKey[" + key + "]";
    }
}
