package dev.palisade.engine.authn;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Service-account JWTs signed at test time with test-generated keys. */
public final class TestTokens {
    public static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

    private TestTokens() {}

    public static JWTClaimsSet.Builder bound(String namespace, String name) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(SystemIdentities.serviceAccountUser(namespace, name))
                .audience(List.of(ISSUER))
                .issueTime(Date.from(now.minusSeconds(5)))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .jwtID("jti-1")
                .claim("kubernetes.io", Map.of(
                        "namespace", namespace,
                        "serviceaccount", Map.of("name", name, "uid", "sa-uid-1"),
                        "pod", Map.of("name", "web-0", "uid", "pod-uid-1")));
    }

    public static JWTClaimsSet.Builder legacy(String namespace, String name) {
        return new JWTClaimsSet.Builder()
                .issuer(ServiceAccountAuthenticator.LEGACY_ISSUER)
                .subject(SystemIdentities.serviceAccountUser(namespace, name))
                .claim("kubernetes.io/serviceaccount/namespace", namespace)
                .claim("kubernetes.io/serviceaccount/service-account.name", name)
                .claim("kubernetes.io/serviceaccount/service-account.uid", "sa-uid-2")
                .claim("kubernetes.io/serviceaccount/secret.name", name + "-token-abcde");
    }

    public static String sign(JWTClaimsSet claims, KeyPair keys) {
        try {
            boolean ec = keys.getPrivate() instanceof ECPrivateKey;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256).keyID("k1").build(), claims);
            jwt.sign(ec ? new ECDSASigner((ECPrivateKey) keys.getPrivate()) : new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
