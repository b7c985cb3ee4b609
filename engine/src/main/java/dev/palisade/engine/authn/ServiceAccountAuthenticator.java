package dev.palisade.engine.authn;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.palisade.engine.request.UserInfo;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service-account JWTs, verified with nimbus-jose-jwt as the apiserver verifies them.
 *
 * <p>A bearer token that is not a signed JWT, or whose issuer is not configured and that carries
 * no service-account claims, is not mine. Otherwise every check must pass, each failure with its
 * own reason: algorithm (RS256 / ES256 only: never {@code none} or HMAC, whose "key" would be
 * the public key), signature by one of the configured public keys, expiry / not-before /
 * issued-at (60 s leeway, as go-jose), audience (the token's must meet the configured ones; a
 * token without audience gets the configured ones, as upstream's implicit audiences), and the
 * claims themselves:
 * <ul>
 *   <li>bound tokens (a {@code kubernetes.io} claim with namespace, serviceaccount, and
 *       optionally pod / node), issued by a configured issuer;</li>
 *   <li>legacy secret-based tokens (issuer {@code kubernetes/serviceaccount}, flat
 *       {@code kubernetes.io/serviceaccount/*} claims), only when enabled.</li>
 * </ul>
 * The user is {@code system:serviceaccount:NS:NAME} in {@code system:serviceaccounts} and
 * {@code system:serviceaccounts:NS}; pod and node name/uid and the token id become extras.
 */
public final class ServiceAccountAuthenticator implements Authenticator {
    public static final String LEGACY_ISSUER = "kubernetes/serviceaccount";
    private static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final String LEGACY_NAMESPACE = "kubernetes.io/serviceaccount/namespace";
    private static final String LEGACY_NAME = "kubernetes.io/serviceaccount/service-account.name";
    private static final String LEGACY_UID = "kubernetes.io/serviceaccount/service-account.uid";
    private static final String LEGACY_SECRET = "kubernetes.io/serviceaccount/secret.name";
    private static final String BOUND_CLAIM = "kubernetes.io";

    private final String name;
    private final List<String> issuers;
    private final List<String> audiences;
    private final List<PublicKey> keys;
    private final boolean acceptLegacyTokens;
    private final Clock clock;

    /** {@code audiences} empty means the issuers, as the apiserver defaults {@code --api-audiences}. */
    public ServiceAccountAuthenticator(String name, List<String> issuers, List<String> audiences, List<PublicKey> keys,
                                       boolean acceptLegacyTokens, Clock clock) {
        if (issuers.isEmpty() && !acceptLegacyTokens) {
            throw new AuthnLoadException("service-account authenticator \"" + name + "\" needs at least one issuer");
        }
        if (keys.isEmpty()) {
            throw new AuthnLoadException("service-account authenticator \"" + name + "\" needs at least one public key");
        }
        for (PublicKey k : keys) {
            if (!(k instanceof RSAPublicKey) && !(k instanceof ECPublicKey)) {
                throw new AuthnLoadException("service-account authenticator \"" + name + "\": key type " + k.getAlgorithm()
                        + " is not supported (RSA or EC P-256)");
            }
        }
        this.name = name;
        this.issuers = List.copyOf(issuers);
        this.audiences = List.copyOf(audiences.isEmpty() ? issuers : audiences);
        this.keys = List.copyOf(keys);
        this.acceptLegacyTokens = acceptLegacyTokens;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthnAttempt authenticate(Credentials credentials) {
        String token = credentials.bearerToken().orElse(null);
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            return AuthnAttempt.notMine();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return AuthnAttempt.notMine(); // not a JWT: perhaps another authenticator's token
        }
        String issuer = claims.getIssuer();
        boolean legacy = acceptLegacyTokens && LEGACY_ISSUER.equals(issuer);
        if (!legacy && (issuer == null || !issuers.contains(issuer))) {
            if (claims.getClaim(BOUND_CLAIM) != null || claims.getClaim(LEGACY_NAMESPACE) != null) {
                return AuthnAttempt.failure("service-account token issuer \"" + issuer + "\" is not accepted (accepted: "
                        + String.join(", ", acceptedIssuers()) + ")");
            }
            return AuthnAttempt.notMine();
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            return AuthnAttempt.failure("token signing algorithm " + alg + " is not accepted (RS256, ES256)");
        }
        if (!verified(jwt, alg)) {
            return AuthnAttempt.failure("token signature is invalid: no configured public key verifies it");
        }
        String timeProblem = timeProblem(claims);
        if (timeProblem != null) {
            return AuthnAttempt.failure(timeProblem);
        }
        List<String> tokenAudiences = claims.getAudience() == null || claims.getAudience().isEmpty()
                ? audiences : claims.getAudience();
        if (tokenAudiences.stream().noneMatch(audiences::contains)) {
            return AuthnAttempt.failure("token audiences " + tokenAudiences + " are not among the accepted audiences " + audiences);
        }
        try {
            return legacy ? legacyUser(claims) : boundUser(claims);
        } catch (ParseException | ClassCastException e) {
            return AuthnAttempt.failure("service-account claims are malformed: a claim has the wrong type");
        }
    }

    private List<String> acceptedIssuers() {
        List<String> all = new ArrayList<>(issuers);
        if (acceptLegacyTokens) {
            all.add(LEGACY_ISSUER);
        }
        return all;
    }

    private boolean verified(SignedJWT jwt, JWSAlgorithm alg) {
        for (PublicKey key : keys) {
            try {
                JWSVerifier verifier = null;
                if (alg == JWSAlgorithm.RS256 && key instanceof RSAPublicKey rsa) {
                    verifier = new RSASSAVerifier(rsa);
                } else if (alg == JWSAlgorithm.ES256 && key instanceof ECPublicKey ec
                        && Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
                    verifier = new ECDSAVerifier(ec);
                }
                if (verifier != null && jwt.verify(verifier)) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // this key cannot verify this token; try the next
            }
        }
        return false;
    }

    private String timeProblem(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp != null && now.isAfter(exp.toInstant().plus(LEEWAY))) {
            return "service account token has expired (at " + exp.toInstant() + ", now " + now + ")";
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
            return "service account token is not valid yet (from " + nbf.toInstant() + ", now " + now + ")";
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.plus(LEEWAY).isBefore(iat.toInstant())) {
            return "service account token is issued in the future (" + iat.toInstant() + ", now " + now + ")";
        }
        return null;
    }

    private AuthnAttempt legacyUser(JWTClaimsSet claims) throws ParseException {
        String namespace = claims.getStringClaim(LEGACY_NAMESPACE);
        String saName = claims.getStringClaim(LEGACY_NAME);
        String uid = claims.getStringClaim(LEGACY_UID);
        String secret = claims.getStringClaim(LEGACY_SECRET);
        if (empty(claims.getSubject())) {
            return AuthnAttempt.failure("sub claim is missing");
        }
        String[][] required = {{"namespace", namespace}, {"serviceAccountName", saName}, {"serviceAccountUID", uid},
                {"secretName", secret}};
        for (String[] claim : required) {
            if (empty(claim[1])) {
                return AuthnAttempt.failure(claim[0] + " claim is missing");
            }
        }
        if (!SystemIdentities.serviceAccountUser(namespace, saName).equals(claims.getSubject())) {
            return AuthnAttempt.failure("sub claim is invalid: it does not name the service account of the token");
        }
        return AuthnAttempt.success(serviceAccount(namespace, saName, uid, Map.of()), AuthenticationMethod.SERVICE_ACCOUNT);
    }

    private AuthnAttempt boundUser(JWTClaimsSet claims) throws ParseException {
        Map<String, Object> k = claims.getJSONObjectClaim(BOUND_CLAIM);
        if (k == null) {
            return AuthnAttempt.failure("the kubernetes.io claim is missing (not a service-account token of this issuer)");
        }
        String namespace = string(k, "namespace");
        Map<String, Object> sa = object(k, "serviceaccount");
        String saName = sa == null ? null : string(sa, "name");
        String uid = sa == null ? null : string(sa, "uid");
        if (empty(namespace)) {
            return AuthnAttempt.failure("kubernetes.io.namespace claim is missing");
        }
        if (empty(saName)) {
            return AuthnAttempt.failure("kubernetes.io.serviceaccount.name claim is missing");
        }
        if (!SystemIdentities.serviceAccountUser(namespace, saName).equals(claims.getSubject())) {
            return AuthnAttempt.failure("sub claim is invalid: it does not name the service account of the token");
        }
        Map<String, List<String>> extra = new LinkedHashMap<>();
        Map<String, Object> pod = object(k, "pod");
        if (pod != null) {
            String podName = string(pod, "name");
            String podUid = string(pod, "uid");
            if (empty(podName) || empty(podUid)) {
                return AuthnAttempt.failure("kubernetes.io.pod claim needs name and uid");
            }
            extra.put(SystemIdentities.POD_NAME_EXTRA, List.of(podName));
            extra.put(SystemIdentities.POD_UID_EXTRA, List.of(podUid));
        }
        Map<String, Object> node = object(k, "node");
        if (node != null) {
            if (empty(string(node, "name"))) {
                return AuthnAttempt.failure("kubernetes.io.node claim needs a name");
            }
            extra.put(SystemIdentities.NODE_NAME_EXTRA, List.of(string(node, "name")));
            if (!empty(string(node, "uid"))) {
                extra.put(SystemIdentities.NODE_UID_EXTRA, List.of(string(node, "uid")));
            }
        }
        if (!empty(claims.getJWTID())) {
            extra.put(SystemIdentities.CREDENTIAL_ID_EXTRA, List.of("JTI=" + claims.getJWTID()));
        }
        return AuthnAttempt.success(serviceAccount(namespace, saName, uid, extra), AuthenticationMethod.SERVICE_ACCOUNT);
    }

    private static UserInfo serviceAccount(String namespace, String name, String uid, Map<String, List<String>> extra) {
        return new UserInfo(SystemIdentities.serviceAccountUser(namespace, name), uid,
                List.of(SystemIdentities.SERVICE_ACCOUNTS_GROUP, SystemIdentities.serviceAccountsGroup(namespace)), extra);
    }

    private static String string(Map<String, Object> m, String key) throws ParseException {
        Object v = m.get(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new ParseException("kubernetes.io claim field " + key + " must be a string", 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> m, String key) throws ParseException {
        Object v = m.get(key);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new ParseException("kubernetes.io claim field " + key + " must be an object", 0);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}
