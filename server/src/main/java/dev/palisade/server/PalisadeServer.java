package dev.palisade.server;

import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.server.tls.ReloadingSslContext;
import dev.palisade.server.tls.TlsException;
import dev.palisade.server.webhook.AdmissionReviewHandler;
import dev.palisade.server.webhook.SubjectAccessReviewHandler;
import dev.palisade.server.webhook.TokenReviewHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Palisade's webhook server: the authorization, authentication and admission webhooks, health,
 * readiness and metrics over HTTPS (optionally mutual TLS), and a fallback handler for every
 * other path. Built with {@link #builder()}, started by {@link Builder#start()}, stopped by
 * {@link #close()}: stop accepting, let requests in flight finish within the grace period, close
 * the engine source.
 */
public final class PalisadeServer implements AutoCloseable {
    /** The apiserver's limit on a request body. */
    public static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

    public static final List<String> SAR_PATHS = List.of(
            "/apis/authorization.k8s.io/v1/subjectaccessreviews", "/apis/authorization.k8s.io/v1beta1/subjectaccessreviews");
    public static final List<String> TOKEN_REVIEW_PATHS = List.of(
            "/apis/authentication.k8s.io/v1/tokenreviews", "/apis/authentication.k8s.io/v1beta1/tokenreviews");

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final ChannelGroup channels;
    private final List<Channel> listeners;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timers;
    private final EngineSource engines;
    private final ServerMetrics metrics;
    private final AccessLog accessLog;
    private final Duration shutdownGrace;
    private final Consumer<String> log;
    private final int securePort;
    private final int insecurePort;
    private volatile boolean draining;
    private boolean closed;

    private PalisadeServer(Builder b, ReloadingSslContext tls) throws InterruptedException {
        this.engines = b.engines;
        this.accessLog = b.accessLog;
        this.shutdownGrace = b.shutdownGrace;
        this.log = b.log;
        this.metrics = new ServerMetrics(b.registry, engines);
        this.channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(b.workerThreads, b.workerThreads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(b.queueLimit), r -> daemon(r, "palisade-worker-" + n.incrementAndGet()));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "palisade-timer"));
        t.setRemoveOnCancelPolicy(true);
        this.timers = t;
        Router.Builder routes = Router.builder()
                .route("subjectaccessreview", "POST", SAR_PATHS, true, new SubjectAccessReviewHandler(engines))
                .route("tokenreview", "POST", TOKEN_REVIEW_PATHS, true, new TokenReviewHandler(engines))
                .route("validate", "POST", List.of("/validate"), true, new AdmissionReviewHandler(engines, AdmissionPhase.VALIDATE))
                .route("mutate", "POST", List.of("/mutate"), true, new AdmissionReviewHandler(engines, AdmissionPhase.MUTATE))
                .route("healthz", "GET", List.of("/healthz"), false, HealthHandlers.alive())
                .route("livez", "GET", List.of("/livez"), false, HealthHandlers.alive())
                .route("readyz", "GET", List.of("/readyz"), false, HealthHandlers.ready(engines))
                .route("metrics", "GET", List.of("/metrics"), false, HealthHandlers.metrics(metrics))
                .fallback(b.fallback);
        b.extraRoutes.forEach(c -> c.accept(routes));
        Dispatcher dispatcher = new Dispatcher(routes.build(), metrics, accessLog, workers, timers, b.requestTimeout,
                tls != null && tls.mutualTls(), log);
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.io = new MultiThreadIoEventLoopGroup(b.ioThreads, NioIoHandler.newFactory());
        this.listeners = new ArrayList<>();
        int secure = -1;
        int insecure = -1;
        try {
            if (tls != null) {
                Channel c = NettyTransport.bootstrap(boss, io, channels, tls, MAX_BODY_BYTES, dispatcher, () -> draining)
                        .bind(new InetSocketAddress(b.bindAddress, b.securePort)).sync().channel();
                listeners.add(c);
                secure = ((InetSocketAddress) c.localAddress()).getPort();
                timers.scheduleWithFixedDelay(tls::check, 1, 1, TimeUnit.SECONDS);
            }
            if (b.insecurePort >= 0) {
                Channel c = NettyTransport.bootstrap(boss, io, channels, null, MAX_BODY_BYTES, dispatcher, () -> draining)
                        .bind(new InetSocketAddress(b.bindAddress, b.insecurePort)).sync().channel();
                listeners.add(c);
                insecure = ((InetSocketAddress) c.localAddress()).getPort();
            }
        } catch (Exception e) {
            // also a BindException, which Netty throws undeclared
            stopThreads();
            throw e;
        }
        timers.scheduleWithFixedDelay(accessLog::flush, 1, 1, TimeUnit.SECONDS);
        this.securePort = secure;
        this.insecurePort = insecure;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTPS port bound (useful with port 0), or -1 without TLS. */
    public int securePort() {
        return securePort;
    }

    /** The plain-HTTP port bound, or -1 when none was asked for. */
    public int insecurePort() {
        return insecurePort;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * Stops accepting connections, waits up to the shutdown grace for requests in flight (their
     * answers close their connections), then stops the threads and closes the engine source.
     * Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        listeners.forEach(c -> c.close().awaitUninterruptibly(1, TimeUnit.SECONDS));
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (metrics.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (metrics.inFlight() > 0) {
            log.accept("shutdown: " + metrics.inFlight() + " request(s) still running after the grace period of "
                    + shutdownGrace.toMillis() + " ms; closing");
        }
        channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        stopThreads();
        try {
            engines.close();
        } catch (RuntimeException e) {
            log.accept("shutdown: closing the engine failed: " + e.getClass().getName());
        }
        accessLog.close();
    }

    private void stopThreads() {
        timers.shutdownNow();
        workers.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int securePort = 8443;
        private Path tlsCertFile;
        private Path tlsKeyFile;
        private Path clientCaFile;
        private int insecurePort = -1;
        private EngineSource engines;
        private Handler fallback = r -> KubeStatus.notFound("the server could not find the requested resource");
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration shutdownGrace = Duration.ofSeconds(20);
        private AccessLog accessLog = AccessLog.OFF;
        private PrometheusMeterRegistry registry;
        private Consumer<String> log = line -> System.err.println(Instant.now() + " " + line);
        private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        private int queueLimit = 10_000;
        private final List<Consumer<Router.Builder>> extraRoutes = new ArrayList<>();

        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The HTTPS port (0: any free port). */
        public Builder securePort(int port) {
            this.securePort = port;
            return this;
        }

        /** PEM certificate (chain) and private key; without them only the insecure port serves. */
        public Builder tls(Path certFile, Path keyFile) {
            this.tlsCertFile = certFile;
            this.tlsKeyFile = keyFile;
            return this;
        }

        /** Mutual TLS: webhook endpoints require a client certificate signed by this CA bundle. */
        public Builder clientCaFile(Path caFile) {
            this.clientCaFile = caFile;
            return this;
        }

        /** Plain HTTP on this port, for local tests only (0: any free port; -1: none, the default). */
        public Builder insecurePort(int port) {
            this.insecurePort = port;
            return this;
        }

        public Builder engines(EngineSource engines) {
            this.engines = Objects.requireNonNull(engines, "engines");
            return this;
        }

        /** Who answers paths without a route (default: 404 Status). */
        public Builder fallback(Handler fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** Adds exact routes beside the built-in ones. */
        public Builder routes(Consumer<Router.Builder> routes) {
            this.extraRoutes.add(Objects.requireNonNull(routes, "routes"));
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("request timeout must be positive");
            }
            this.requestTimeout = timeout;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdown grace must not be negative");
            }
            this.shutdownGrace = grace;
            return this;
        }

        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
            return this;
        }

        /** The registry the server's meters go to (share it to add meters, e.g. reload counts). */
        public Builder meterRegistry(PrometheusMeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Where operational messages go (TLS reloads, handler failures); default stderr with a timestamp. */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder ioThreads(int n) {
            this.ioThreads = positive(n, "io threads");
            return this;
        }

        public Builder workerThreads(int n) {
            this.workerThreads = positive(n, "worker threads");
            return this;
        }

        /**
         * Binds and serves.
         *
         * @throws TlsException when a TLS file cannot be used (the message names it)
         */
        public PalisadeServer start() throws TlsException, InterruptedException {
            Objects.requireNonNull(engines, "engines");
            if ((tlsCertFile == null) != (tlsKeyFile == null)) {
                throw new IllegalArgumentException("a TLS certificate and a private key go together");
            }
            if (tlsCertFile == null && insecurePort < 0) {
                throw new IllegalArgumentException("a TLS certificate and key are required unless only an insecure port is asked for");
            }
            if (clientCaFile != null && tlsCertFile == null) {
                throw new IllegalArgumentException("a client CA needs TLS (a certificate and a key)");
            }
            if (registry == null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            }
            ReloadingSslContext tls = tlsCertFile == null ? null
                    : new ReloadingSslContext(tlsCertFile, tlsKeyFile, clientCaFile, log);
            return new PalisadeServer(this, tls);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1");
            }
            return n;
        }
    }
}
