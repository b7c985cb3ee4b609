package dev.palisade.engine.kubeconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.palisade.engine.authn.TestPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The current context's user as credentials: token, certificate, basic; plugins refused. */
class KubeconfigReaderTest {
    @TempDir
    Path dir;

    private Path kubeconfig(String user) throws IOException {
        Path f = dir.resolve("config");
        Files.writeString(f, """
                apiVersion: v1
                kind: Config
                current-context: ci
                contexts:
                  - name: other
                    context: {cluster: c, user: nobody}
                  - name: ci
                    context: {cluster: c, user: builder}
                users:
                  - name: builder
                    user:
                """ + user.indent(6));
        return f;
    }

    @Test
    void tokenOfTheCurrentContext() throws IOException {
        KubeconfigCredentials c = KubeconfigReader.read(kubeconfig("token: abc.def.ghi"));
        assertEquals("ci", c.context());
        assertEquals("builder", c.userEntry());
        assertEquals("abc.def.ghi", c.credentials().bearerToken().orElseThrow());
        assertFalse(c.toString().contains("abc.def.ghi"), c.toString());
    }

    @Test
    void clientCertificateData() throws IOException {
        TestPki.Issued cert = TestPki.client(TestPki.ca("kc"), "CN=jane,O=dev");
        String data = Base64.getEncoder().encodeToString(cert.pem().getBytes(StandardCharsets.US_ASCII));
        KubeconfigCredentials c = KubeconfigReader.read(kubeconfig("client-certificate-data: " + data + "\nclient-key-data: AAAA"));
        assertEquals(cert.certificate(), c.credentials().clientChain().get(0));
        Files.writeString(dir.resolve("jane.crt"), cert.pem());
        assertEquals(cert.certificate(),
                KubeconfigReader.read(kubeconfig("client-certificate: jane.crt")).credentials().clientChain().get(0));
    }

    @Test
    void problemsAreNamed() throws IOException {
        assertTrue(assertThrows(KubeconfigException.class, () -> KubeconfigReader.read(kubeconfig("exec: {command: aws}")))
                .getMessage().contains("exec or auth-provider"));
        assertTrue(assertThrows(KubeconfigException.class, () -> KubeconfigReader.read(kubeconfig("password: p")))
                .getMessage().contains("no token, client certificate or username"));
        Path f = dir.resolve("bad");
        Files.writeString(f, "current-context: nowhere\ncontexts: []\nusers: []\n");
        assertTrue(assertThrows(KubeconfigException.class, () -> KubeconfigReader.read(f)).getMessage()
                .contains("no context named \"nowhere\""));
    }
}
