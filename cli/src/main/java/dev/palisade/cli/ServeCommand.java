package dev.palisade.cli;

import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.text.Printable;
import dev.palisade.server.AccessLog;
import dev.palisade.server.PalisadeServer;
import dev.palisade.server.deploy.WebhookConfigPrinter;
import dev.palisade.server.reload.ReloadingEngineSource;
import dev.palisade.server.sandbox.KubectlSandbox;
import dev.palisade.server.tls.TlsException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code palisade serve -c CONFIG}: the authorization, authentication and admission webhooks over
 * HTTPS, with the apiserver's flag names. Runs until SIGTERM or SIGINT, then stops accepting,
 * lets requests in flight finish (at most {@code --shutdown-grace}) and exits 0.
 */
@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serve the webhooks over HTTPS: authorization (SubjectAccessReview), authentication (TokenReview), "
                + "admission (/validate, /mutate), plus /healthz, /livez, /readyz and /metrics.",
                "",
                "Example (self-signed certificate, local):",
                "  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj /CN=localhost \\",
                "    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 \\",
                "    -keyout key.pem -out cert.pem",
                "  palisade serve -c palisade.yaml \\",
                "    --tls-cert-file cert.pem --tls-private-key-file key.pem",
                "",
                "The configuration and every file and folder it names are watched: a change",
                "(or SIGHUP) builds a new policy off the request path and swaps it in; a",
                "change that does not load keeps the last good one serving.",
                "",
                "What the apiserver needs (webhook kubeconfigs, AuthorizationConfiguration,",
                "Validating/MutatingWebhookConfiguration):",
                "  palisade serve -c palisade.yaml --tls-cert-file cert.pem \\",
                "    --print-webhook-config --url https://palisade.example:8443",
                ""})
