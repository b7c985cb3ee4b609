package dev.palisade.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A headless Chromium (the Debian package) driven over the Chrome DevTools Protocol with the
 * JDK's WebSocket client, so that browser tests need no new dependency. One page, attached in
 * flat session mode; every protocol event is kept, so a test can look at console messages,
 * exceptions and network requests afterwards. Everything is bounded by one deadline: past it a
 * call fails and {@link #close()} kills the browser and its child processes.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Instant deadline;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private final String session;

    /** Starts the browser with a fresh profile in {@code workDir}; its output goes to {@code workDir/chromium.log}. */
    HeadlessChromium(Path workDir, Duration limit) throws IOException, InterruptedException {
        this.deadline = Instant.now().plus(limit);
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(remaining())
                    .buildAsync(URI.create(devToolsUrl(profile)), new Listener())
                    .get(remaining().toMillis(), TimeUnit.MILLISECONDS);
            String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
            session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                    .get("sessionId").asText();
        } catch (Exception e) {
            close();
            throw new IOException("chromium did not start: " + e, e);
        }
    }

    /** The browser writes its port and path into the profile once it listens (the documented way with port 0). */
    private String devToolsUrl(Path profile) throws IOException, InterruptedException {
        Path active = profile.resolve("DevToolsActivePort");
        while (true) {
            if (Files.exists(active)) {
                List<String> lines = Files.readAllLines(active);
                if (lines.size() >= 2) {
                    return "ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim();
                }
            }
            if (!process.isAlive()) {
                throw new IOException("chromium exited with " + process.exitValue());
            }
            remaining();
            Thread.sleep(50);
        }
    }

    /** One protocol command on the page's session; its {@code result}, or an exception with the protocol's error. */
    JsonNode send(String method, Map<String, ?> params) throws Exception {
        return call(session, method, params);
    }

    private JsonNode call(String sessionId, String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(remaining().toMillis(), TimeUnit.MILLISECONDS);
        JsonNode reply = answer.get(remaining().toMillis(), TimeUnit.MILLISECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** Loads {@code url} and waits for its load event. */
    void open(String url) throws Exception {
        int seen = events().size();
        send("Page.navigate", Map.of("url", url));
        while (events().subList(seen, events().size()).stream()
                .noneMatch(e -> e.path("method").asText().equals("Page.loadEventFired"))) {
            remaining();
            Thread.sleep(20);
        }
    }

    /** The value of a JavaScript expression, by value; a thrown exception fails the call. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** The viewport as a device of that width (a phone with {@code mobile}), then the whole page as PNG. */
    void screenshot(int width, boolean mobile, Path png) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 900, "deviceScaleFactor", 1,
                "mobile", mobile));
        int height = evaluate("document.documentElement.scrollHeight").asInt();
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", Math.min(height, 16_000),
                "deviceScaleFactor", 1, "mobile", mobile));
        String data = send("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(data));
    }

    /** Every protocol event so far (console, exceptions, log entries, network, page), in order. */
    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    private Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            throw new IllegalStateException("chromium: time limit reached");
        }
        return left;
    }

    @Override
    public void close() {
        // the launcher script starts the real browser, which starts renderers: kill them all
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    } else {
                        synchronized (HeadlessChromium.this) {
                            events.add(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(p -> p.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
