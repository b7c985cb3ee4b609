package dev.palisade.engine.rbac;

/**
 * One identity of the requesting user as a fact: {@code u:<name>} or {@code g:<group>}.
 * Expanding the user's groups into facts lets the rules join grants on hashed equality
 * instead of scanning every grant with {@code contains}.
 */
public final class IdentityKey {
    private final String key;

    public IdentityKey(String key) {
        this.key = key;
    }

    public String getKey() {
        return key;
    }

    @Override
    public String toString() {
        return "IdentityKey[" + key + "]";
    }
}
