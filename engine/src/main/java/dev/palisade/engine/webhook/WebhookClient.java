package dev.palisade.engine.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.authn.AuthnLoadException;
import dev.palisade.engine.authn.PemCertificates;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * POSTs a review object as JSON to a webhook over HTTPS (JDK HttpClient) and returns the
 * answer's JSON. TLS trusts only the configured CA bundle when one is given; host names are
 * verified by the JDK. Every problem (TLS, timeout, non-2xx, non-JSON) is a
 * {@link WebhookException}; callers turn it into "deny" or "no opinion", never "allow". The
 * request body (which may hold a token) is never part of an error.
 */
public final class WebhookClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    private final WebhookEndpoint endpoint;
    private final HttpClient http;

    public WebhookClient(WebhookEndpoint endpoint) {
        this.endpoint = endpoint;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(endpoint.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1);
        if (endpoint.caBundle() != null) {
            b.sslContext(trusting(PemCertificates.read(endpoint.caBundle())));
        }
        this.http = b.build();
    }

    public WebhookEndpoint endpoint() {
        return endpoint;
    }

    public JsonNode post(JsonNode review) throws WebhookException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.timeout())
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(review))).build();
        } catch (JsonProcessingException e) {
            throw new WebhookException("cannot encode the review");
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new WebhookException("webhook " + endpoint.url() + " timed out after " + endpoint.timeout().toMillis() + " ms");
        } catch (SSLHandshakeException e) {
            throw new WebhookException("webhook " + endpoint.url() + ": TLS handshake failed (certificate not trusted?)");
        } catch (IOException e) {
            throw new WebhookException("webhook " + endpoint.url() + " unreachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebhookException("webhook call interrupted");
        }
        if (response.statusCode() / 100 != 2) {
            throw new WebhookException("webhook " + endpoint.url() + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_BODY) {
            throw new WebhookException("webhook " + endpoint.url() + " answer is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new WebhookException("webhook " + endpoint.url() + " answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookException("webhook " + endpoint.url() + " answer is not JSON");
        }
    }

    private static SSLContext trusting(List<X509Certificate> cas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new AuthnLoadException("cannot build a TLS context from the CA bundle: " + e.getClass().getSimpleName());
        }
    }
}
