package dev.palisade.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact routes by path and method; everything else goes to the fallback handler. A known path
 * asked with another method is a 405 Status naming the allowed ones. Each route has a name, the
 * bounded label its requests are counted under in the metrics.
 */
public final class Router {
    /** What a request resolved to: the endpoint name for metrics and logs, and who answers it. */
    public record Resolved(String endpoint, Handler handler, boolean requiresClientCertificate) {}

    private record Route(String endpoint, Map<String, Handler> byMethod, boolean requiresClientCertificate) {}

    private final Map<String, Route> routes;
    private final Handler fallback;

    private Router(Map<String, Route> routes, Handler fallback) {
        this.routes = Map.copyOf(routes);
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    public Resolved resolve(HttpRequest request) {
        Route route = routes.get(request.path());
        if (route == null) {
            return new Resolved("fallback", fallback, false);
        }
        Handler handler = route.byMethod().get(request.method());
        if (handler == null) {
            String allowed = String.join(", ", route.byMethod().keySet());
            return new Resolved(route.endpoint(), r -> KubeStatus.methodNotAllowed(
                    "the server does not allow method " + r.method() + " on " + r.path() + " (allowed: " + allowed + ")")
                    .withHeader("allow", allowed), route.requiresClientCertificate());
        }
        return new Resolved(route.endpoint(), handler, route.requiresClientCertificate());
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private Handler fallback = r -> KubeStatus.notFound("the server could not find the requested resource");

        /**
         * Adds a route answering {@code method} on each of {@code paths}.
         *
         * @param requiresClientCertificate when the server has a client CA, callers must present a
         *                                  certificate it signed (the webhook endpoints)
         */
        public Builder route(String endpoint, String method, List<String> paths, boolean requiresClientCertificate,
                             Handler handler) {
            for (String path : paths) {
                Route existing = routes.get(path);
                Map<String, Handler> byMethod = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing.byMethod());
                byMethod.put(method, handler);
                routes.put(path, new Route(endpoint, byMethod, requiresClientCertificate));
            }
            return this;
        }

        public Builder fallback(Handler fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        public Router build() {
            return new Router(routes, fallback);
        }
    }
}
