package dev.palisade.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** {@code /healthz}, {@code /livez} (the process answers) and {@code /readyz} (a policy is loaded), {@code /metrics}. */
final class HealthHandlers {
    private HealthHandlers() {}

    static Handler alive() {
        return r -> HttpResponse.text(200, "ok");
    }

    static Handler ready(EngineSource engines) {
        return r -> engines.ready() ? HttpResponse.text(200, "ok")
                : HttpResponse.text(503, "not ready: no policy is loaded yet");
    }

    static Handler metrics(ServerMetrics metrics) {
        return r -> new HttpResponse(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
