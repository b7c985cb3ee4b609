package dev.palisade.engine.authn;

import java.util.List;

/** One line of a static credential file: the secret (as a digest only) and the user it stands for. */
record CredentialRecord(SecretDigest secret, String user, String uid, List<String> groups, int line) {
    public CredentialRecord {
        groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
        return "CredentialRecord[user=" + user + ", uid=" + uid + ", groups=" + groups + ", line=" + line + "]";
    }
}
