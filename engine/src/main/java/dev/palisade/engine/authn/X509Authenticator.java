package dev.palisade.engine.authn;

import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Client certificates, as the apiserver's {@code --client-ca-file}: the presented chain (leaf
 * first, then intermediates) must validate with the JDK's PKIX against the configured CA bundle
 * at the current time, and the leaf must allow client authentication when it states extended
 * key usages. The subject's CN is the user name, its O values the groups. No certificate:
 * not mine. Any validation problem: a failure with the reason.
 */
public final class X509Authenticator implements Authenticator {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final String name;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    public X509Authenticator(String name, List<X509Certificate> caBundle, Clock clock) {
        if (caBundle.isEmpty()) {
            throw new AuthnLoadException("x509 authenticator \"" + name + "\": the CA bundle is empty");
        }
        this.name = name;
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate ca : caBundle) {
            set.add(new TrustAnchor(ca, null));
        }
        this.anchors = Set.copyOf(set);
        this.clock = clock;
    }

    public static X509Authenticator fromFile(String name, Path caFile, Clock clock) {
        return new X509Authenticator(name, PemCertificates.read(caFile), clock);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AuthnAttempt authenticate(Credentials credentials) {
        List<X509Certificate> chain = credentials.clientChain();
        if (chain.isEmpty()) {
            return AuthnAttempt.notMine();
        }
        X509Certificate leaf = chain.get(0);
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false); // no CRL/OCSP, as the apiserver
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(path, params);
        } catch (CertPathValidatorException e) {
            return AuthnAttempt.failure(describe(e, leaf));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return AuthnAttempt.failure("client certificate cannot be verified: " + e.getClass().getSimpleName());
        }
        String usage = usageProblem(leaf);
        if (usage != null) {
            return AuthnAttempt.failure(usage);
        }
        Subject subject;
        try {
            subject = subject(leaf.getSubjectX500Principal());
        } catch (InvalidNameException e) {
            return AuthnAttempt.failure("client certificate subject cannot be read");
        }
        if (subject.commonName().isEmpty()) {
            return AuthnAttempt.failure("client certificate has no common name (CN) to use as the user name");
        }
        return AuthnAttempt.success(new UserInfo(subject.commonName(), "", subject.organizations(), Map.of()),
                AuthenticationMethod.X509);
    }

    private String describe(CertPathValidatorException e, X509Certificate leaf) {
        String who = "client certificate \"" + leaf.getSubjectX500Principal().getName() + "\"";
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return who + " has expired (or a certificate of its chain has): now " + clock.instant() + ", valid until "
                    + leaf.getNotAfter().toInstant();
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return who + " is not yet valid: now " + clock.instant() + ", valid from " + leaf.getNotBefore().toInstant();
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return who + " has an invalid signature";
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS
                || e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return who + ": revocation problem";
        }
        return who + " is signed by an unknown authority (" + e.getReason() + ")";
    }

    private static String usageProblem(X509Certificate leaf) {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return "client certificate's extended key usage cannot be read";
        }
        if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
            return "client certificate is not for client authentication (extended key usage lacks clientAuth)";
        }
        return null;
    }

    /** CN (the last one, as Go's pkix.Name keeps) and every O, in certificate order. */
    static Subject subject(X500Principal principal) throws InvalidNameException {
        LdapName dn = new LdapName(principal.getName(X500Principal.RFC2253));
        String cn = "";
        List<String> orgs = new ArrayList<>();
        for (Rdn rdn : dn.getRdns()) { // index 0 is the first RDN of the certificate
            javax.naming.directory.Attributes attrs = rdn.toAttributes();
            try {
                var ids = attrs.getIDs();
                while (ids.hasMore()) {
                    String id = ids.next();
                    var values = attrs.get(id).getAll();
                    while (values.hasMore()) {
                        Object v = values.next();
                        String value = v instanceof byte[] ? "" : String.valueOf(v);
                        if (id.equalsIgnoreCase("CN")) {
                            cn = value;
                        } else if (id.equalsIgnoreCase("O")) {
                            orgs.add(value);
                        }
                    }
                }
            } catch (javax.naming.NamingException e) {
                throw new InvalidNameException(e.getMessage());
            }
        }
        return new Subject(cn, orgs);
    }

    record Subject(String commonName, List<String> organizations) {}
}
