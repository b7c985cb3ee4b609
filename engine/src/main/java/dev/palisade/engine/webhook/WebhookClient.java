package dev.palisade.engine.webhook;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
        // the deadline covers the whole exchange: HttpRequest.timeout stops at the headers, and a
        // server that then trickles or stalls the body must not hold the caller past it (D10)
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, info -> new BoundedBody(MAX_BODY));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(endpoint.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new WebhookException("webhook " + endpoint.url() + " timed out after " + endpoint.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new WebhookException("webhook call interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BoundedBody.TooLarge) {
                throw new WebhookException("webhook " + endpoint.url() + " answer is larger than " + MAX_BODY + " bytes");
            } else if (cause instanceof HttpTimeoutException) {
                throw new WebhookException("webhook " + endpoint.url() + " timed out after " + endpoint.timeout().toMillis() + " ms");
            } else if (cause instanceof SSLHandshakeException) {
                throw new WebhookException("webhook " + endpoint.url() + ": TLS handshake failed (certificate not trusted?)");
            }
            throw new WebhookException("webhook " + endpoint.url() + " unreachable: " + (cause == null ? "" : cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage())));
        }
        if (response.statusCode() / 100 != 2) {
            throw new WebhookException("webhook " + endpoint.url() + " answered HTTP " + response.statusCode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new WebhookException("webhook " + endpoint.url() + " answer is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new WebhookException("webhook " + endpoint.url() + " answer is not a JSON object");
        }
        requireSameKind(review, node);
        return node;
    }

    /**
     * The answer must be the review sent back (same kind, same API group): a {@code Status} or any
     * other object that happens to hold {@code status.allowed} is not an answer (fail closed, D10).
     */
    private void requireSameKind(JsonNode review, JsonNode answer) throws WebhookException {
        String kind = review.path("kind").asText("");
        String apiVersion = review.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/') + 1) : apiVersion;
        JsonNode k = answer.get("kind");
        JsonNode v = answer.get("apiVersion");
        if (k == null || !k.isTextual() || !k.textValue().equals(kind)
                || v == null || !v.isTextual() || !v.textValue().startsWith(group)) {
            throw new WebhookException("webhook " + endpoint.url() + " answer is not a " + kind + " of " + group
                    + " (kind " + (k == null ? "missing" : k.toString()) + ", apiVersion " + (v == null ? "missing" : v.toString()) + ")");
        }
    }

    /**
     * Collects a response body up to {@code max} bytes and fails at {@code max + 1} without
     * reading (or holding) the rest: the exchange is cancelled.
     */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        static final class TooLarge extends IOException {
            TooLarge() {
                super("body too large");
            }
        }

        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
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