final class ServeCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Option(names = "--bind-address", paramLabel = "IP", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--secure-port", paramLabel = "PORT", defaultValue = "8443",
            description = "HTTPS port (default: ${DEFAULT-VALUE}; 0 picks a free port).")
    int securePort;

    @Option(names = "--tls-cert-file", paramLabel = "FILE",
            description = "PEM certificate (chain, leaf first). Reloaded when the file changes.")
    Path tlsCertFile;

    @Option(names = "--tls-private-key-file", paramLabel = "FILE",
            description = "PEM private key: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted. Reloaded when the file changes.")
    Path tlsKeyFile;

    @Option(names = "--client-ca-file", paramLabel = "FILE",
            description = "PEM CA bundle: callers of the webhook endpoints must present a client certificate it signed "
                    + "(health and metrics stay open).")
    Path clientCaFile;

    @Option(names = "--insecure-port", paramLabel = "PORT",
            description = "Also serve plain HTTP on this port. For local tests only; never expose it.")
    Integer insecurePort;

    @Option(names = "--sandbox",
            description = "Also answer kubectl pointed at this server (discovery, auth whoami, auth can-i, "
                    + "create/apply --dry-run=server) on the same port; nothing is stored. See docs/sandbox.md.")
    boolean sandbox;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Deadline of every request, e.g. 500ms, 10s, 1m (default: ${DEFAULT-VALUE}); a late answer is a 504 Status.")
    String requestTimeout;

    @Option(names = "--shutdown-grace", paramLabel = "DURATION", defaultValue = "15s",
            description = "On SIGTERM, how long requests in flight may still run (default: ${DEFAULT-VALUE}).")
    String shutdownGrace;

    @Option(names = "--access-log", paramLabel = "FILE|-|off", defaultValue = "-",
            description = "One JSON line per request (time, remote, method, path, status, verdict, latency, bytes; "
                    + "never tokens or bodies): '-' stderr (default), a file to append to, or 'off'.")
    String accessLog;

    @Option(names = "--print-webhook-config", description = "Print the apiserver's webhook configuration for this "
            + "server (kubeconfigs, AuthorizationConfiguration, Validating/MutatingWebhookConfiguration) and exit; needs --url.")
    boolean printWebhookConfig;

    @Option(names = "--url", paramLabel = "URL", description = "With --print-webhook-config: the https URL the apiserver reaches this server at.")
    URI url;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "With --print-webhook-config: the PEM CA bundle the "
            + "apiserver verifies this server with (default: --tls-cert-file, right for a self-signed certificate).")
    Path caFile;

    @Option(names = "--webhook-timeout", paramLabel = "DURATION", defaultValue = "3s",
            description = "With --print-webhook-config: the apiserver's timeout for each webhook call, 1s-30s (default: ${DEFAULT-VALUE}).")
    String webhookTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (printWebhookConfig) {
            return printWebhookConfig(err);
        }
        Duration timeout = duration("--request-timeout", requestTimeout);
        Duration grace = duration("--shutdown-grace", shutdownGrace);
        if (tlsCertFile == null || tlsKeyFile == null) {
            if (tlsCertFile != null || tlsKeyFile != null || insecurePort == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--tls-cert-file and --tls-private-key-file are required (plain HTTP only with an explicit --insecure-port)");
            }
        }
        if (clientCaFile != null && tlsCertFile == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--client-ca-file needs --tls-cert-file and --tls-private-key-file");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ReloadingEngineSource engines;
        try {
            engines = ReloadingEngineSource.start(config, registry);
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(Printable.escapeLines(p)));
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        AccessLog log;
        try {
            log = accessLog(accessLog);
        } catch (IOException e) {
            engines.close();
            err.println("--access-log: cannot open " + accessLog + ": " + e.getMessage());
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        PalisadeServer.Builder builder = PalisadeServer.builder()
                .bindAddress(bindAddress)
                .securePort(securePort)
                .engines(engines)
                .meterRegistry(registry)
                .requestTimeout(timeout)
                .shutdownGrace(grace)
                .accessLog(log);
        if (tlsCertFile != null) {
            builder.tls(tlsCertFile, tlsKeyFile).clientCaFile(clientCaFile);
        }
        if (insecurePort != null) {
            builder.insecurePort(insecurePort);
        }
        if (sandbox) {
            builder.fallback(new KubectlSandbox(engines));
        }
        PalisadeServer server;
        try {
            server = builder.start();
        } catch (TlsException e) {
            engines.close();
            err.println(e.getMessage());
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        } catch (Exception e) {
            // a port in use (a BindException, thrown undeclared by Netty) or an unknown address
            engines.close();
            err.println("cannot listen on " + bindAddress + ": " + e.getMessage());
            err.flush();
            return PalisadeCommand.INPUT_ERROR;
        }
        err.println("palisade serve: listening"
                + (server.securePort() >= 0 ? " https://" + bindAddress + ":" + server.securePort() : "")
                + (server.insecurePort() >= 0 ? " http://" + bindAddress + ":" + server.insecurePort() + " (insecure)" : ""));
        err.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            System.err.println("palisade serve: stopped");
            System.err.flush();
            stopped.countDown();
            // a signal-initiated exit would report 128+signal; a clean drain is a success
            Runtime.getRuntime().halt(PalisadeCommand.OK);
        }, "palisade-shutdown"));
        stopped.await();
        return PalisadeCommand.OK;
    }

    private int printWebhookConfig(PrintWriter err) {
        if (url == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--print-webhook-config needs --url https://HOST:PORT");
        }
        Path ca = caFile != null ? caFile : tlsCertFile;
        if (ca == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--print-webhook-config needs --ca-file (or --tls-cert-file for a self-signed certificate)");
        }
        try {
            spec.commandLine().getOut().print(WebhookConfigPrinter.print(config, url, ca, duration("--webhook-timeout", webhookTimeout)));
            spec.commandLine().getOut().flush();
            return PalisadeCommand.OK;
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(Printable.escapeLines(p)));
        } catch (IllegalArgumentException e) {
            err.println("palisade serve: " + e.getMessage());
        }
        err.flush();
        return PalisadeCommand.INPUT_ERROR;
    }

    private AccessLog accessLog(String where) throws IOException {
        if (where.equals("off")) {
            return AccessLog.OFF;
        }
        OutputStream out = where.equals("-") ? System.err : new FileOutputStream(where, true);
        return new AccessLog(out);
    }

    private Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": '" + text + "' is not a duration (e.g. 500ms, 10s, 1m)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero() && option.equals("--request-timeout")) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive");
        }
        return d;
    }
}
