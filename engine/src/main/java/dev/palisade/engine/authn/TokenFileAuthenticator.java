package dev.palisade.engine.authn;

import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static bearer tokens from the apiserver's token CSV ({@code token,user,uid,"groups"}). A token
 * not in the file is {@link AuthnAttempt.NotMine} (another authenticator may know it). Lookup is
 * by the token's digest, confirmed with a constant-time digest comparison. Two lines with the
 * same token are refused at load time (upstream keeps the last one silently).
 */
public final class TokenFileAuthenticator implements Authenticator {
    private final String name;
    private final Map<String, CredentialRecord> byDigest;

    public TokenFileAuthenticator(String name, List<CredentialRecord> records, String source) {
        this.name = name;
        Map<String, CredentialRecord> map = new HashMap<>();
        for (CredentialRecord r : records) {
            CredentialRecord before = map.putIfAbsent(r.secret().key(), r);
            if (before != null) {
                throw new AuthnLoadException(source + ":" + r.line() + ": the same token as on line " + before.line());
            }
        }
        this.byDigest = Map.copyOf(map);
    }

    public static TokenFileAuthenticator fromFile(String name, Path file) {
        return new TokenFileAuthenticator(name, CredentialFileReader.read(file, "token"), file.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthnAttempt authenticate(Credentials credentials) {
        if (credentials.bearerToken().isEmpty()) {
            return AuthnAttempt.notMine();
        }
        SecretDigest presented = SecretDigest.of(credentials.bearerToken().get());
        CredentialRecord r = byDigest.get(presented.key());
        if (r == null || !r.secret().matches(presented)) {
            return AuthnAttempt.notMine();
        }
        return AuthnAttempt.success(new UserInfo(r.user(), r.uid(), r.groups(), Map.of()), AuthenticationMethod.TOKEN);
    }

    public int size() {
        return byDigest.size();
    }
}
