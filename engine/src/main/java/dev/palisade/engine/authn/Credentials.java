package dev.palisade.engine.authn;

import dev.palisade.Api;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a request presents: an {@code Authorization} header (Basic or Bearer) and/or a client
 * certificate chain (leaf first) that the TLS layer received. Holds secrets: {@link #toString()}
 * names only which kinds are present, never their values.
 */
@Api
public final class Credentials {
    private static final Credentials NONE = new Credentials(null, null, null, List.of(), null);

    private final String basicUser;
    private final String basicPassword;
    private final String bearerToken;
    private final List<X509Certificate> clientChain;
    private final String malformedHeader;

    private Credentials(String basicUser, String basicPassword, String bearerToken, List<X509Certificate> clientChain,
                        String malformedHeader) {
        this.basicUser = basicUser;
        this.basicPassword = basicPassword;
        this.bearerToken = bearerToken;
        this.clientChain = clientChain == null ? List.of() : List.copyOf(clientChain);
        this.malformedHeader = malformedHeader;
    }

    public static Credentials none() {
        return NONE;
    }

    public static Credentials bearer(String token) {
        return new Credentials(null, null, token, List.of(), null);
    }

    public static Credentials basic(String user, String password) {
        return new Credentials(user, password, null, List.of(), null);
    }

    public static Credentials clientCertificate(List<X509Certificate> chain) {
        return new Credentials(null, null, null, chain, null);
    }

    /**
     * Reads an {@code Authorization} header value as the apiserver does: {@code Bearer TOKEN}
     * (scheme case-insensitive, empty token ignored) or {@code Basic base64(user:password)}.
     * Any other scheme is ignored (no credential); a Basic value that does not decode is kept
     * as malformed so that it fails rather than falling through to anonymous.
     */
    public static Credentials fromHeader(String authorization, List<X509Certificate> clientChain) {
        String bearer = null;
        String user = null;
        String password = null;
        String malformed = null;
        if (authorization != null && !authorization.isBlank()) {
            String[] parts = authorization.strip().split(" ", 3);
            String scheme = parts[0].toLowerCase(Locale.ROOT);
            if (scheme.equals("bearer") && parts.length >= 2 && !parts[1].isEmpty()) {
                bearer = parts[1];
            } else if (scheme.equals("basic") && parts.length >= 2) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    if (colon < 0) {
                        malformed = "Basic credentials have no ':' between user and password";
                    } else {
                        user = decoded.substring(0, colon);
                        password = decoded.substring(colon + 1);
                    }
                } catch (IllegalArgumentException e) {
                    malformed = "Basic credentials are not valid base64";
                }
            }
        }
        return new Credentials(user, password, bearer, clientChain, malformed);
    }

    public Credentials withClientChain(List<X509Certificate> chain) {
        return new Credentials(basicUser, basicPassword, bearerToken, chain, malformedHeader);
    }

    public Optional<String> bearerToken() {
        return Optional.ofNullable(bearerToken);
    }

    public Optional<String> basicUser() {
        return Optional.ofNullable(basicUser);
    }

    public Optional<String> basicPassword() {
        return Optional.ofNullable(basicPassword);
    }

    public List<X509Certificate> clientChain() {
        return clientChain;
    }

    /** Why the Authorization header could not be read, if it could not (no secret in the text). */
    public Optional<String> malformedHeader() {
        return Optional.ofNullable(malformedHeader);
    }

    public boolean isEmpty() {
        return basicUser == null && bearerToken == null && clientChain.isEmpty() && malformedHeader == null;
    }

    /** What was presented, for people, never a secret: {@code a bearer token (not shown)}, {@code none}. */
    public String describe() {
        List<String> parts = new java.util.ArrayList<>();
        if (bearerToken != null) {
            parts.add("a bearer token (not shown)");
        }
        if (basicUser != null) {
            parts.add("a basic-auth user and password (not shown)");
        }
        if (!clientChain.isEmpty()) {
            parts.add("a client certificate for \"" + clientChain.get(0).getSubjectX500Principal().getName() + "\"");
        }
        if (malformedHeader != null) {
            parts.add("a malformed Authorization header");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Credentials[");
        if (bearerToken != null) {
            b.append("bearer=<redacted> ");
        }
        if (basicUser != null) {
            b.append("basic=<redacted> ");
        }
        if (!clientChain.isEmpty()) {
            b.append("clientCertificate=").append(clientChain.get(0).getSubjectX500Principal().getName()).append(' ');
        }
        if (malformedHeader != null) {
            b.append("malformed ");
        }
        return b.toString().strip() + "]";
    }
}
