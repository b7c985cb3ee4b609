package dev.palisade.engine.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.Limits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzing the review lines (SubjectAccessReview, TokenReview, AdmissionReview) through the very
 * reader and responder the CLI uses ({@link ReviewStream}): valid reviews from the examples,
 * mutated (wrong types, missing fields, deep nesting, invalid UTF-8, truncation, huge strings,
 * non-objects), several to an input. Invariants: no exception escapes, exactly one answer per
 * input line, never allowed when the line is malformed or a field the reader must read has the
 * wrong type, every problem names its line. Tries: {@code jqwik.tries.default} (the short
 * budget of {@code mvn verify}; {@code -Pfuzz} raises it). Limits are tight so that "huge" and
 * "deep" inputs cross them cheaply.
 */
class ReviewLinesFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLES = Path.of("..", "examples");
    static final Limits TIGHT = Limits.DEFAULTS.with(Map.of("maxRequestBytes", 64 * 1024, "maxStringLength", 8 * 1024,
            "maxNestingDepth", 64, "maxGroupsPerRequest", 40));
    private static final Map<String, AtomicLong[]> FIGURES = new ConcurrentHashMap<>();
    private static final AtomicLong FAILURES = new AtomicLong();
    /** inputs, lines and answers of {@link #prettyDocumentsAmongLines} (its failures fail the property) */
    private static final AtomicLong[] DOCUMENTS = {new AtomicLong(), new AtomicLong(), new AtomicLong()};

    /** A protocol under test: its engine, valid seed reviews, the fields it must read, and what "allowed" is. */
    record Surface(String name, ReviewProtocol<?> protocol, PolicyEngine engine, List<String> seeds,
                   List<String> readFields, Predicate<JsonNode> allowed) {
    }

    private static Surface sar;
    private static Surface token;
    private static Surface admission;

    private static synchronized Surface sar() throws IOException {
        if (sar == null) {
            sar = new Surface("SubjectAccessReview", ReviewProtocols.SUBJECT_ACCESS_REVIEW,
                    PolicyEngine.fromConfig(EXAMPLES.resolve("palisade.yaml")),
                    Files.readAllLines(EXAMPLES.resolve("reviews.jsonl")).stream().filter(l -> !l.isBlank()).toList(),
                    List.of("/apiVersion", "/kind", "/spec", "/spec/user", "/spec/groups", "/spec/resourceAttributes",
                            "/spec/nonResourceAttributes", "/spec/resourceAttributes/verb", "/spec/resourceAttributes/resource",
                            "/spec/resourceAttributes/namespace", "/spec/nonResourceAttributes/path", "/spec/extra", "/spec/uid"),
                    a -> a.path("status").path("allowed").asBoolean(false));
        }
        return sar;
    }

    private static synchronized Surface token() throws IOException {
        if (token == null) {
            token = new Surface("TokenReview", ReviewProtocols.TOKEN_REVIEW,
                    PolicyEngine.fromConfig(EXAMPLES.resolve("authn/palisade.yaml")),
                    Files.readAllLines(EXAMPLES.resolve("authn/tokenreviews.jsonl")).stream().filter(l -> !l.isBlank()).toList(),
                    List.of("/apiVersion", "/kind", "/spec", "/spec/token", "/spec/audiences"),
                    a -> a.path("status").path("authenticated").asBoolean(false));
        }
        return token;
    }

    private static synchronized Surface admission() throws IOException {
        if (admission == null) {
            String head = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u%d\","
                    + "\"operation\":\"CREATE\",\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},"
                    + "\"namespace\":\"ns\",\"userInfo\":{\"username\":\"alice\",\"groups\":[\"dev\"]},\"object\":%s}}";
            List<String> seeds = List.of(
                    String.format(head, 1, "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"}]}}"),
                    String.format(head, 2, "{\"spec\":{\"hostNetwork\":false,\"containers\":[{\"name\":\"a\",\"securityContext\":{\"privileged\":false}}]}}"),
                    String.format(head, 3, "{\"spec\":{\"containers\":[{\"name\":\"a\",\"securityContext\":{\"privileged\":true}}]}}"));
            admission = new Surface("AdmissionReview", ReviewProtocols.ADMISSION_REVIEW,
                    PolicyEngine.fromConfig(EXAMPLES.resolve("audit/palisade.yaml")), seeds,
                    List.of("/apiVersion", "/kind", "/request", "/request/operation", "/request/resource/resource"),
                    a -> a.path("response").path("allowed").asBoolean(false));
        }
        return admission;
    }

    @Property
    void subjectAccessReviewLines(@ForAll long seed) throws IOException {
        check(sar(), seed);
    }

    @Property
    void tokenReviewLines(@ForAll long seed) throws IOException {
        check(token(), seed);
    }

    @Property
    void admissionReviewLines(@ForAll long seed) throws IOException {
        check(admission(), seed);
    }

    /**
     * Pretty-printed documents among JSON lines and malformed lines: each document is one answer,
     * the same as its compact line gets; nothing merges, nothing is lost.
     */
    @Property
    void prettyDocumentsAmongLines(@ForAll long seed) throws IOException {
        Surface s = sar();
        Random random = new Random(seed);
        StringBuilder input = new StringBuilder();
        List<String> compact = new ArrayList<>(); // the compact form of each expected answer's input
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            String review = s.seeds().get(random.nextInt(s.seeds().size()));
            switch (random.nextInt(3)) {
                case 0 -> input.append(review).append('\n');
                case 1 -> input.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(review))).append('\n');
                default -> {
                    review = review.substring(0, 2 + random.nextInt(review.length() - 2));
                    input.append(review).append('\n');
                }
            }
            compact.add(review);
        }
        ReviewResponder<?> responder = new ReviewResponder<>(s.engine(), s.protocol(), TIGHT);
        StringWriter out = new StringWriter();
        new ReviewStream(responder, "<fuzz>").run(new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        List<String> answers = out.toString().lines().toList();
        assertEquals(compact.size(), answers.size(), "one answer per line or document, seed " + seed);
        for (int i = 0; i < compact.size(); i++) {
            StringWriter alone = new StringWriter();
            new ReviewStream(responder, "<fuzz>").run(new ByteArrayInputStream((compact.get(i) + "\n").getBytes(StandardCharsets.UTF_8)),
                    new PrintWriter(alone), new PrintWriter(new StringWriter()));
            assertEquals(s.allowed().test(JSON.readTree(alone.toString())), s.allowed().test(JSON.readTree(answers.get(i))),
                    "a document is answered as its compact line, seed " + seed);
        }
        DOCUMENTS[0].incrementAndGet();
        DOCUMENTS[1].addAndGet(input.toString().lines().count());
        DOCUMENTS[2].addAndGet(compact.size());
    }

    @AfterContainer
    static void figures() {
        // counted only when every invariant held for the input; a failure fails the property and is named here
        FIGURES.forEach((surface, f) -> System.out.printf("fuzz %s: %d inputs passed (%d lines, %d mutated)%s%n", surface,
                f[0].get(), f[1].get(), f[2].get(), FAILURES.get() == 0 ? ": 0 crashes, 0 lost lines, 0 wrong allows"
                        : "; " + FAILURES.get() + " inputs FAILED (see the property's report)"));
        if (DOCUMENTS[0].get() > 0) {
            System.out.printf("fuzz SubjectAccessReview documents among lines: %d inputs passed (%d lines, %d answers"
                    + " expected and given)%n", DOCUMENTS[0].get(), DOCUMENTS[1].get(), DOCUMENTS[2].get());
        }
    }

    /** One input line and what the oracle knows of it. */
    record Line(byte[] bytes, boolean mustRefuse, boolean mutated) {
    }

    private static void check(Surface s, long seed) {
        try {
            checkOnce(s, seed);
        } catch (RuntimeException | Error e) {
            FAILURES.incrementAndGet();
            throw e;
        }
    }

    private static void checkOnce(Surface s, long seed) {
        Random random = new Random(seed);
        List<Line> lines = new ArrayList<>();
        int count = 1 + random.nextInt(6);
        for (int i = 0; i < count; i++) {
            lines.add(line(s, random));
        }
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (Line l : lines) {
            input.writeBytes(l.bytes());
            input.write('\n');
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ReviewResponder<?> responder = new ReviewResponder<>(s.engine(), s.protocol(), TIGHT);
        ReviewStream.Summary summary;
        try {
            summary = new ReviewStream(responder, "<fuzz>").run(new ByteArrayInputStream(input.toByteArray()),
                    new PrintWriter(out), new PrintWriter(err));
        } catch (Throwable t) {
            throw new AssertionError("crash on seed " + seed + ": " + t, t);
        }
        List<String> answers = out.toString().lines().toList();
        assertEquals(lines.size(), answers.size(), "one answer per line, seed " + seed);
        assertEquals(lines.size(), summary.answered());
        List<String> errLines = err.toString().lines().toList();
        int problems = 0;
        for (int i = 0; i < lines.size(); i++) {
            JsonNode answer;
            try {
                answer = JSON.readTree(answers.get(i));
            } catch (IOException e) {
                throw new AssertionError("answer " + (i + 1) + " is not JSON: " + answers.get(i), e);
            }
            Line l = lines.get(i);
            String error = errorOf(answer);
            if (l.mustRefuse()) {
                assertFalse(s.allowed().test(answer), "a malformed line was allowed (seed " + seed + "): " + answers.get(i));
            }
            if (error != null && error.startsWith("line ")) {
                assertTrue(error.startsWith("line " + (i + 1) + ": "), "the error names its line: " + error);
                assertTrue(errLines.get(problems).startsWith("<fuzz>:" + (i + 1) + ": "), errLines.get(problems));
                problems++;
            }
            if (l.mustRefuse() && s.protocol() != ReviewProtocols.TOKEN_REVIEW) {
                assertTrue(error != null && error.startsWith("line " + (i + 1) + ": "),
                        "a refused malformed line says why, at its line: " + answers.get(i));
            }
        }
        assertEquals(summary.invalid(), problems, "every problem on stderr, named by its line");
        AtomicLong[] f = FIGURES.computeIfAbsent(s.name(), k -> new AtomicLong[] {new AtomicLong(), new AtomicLong(), new AtomicLong()});
        f[0].incrementAndGet();
        f[1].addAndGet(lines.size());
        f[2].addAndGet(lines.stream().filter(Line::mutated).count());
    }

    private static String errorOf(JsonNode answer) {
        for (String path : List.of("/status/evaluationError", "/status/error", "/response/status/message")) {
            JsonNode n = answer.at(path);
            if (n.isTextual()) {
                return n.textValue();
            }
        }
        return null;
    }

    private static Line line(Surface s, Random random) {
        String seed = s.seeds().get(random.nextInt(s.seeds().size()));
        int kind = random.nextInt(10);
        try {
            return switch (kind) {
                case 0, 1 -> new Line(seed.getBytes(StandardCharsets.UTF_8), false, false);
                case 2 -> wrongType(s, seed, random);
                case 3 -> missingField(s, seed, random);
                case 4 -> deep(seed, random);
                case 5 -> invalidUtf8(seed, random);
                case 6 -> truncated(seed, random);
                case 7 -> huge(seed, random);
                case 8 -> nonObject(random);
                default -> byteNoise(seed, random);
            };
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Line wrongType(Surface s, String seed, Random random) throws IOException {
        ObjectNode review = (ObjectNode) JSON.readTree(seed);
        String path = s.readFields().get(random.nextInt(s.readFields().size()));
        JsonNode at = review.at(path);
        if (at.isMissingNode()) {
            return new Line(seed.getBytes(StandardCharsets.UTF_8), false, false);
        }
        JsonNode replacement = wrongFor(at, random);
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? review : review.at(path.substring(0, slash));
        ((ObjectNode) parent).set(path.substring(slash + 1), replacement);
        // a list of strings may not become a list of numbers; an object or string never another type
        return new Line(JSON.writeValueAsBytes(review), true, true);
    }

    private static JsonNode wrongFor(JsonNode at, Random random) {
        ObjectMapper m = JSON;
        List<JsonNode> options = new ArrayList<>();
        if (!at.isNumber()) {
            options.add(m.getNodeFactory().numberNode(random.nextInt(1000)));
        }
        if (!at.isBoolean()) {
            options.add(m.getNodeFactory().booleanNode(true));
        }
        if (!at.isArray()) {
            ArrayNode a = m.createArrayNode();
            a.add(1);
            options.add(a);
        } else {
            ArrayNode a = m.createArrayNode();
            a.add(random.nextInt(10));
            options.add(a);
        }
        if (!at.isObject()) {
            options.add(m.createObjectNode().put("x", "y"));
        }
        return options.get(random.nextInt(options.size()));
    }

    private static Line missingField(Surface s, String seed, Random random) throws IOException {
        ObjectNode review = (ObjectNode) JSON.readTree(seed);
        List<String> required = switch (s.name()) {
            case "SubjectAccessReview" -> List.of("/apiVersion", "/kind", "/spec");
            case "TokenReview" -> List.of("/apiVersion", "/kind", "/spec", "/spec/token");
            default -> List.of("/apiVersion", "/kind", "/request", "/request/operation", "/request/resource");
        };
        String path = required.get(random.nextInt(required.size()));
        int slash = path.lastIndexOf('/');
        JsonNode parent = slash == 0 ? review : review.at(path.substring(0, slash));
        ((ObjectNode) parent).remove(path.substring(slash + 1));
        return new Line(JSON.writeValueAsBytes(review), true, true);
    }

    private static Line deep(String seed, Random random) {
        int depth = 50 + random.nextInt(100); // around limits.maxNestingDepth (64)
        String nested = "[".repeat(depth) + "]".repeat(depth);
        String text = seed.substring(0, seed.length() - 1) + ",\"deep\":" + nested + "}";
        // over the limit: refused; under it an unknown field, harmless
        return new Line(text.getBytes(StandardCharsets.UTF_8), depth + 1 > TIGHT.maxNestingDepth(), true);
    }

    private static Line invalidUtf8(String seed, Random random) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82},
                {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}};
        byte[] insert = bad[random.nextInt(bad.length)];
        int at = 1 + random.nextInt(b.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at, b.length - at);
        return new Line(out.toByteArray(), true, true);
    }

    private static Line truncated(String seed, Random random) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        int keep = 2 + random.nextInt(b.length - 2); // never a lone '{': that opens a document
        byte[] cut = java.util.Arrays.copyOf(b, keep);
        return new Line(cut, !isValidJson(cut), true);
    }

    private static Line huge(String seed, Random random) {
        int length = TIGHT.maxStringLength() - 100 + random.nextInt(200);
        boolean wholeLine = random.nextBoolean();
        String text = wholeLine
                ? seed.substring(0, seed.length() - 1) + ",\"pad\":\"" + "x".repeat(TIGHT.maxRequestBytes()) + "\"}"
                : seed.substring(0, seed.length() - 1) + ",\"huge\":\"" + "y".repeat(length) + "\"}";
        boolean over = wholeLine || length > TIGHT.maxStringLength();
        return new Line(text.getBytes(StandardCharsets.UTF_8), over, true);
    }

    private static Line nonObject(Random random) {
        String[] values = {"[]", "1", "\"x\"", "null", "true", "[{}]", "-0.5e3", "\"\\ud800\"", "{} {}", "}", "]"};
        return new Line(values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8), true, true);
    }

    private static Line byteNoise(String seed, Random random) {
        byte[] b = seed.getBytes(StandardCharsets.UTF_8);
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(b.length);
            byte v = (byte) random.nextInt(256);
            b[at] = v == '\n' ? (byte) ' ' : v;
        }
        if (JsonLines.opensDocument(b, b.length)) {
            b = "{ }".getBytes(StandardCharsets.UTF_8);
        }
        // noise may leave valid JSON that reads as a different (even allowed) review: only invalid JSON must be refused
        return new Line(b, !isValidJson(b), true);
    }

    /** The oracle's own reading: strict UTF-8 and Jackson with its defaults. */
    static boolean isValidJson(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            JsonNode n = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(b);
            return n != null && n.isObject();
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
