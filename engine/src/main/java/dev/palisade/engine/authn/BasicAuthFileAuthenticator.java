package dev.palisade.engine.authn;

import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static Basic credentials from the apiserver's password CSV ({@code password,user,uid,"groups"}),
 * keyed by user name as upstream keys them. A known user with a wrong password and an unknown
 * user answer the same way, in about the same time (a digest is compared either way), so the
 * answer does not tell which user names exist. A user listed twice is refused at load time.
 */
public final class BasicAuthFileAuthenticator implements Authenticator {
    private static final SecretDigest NOBODY = SecretDigest.of("\u0000no such user\u0000");
    private final String name;
    private final Map<String, CredentialRecord> byUser;

    public BasicAuthFileAuthenticator(String name, List<CredentialRecord> records, String source) {
        this.name = name;
        Map<String, CredentialRecord> map = new HashMap<>();
        for (CredentialRecord r : records) {
            CredentialRecord before = map.putIfAbsent(r.user(), r);
            if (before != null) {
                throw new AuthnLoadException(source + ":" + r.line() + ": user \"" + r.user() + "\" is already listed on line "
                        + before.line());
            }
        }
        this.byUser = Map.copyOf(map);
    }

    public static BasicAuthFileAuthenticator fromFile(String name, Path file) {
        return new BasicAuthFileAuthenticator(name, CredentialFileReader.read(file, "password"), file.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthnAttempt authenticate(Credentials credentials) {
        if (credentials.basicUser().isEmpty()) {
            return AuthnAttempt.notMine();
        }
        SecretDigest presented = SecretDigest.of(credentials.basicPassword().orElse(""));
        CredentialRecord r = byUser.get(credentials.basicUser().get());
        boolean ok = (r == null ? NOBODY : r.secret()).matches(presented) && r != null;
        if (!ok) {
            return AuthnAttempt.notMine(); // the chain turns an unaccepted Basic credential into a failure
        }
        return AuthnAttempt.success(new UserInfo(r.user(), r.uid(), r.groups(), Map.of()), AuthenticationMethod.BASIC);
    }
}
