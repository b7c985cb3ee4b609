package dev.palisade.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs one request, independent of the HTTP library: route, client-certificate check, the
 * handler on a worker thread under a deadline, then exactly one answer — the handler's, a 504
 * Status when the deadline passes first, or a 500 Status when the handler throws (fail closed:
 * never a stack trace, never an allow). Every answer is counted and logged.
 */
final class Dispatcher {
    private final Router router;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final Executor workers;
    private final ScheduledExecutorService deadlines;
    private final Duration timeout;
    private final boolean clientCertificatesRequired;
    private final Consumer<String> log;

    Dispatcher(Router router, ServerMetrics metrics, AccessLog accessLog, Executor workers,
               ScheduledExecutorService deadlines, Duration timeout, boolean clientCertificatesRequired,
               Consumer<String> log) {
        this.router = router;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.workers = workers;
        this.deadlines = deadlines;
        this.timeout = timeout;
        this.clientCertificatesRequired = clientCertificatesRequired;
        this.log = log;
    }

    /** Answers {@code request} through {@code reply}, called exactly once, on some thread. */
    void dispatch(HttpRequest request, Consumer<HttpResponse> reply) {
        long start = System.nanoTime();
        Instant time = Instant.now();
        metrics.started();
        Router.Resolved resolved = router.resolve(request);
        AtomicBoolean answered = new AtomicBoolean();
        Consumer<HttpResponse> once = response -> {
            if (answered.compareAndSet(false, true)) {
                long nanos = System.nanoTime() - start;
                // the answer is handed on before the request stops counting as in flight, so that a
                // draining server closes connections only after the answer's write was queued
                reply.accept(response);
                accessLog.record(time, request.remoteAddress(), request.method(), request.path(), response.status(),
                        response.verdict(), nanos / 1_000, request.body().length, response.body().length);
                metrics.finished(resolved.endpoint(), response.verdict(), response.status(), nanos);
            }
        };
        if (clientCertificatesRequired && resolved.requiresClientCertificate() && request.clientCertificates().isEmpty()) {
            once.accept(KubeStatus.unauthorized("a client certificate signed by the client CA is required"));
            return;
        }
        ScheduledFuture<?> deadline;
        try {
            deadline = deadlines.schedule(() -> once.accept(KubeStatus.timeout(
                    "the request did not finish within " + timeout.toMillis() + " ms")), timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            once.accept(KubeStatus.serviceUnavailable("the server is shutting down"));
            return;
        }
        try {
            workers.execute(() -> {
                HttpResponse response = run(resolved.handler(), request);
                deadline.cancel(false);
                once.accept(response);
            });
        } catch (RejectedExecutionException e) {
            deadline.cancel(false);
            once.accept(KubeStatus.serviceUnavailable("the server is overloaded or shutting down"));
        }
    }

    /**
     * Counts and logs an answer the transport gave before a request could be dispatched (a body
     * over the limit, a malformed request), so that /metrics and the access log see every answer.
     */
    void refused(String method, String path, String remoteAddress, long bytesIn, HttpResponse response) {
        String endpoint = router.resolve(new HttpRequest(method, path, "", java.util.Map.of(), new byte[0], java.util.List.of(),
                remoteAddress)).endpoint();
        accessLog.record(Instant.now(), remoteAddress, method, path, response.status(), response.verdict(), 0, bytesIn,
                response.body().length);
        metrics.started();
        metrics.finished(endpoint, response.verdict(), response.status(), 0);
    }

    private HttpResponse run(Handler handler, HttpRequest request) {
        try {
            HttpResponse response = handler.handle(request);
            if (response == null) {
                throw new IllegalStateException("handler returned no response");
            }
            return response;
        } catch (Exception | StackOverflowError e) {
            // the class name only: messages of unexpected errors may quote request content
            log.accept("error: " + request.method() + " " + request.path() + " failed: " + e.getClass().getName());
            return KubeStatus.internalError("internal error while answering the request");
        }
    }
}
