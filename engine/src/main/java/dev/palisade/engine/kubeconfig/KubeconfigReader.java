package dev.palisade.engine.kubeconfig;

import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authn.PemCertificates;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads the credentials of a kubeconfig's current context as kubectl would send them:
 * {@code token} / {@code tokenFile} (Bearer), {@code client-certificate-data} /
 * {@code client-certificate} (the client chain, as if TLS had verified possession of the key),
 * {@code username} / {@code password} (Basic). Exec and auth-provider plugins are refused:
 * running commands from a file is not what a policy tool should do. Paths are relative to the
 * kubeconfig's folder.
 */
public final class KubeconfigReader {
    private KubeconfigReader() {}

    public static KubeconfigCredentials read(Path file) {
        Object root;
        try {
            String text = SafeYaml.decode(file.toString(), Files.readAllBytes(file));
            root = SafeYaml.load(file.toString(), text, YamlLimits.KUBECONFIG);
        } catch (IOException e) {
            throw new KubeconfigException(file + ": cannot read kubeconfig: " + e.getClass().getSimpleName());
        } catch (YamlReadException e) {
            // the reason never quotes the file's text, which holds credentials
            throw new KubeconfigException(e.getMessage());
        }
        Map<?, ?> config = map(root, file + ": a kubeconfig must be a mapping");
        String current = string(config.get("current-context"));
        if (current.isEmpty()) {
            throw new KubeconfigException(file + ": current-context is not set");
        }
        Map<?, ?> context = named(config, "contexts", current, file, "context");
        Map<?, ?> contextBody = map(context.get("context"), file + ": context \"" + current + "\" has no body");
        String userName = string(contextBody.get("user"));
        if (userName.isEmpty()) {
            throw new KubeconfigException(file + ": context \"" + current + "\" names no user");
        }
        Map<?, ?> user = map(named(config, "users", userName, file, "user").get("user"),
                file + ": user \"" + userName + "\" has no body");
        String where = file + ": user \"" + userName + "\"";
        if (user.containsKey("exec") || user.containsKey("auth-provider")) {
            throw new KubeconfigException(where + " uses an exec or auth-provider plugin, which palisade does not run");
        }
        Path base = file.toAbsolutePath().getParent();
        String token = string(user.get("token"));
        if (token.isEmpty() && !string(user.get("tokenFile")).isEmpty()) {
            try {
                token = Files.readString(base.resolve(string(user.get("tokenFile")))).strip();
            } catch (IOException e) {
                throw new KubeconfigException(where + ": cannot read tokenFile");
            }
        }
        List<X509Certificate> chain = List.of();
        byte[] certPem = null;
        if (!string(user.get("client-certificate-data")).isEmpty()) {
            try {
                certPem = Base64.getMimeDecoder().decode(string(user.get("client-certificate-data")));
            } catch (IllegalArgumentException e) {
                throw new KubeconfigException(where + ": client-certificate-data is not base64");
            }
        } else if (!string(user.get("client-certificate")).isEmpty()) {
            try {
                certPem = Files.readAllBytes(base.resolve(string(user.get("client-certificate"))));
            } catch (IOException e) {
                throw new KubeconfigException(where + ": cannot read client-certificate");
            }
        }
        if (certPem != null) {
            try {
                chain = PemCertificates.parse(certPem);
            } catch (CertificateException e) {
                throw new KubeconfigException(where + ": client certificate is not a PEM certificate");
            }
        }
        Credentials credentials;
        if (!token.isEmpty()) {
            credentials = Credentials.bearer(token).withClientChain(chain);
        } else if (!string(user.get("username")).isEmpty()) {
            credentials = Credentials.basic(string(user.get("username")), string(user.get("password"))).withClientChain(chain);
        } else if (!chain.isEmpty()) {
            credentials = Credentials.clientCertificate(chain);
        } else {
            throw new KubeconfigException(where + " has no token, client certificate or username");
        }
        return new KubeconfigCredentials(current, userName, credentials);
    }

    private static Map<?, ?> named(Map<?, ?> config, String list, String name, Path file, String what) {
        if (!(config.get(list) instanceof List<?> entries)) {
            throw new KubeconfigException(file + ": \"" + list + "\" is missing");
        }
        for (Object e : entries) {
            if (e instanceof Map<?, ?> m && name.equals(string(m.get("name")))) {
                return m;
            }
        }
        throw new KubeconfigException(file + ": no " + what + " named \"" + name + "\" in \"" + list + "\"");
    }

    private static Map<?, ?> map(Object o, String error) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new KubeconfigException(error);
    }

    private static String string(Object o) {
        return o == null ? "" : String.valueOf(o);
    }
}
