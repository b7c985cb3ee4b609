package dev.palisade.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.audit.AuditLogGenerator;
import dev.palisade.engine.config.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing audit event lines through the batch replay ({@link BatchRunner}, as {@code batch} and
 * {@code suggest} run it): generated realistic events ({@link AuditLogGenerator}), mutated
 * (truncation — the first line too —, invalid UTF-8, wrong types of the fields replay reads,
 * deep nesting, huge strings and lines, non-objects, lone surrogates, byte noise). Invariants:
 * the run never throws and always reports; every non-blank line is either read or reported;
 * every line the oracle finds malformed is a problem at its own line and never a judged
 * request (so never allowed); every problem names the file and a line of it.
 */
class AuditLinesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Limits TIGHT = Limits.DEFAULTS.with(Map.of("maxAuditLineBytes", 64 * 1024, "maxStringLength", 8 * 1024,
            "maxNestingDepth", 64));
    private static final List<String> EVENTS = new String(AuditLogGenerator.generate(7, 400), StandardCharsets.UTF_8)
            .lines().filter(l -> !l.isBlank()).toList();
    private static final List<String> READ_FIELDS = List.of("/verb", "/user", "/user/username", "/user/groups",
            "/objectRef", "/objectRef/resource", "/responseStatus", "/responseStatus/code", "/annotations", "/auditID",
            "/kind", "/apiVersion", "/impersonatedUser");
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong LINES = new AtomicLong();
    private static final AtomicLong MUTATED = new AtomicLong();
    private static final AtomicLong FAILURES = new AtomicLong();
    private static PolicyEngine engine;

    private static synchronized PolicyEngine engine() {
        if (engine == null) {
            Path examples = Path.of("..", "examples");
            engine = PolicyEngine.builder().policies("cluster-policy", List.of(examples.resolve("policies")))
                    .rbac(List.of(examples.resolve("rbac"))).limits(TIGHT).build();
        }
        return engine;
    }

    record Line(byte[] bytes, boolean malformed, boolean mutated) {
    }

    @Property
    void auditEventLines(@ForAll long seed) throws Exception {
        try {
            checkOnce(seed);
        } catch (Exception | Error e) {
            FAILURES.incrementAndGet();
            throw e;
        }
    }

    private static void checkOnce(long seed) throws Exception {
        Random random = new Random(seed);
        List<Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            lines.add(line(random));
        }
        if (JsonLinesOracle.opensDocument(lines.get(0).bytes())) {
            lines.set(0, new Line("{ }".getBytes(StandardCharsets.UTF_8), true, true));
        }
        Path log = Files.createTempFile("fuzz", ".log");
        try {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            for (Line l : lines) {
                data.writeBytes(l.bytes());
                data.write('\n');
            }
            Files.write(log, data.toByteArray());
            List<JudgedRequest> requests = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            BatchReport report;
            try {
                report = new BatchRunner(engine()).workers(1 + random.nextInt(2)).run(List.of(LogSource.of(log.toString())),
                        new BatchListener() {
                            @Override
                            public void request(JudgedRequest r) {
                                requests.add(r);
                            }

                            @Override
                            public void problem(Problem p) {
                                problems.add(p);
                            }
                        });
            } catch (Throwable t) {
                throw new AssertionError("crash on seed " + seed + ": " + t, t);
            }
            assertEquals(report.malformed(), problems.size(), "every problem is reported");
            long tooLong = problems.stream().filter(p -> p.message().contains("limits.maxAuditLineBytes")).count();
            assertEquals(lines.size(), report.records() + tooLong, "every line read or reported (seed " + seed + ")");
            Set<Long> problemLines = new HashSet<>();
            for (Problem p : problems) {
                assertEquals(log.toString(), p.place().file());
                assertTrue(p.place().line() >= 1 && p.place().line() <= lines.size(), p.render());
                assertFalse(p.restSkipped(), "JSON lines never skip the rest: " + p.render());
                problemLines.add(p.place().line());
            }
            for (int i = 0; i < lines.size(); i++) {
                long number = i + 1;
                if (lines.get(i).malformed()) {
                    assertTrue(problemLines.contains(number), "malformed line " + number + " is reported (seed " + seed + "): "
                            + dev.palisade.engine.text.Printable.escape(new String(lines.get(i).bytes(), StandardCharsets.UTF_8)));
                    assertTrue(requests.stream().noneMatch(r -> r.place().line() == number),
                            "a malformed line is never judged (seed " + seed + ")");
                }
            }
        } finally {
            Files.deleteIfExists(log);
        }
        INPUTS.incrementAndGet();
        LINES.addAndGet(lines.size());
        MUTATED.addAndGet(lines.stream().filter(Line::mutated).count());
    }

    @AfterContainer
    static void figures() {
        System.out.printf("fuzz audit events: %d inputs passed (%d lines, %d mutated)%s%n", INPUTS.get(), LINES.get(),
                MUTATED.get(), FAILURES.get() == 0 ? ": 0 crashes, 0 lost lines, 0 malformed lines judged"
                        : "; " + FAILURES.get() + " inputs FAILED (see the property's report)");
    }

    private static Line line(Random random) throws IOException {
        String event = EVENTS.get(random.nextInt(EVENTS.size()));
        return switch (random.nextInt(11)) {
            case 0, 1 -> new Line(event.getBytes(StandardCharsets.UTF_8), false, false);
            case 2 -> wrongType(event, random);
            case 3 -> {
                byte[] b = event.getBytes(StandardCharsets.UTF_8);
                byte[] cut = Arrays.copyOf(b, 2 + random.nextInt(b.length - 2));
                yield new Line(cut, !JsonLinesOracle.validObject(cut), true);
            }
            case 4 -> {
                byte[] b = event.getBytes(StandardCharsets.UTF_8);
                int at = 1 + random.nextInt(b.length - 1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(b, 0, at);
                out.write(0x80 + random.nextInt(0x80) | (random.nextBoolean() ? 0x40 : 0)); // a stray or lead byte
                out.write(b, at, b.length - at);
                byte[] bytes = out.toByteArray();
                yield new Line(bytes, !JsonLinesOracle.validObject(bytes), true);
            }
            case 5 -> {
                int depth = 40 + random.nextInt(60);
                String text = event.substring(0, event.length() - 1) + ",\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
                yield new Line(text.getBytes(StandardCharsets.UTF_8), depth + 1 > TIGHT.maxNestingDepth(), true);
            }
            case 6 -> {
                int choice = random.nextInt(3);
                if (choice == 0) { // a line over limits.maxAuditLineBytes
                    String text = event.substring(0, event.length() - 1) + ",\"pad\":\"" + "x".repeat(TIGHT.maxAuditLineBytes()) + "\"}";
                    yield new Line(text.getBytes(StandardCharsets.UTF_8), true, true);
                }
                int length = TIGHT.maxStringLength() - 50 + random.nextInt(100);
                String huge = "y".repeat(length);
                if (choice == 1) { // in a field replay reads: over limits.maxStringLength is malformed
                    ObjectNode e = (ObjectNode) JSON.readTree(event);
                    ((ObjectNode) e.get("user")).put("username", huge);
                    yield new Line(JSON.writeValueAsBytes(e), length > TIGHT.maxStringLength(), true);
                }
                // in a field replay skips unread: bounded by the line limit only, judged normally
                String text = event.substring(0, event.length() - 1) + ",\"pad\":\"" + huge + "\"}";
                yield new Line(text.getBytes(StandardCharsets.UTF_8), false, true);
            }
            case 7 -> {
                String[] values = {"[]", "1", "\"x\"", "null", "true", "[{}]", "{} {}", "}", "]"};
                yield new Line(values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8), true, true);
            }
            case 8 -> {
                String text = event.replaceFirst("\"username\":\"", "\"username\":\"\\\\ud800\\\\u001b[2J\\\\n");
                yield new Line(text.getBytes(StandardCharsets.UTF_8), false, true);
            }
            default -> {
                byte[] b = event.getBytes(StandardCharsets.UTF_8);
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    byte v = (byte) random.nextInt(256);
                    b[random.nextInt(b.length)] = v == '\n' ? (byte) ' ' : v;
                }
                yield new Line(b, !JsonLinesOracle.validObject(b), true);
            }
        };
    }

    private static Line wrongType(String event, Random random) throws IOException {
        ObjectNode e = (ObjectNode) JSON.readTree(event);
        String path = READ_FIELDS.get(random.nextInt(READ_FIELDS.size()));
        JsonNode at = e.at(path);
        if (at.isMissingNode() || at.isNull()) {
            return new Line(event.getBytes(StandardCharsets.UTF_8), false, false);
        }
        JsonNode replacement;
        if (at.isTextual() || at.isArray() || at.isObject()) {
            ArrayNode a = JSON.createArrayNode();
            a.add(random.nextInt(100));
            replacement = at.isArray() ? a : random.nextBoolean() ? JSON.getNodeFactory().numberNode(7) : (at.isObject() ? a : JSON.createObjectNode());
        } else {
            replacement = JSON.getNodeFactory().textNode("7");
        }
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? e : e.at(path.substring(0, slash));
        ((ObjectNode) parent).set(path.substring(slash + 1), replacement);
        return new Line(JSON.writeValueAsBytes(e), true, true);
    }

    /** The oracle's own reading of a line. */
    static final class JsonLinesOracle {
        static boolean validObject(byte[] b) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                JsonNode n = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(b);
                return n != null && n.isObject();
            } catch (CharacterCodingException e) {
                return false;
            } catch (IOException e) {
                return false;
            }
        }

        static boolean opensDocument(byte[] b) {
            return dev.palisade.engine.wire.JsonLines.opensDocument(b, b.length);
        }
    }
}
