package dev.palisade.engine.webhook;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a webhook lives and how to reach it: an {@code https} URL, the CA bundle that signs its
 * certificate (null: the JVM's default trust store), and the time allowed per call.
 */
public record WebhookEndpoint(URI url, Path caBundle, Duration timeout) {
    public WebhookEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("webhook URL must use https: " + url);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook timeout must be positive");
        }
    }
}
