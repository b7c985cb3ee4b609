package dev.palisade.engine.yaml;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one way Palisade reads YAML from outside: bytes decoded as strict UTF-8, characters YAML
 * forbids refused, explicit limits on aliases, nesting, size and alias expansion, only the safe
 * constructor, and every failure — SnakeYAML's included — a {@link YamlReadException} naming
 * {@code file:line:col} and the reason. Nothing here lets a SnakeYAML exception or a stack trace out.
 */
public final class SafeYaml {
    private SafeYaml() {}

    /** Decodes bytes as UTF-8, refusing the first malformed byte with its line and column. */
    public static String decode(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L, bytes.length + 1L));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            out.flip();
            int[] place = place(out, out.length());
            throw new YamlReadException(file, place[0], place[1],
                    String.format("not valid UTF-8: byte 0x%02X", bytes[bad] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** Reads each document of a stream in order; {@code document} sees only documents that passed every check. */
    public static void composeAll(String file, String text, YamlLimits limits, Consumer<Node> document) {
        checkText(file, text, limits);
        try {
            for (Node node : yaml(limits).composeAll(new StringReader(text))) {
                if (node != null) {
                    checkExpansion(file, node, limits);
                }
                document.accept(node);
            }
        } catch (YAMLException | IllegalStateException | IndexOutOfBoundsException e) {
            throw translate(file, text, limits, e);
        }
    }

    /** Reads a stream of exactly one document (null when empty). */
    public static Node compose(String file, String text, YamlLimits limits) {
        checkText(file, text, limits);
        try {
            Node node = yaml(limits).compose(new StringReader(text));
            if (node != null) {
                checkExpansion(file, node, limits);
            }
            return node;
        } catch (YAMLException | IllegalStateException | IndexOutOfBoundsException e) {
            throw translate(file, text, limits, e);
        }
    }

    /**
     * Reads one document into plain maps, lists and scalars with the safe constructor only. The text
     * is composed and checked first; it is small (kubeconfig), so reading it twice costs nothing.
     */
    public static Object load(String file, String text, YamlLimits limits) {
        if (compose(file, text, limits) == null) {
            return null;
        }
        try {
            // SnakeYAML checks repeated keys while it loads, not when it constructs a composed node
            return yaml(limits).load(new StringReader(text));
        } catch (YAMLException | IllegalStateException | IndexOutOfBoundsException e) {
            throw translate(file, text, limits, e);
        }
    }

    /** Reads every document of a stream into plain maps, lists and scalars (empty documents skipped), checked as {@link #composeAll}. */
    public static java.util.List<Object> loadAll(String file, String text, YamlLimits limits) {
        composeAll(file, text, limits, node -> { });
        java.util.List<Object> out = new java.util.ArrayList<>();
        try {
            for (Object doc : yaml(limits).loadAll(new StringReader(text))) {
                if (doc != null) {
                    out.add(doc);
                }
            }
        } catch (YAMLException | IllegalStateException | IndexOutOfBoundsException e) {
            throw translate(file, text, limits, e);
        }
        return out;
    }

    private static Yaml yaml(YamlLimits limits) {
        return new Yaml(new SafeConstructor(options(limits)));
    }

    private static LoaderOptions options(YamlLimits limits) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        // checked (with a place) before parsing; SnakeYAML's own count is the backstop
        options.setCodePointLimit(limits.maxCodePoints() == Integer.MAX_VALUE ? Integer.MAX_VALUE : limits.maxCodePoints() + 1);
        options.setAllowDuplicateKeys(limits.duplicateKeysAllowed());
        options.setAllowRecursiveKeys(false);
        options.setWrappedToRootException(false);
        return options;
    }

    /** Size and characters, checked on the text so that the place of the first bad one can be named. */
    private static void checkText(String file, String text, YamlLimits limits) {
        int line = 1;
        int column = 1;
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (++count > limits.maxCodePoints()) {
                throw new YamlReadException(file, line, column,
                        "file is longer than " + limits.maxCodePoints() + " characters");
            }
            if (!printable(c) && !(c == 0xFEFF && i == 0)) {
                throw new YamlReadException(file, line, column, Character.isSurrogate((char) c)
                        ? "unpaired surrogate character is not allowed in YAML"
                        : String.format("control character U+%04X is not allowed in YAML", c));
            }
            int next = i + Character.charCount(c);
            if (isBreak(c) && !(c == '\r' && next < text.length() && text.charAt(next) == '\n')) {
                line++;
                column = 1;
            } else {
                column++;
            }
            i = next;
        }
    }

    /** YAML 1.1's printable set, as SnakeYAML enforces it. */
    private static boolean printable(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0x7E) || c == 0x85
                || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
    }

    private static boolean isBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** 1-based line and column (in code points) of the position {@code end} in {@code text}. */
    private static int[] place(CharSequence text, int end) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (isBreak(c) && !(c == '\r' && i + 1 < end && text.charAt(i + 1) == '\n')) {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /**
     * Refuses a document whose aliases would make a tree walk visit more than the limit of extra
     * nodes, and one that contains itself. Counted with a memo over distinct nodes, so the check
     * costs as much as the document's text, never as much as its expansion.
     */
    private static void checkExpansion(String file, Node root, YamlLimits limits) {
        Map<Node, Long> sizes = new IdentityHashMap<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        long[] added = {0};
        walk(file, root, sizes, seen, added, limits.maxAliasExpansion());
    }

    private static void walk(String file, Node node, Map<Node, Long> sizes, Map<Node, Boolean> seen, long[] added, long limit) {
        if (seen.putIfAbsent(node, Boolean.TRUE) != null) {
            added[0] += size(file, node, sizes);
            if (added[0] > limit) {
                Mark m = node.getStartMark();
                throw new YamlReadException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "aliases repeat this node until the document expands to more than " + limit
                                + " extra nodes; write the objects out instead");
            }
            return;
        }
        for (Node child : children(node)) {
            walk(file, child, sizes, seen, added, limit);
        }
    }

    private static final long IN_PROGRESS = -1;

    private static long size(String file, Node node, Map<Node, Long> sizes) {
        Long known = sizes.get(node);
        if (known != null) {
            if (known == IN_PROGRESS) {
                Mark m = node.getStartMark();
                throw new YamlReadException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "this node contains itself through an alias");
            }
            return known;
        }
        sizes.put(node, IN_PROGRESS);
        long total = 1;
        for (Node child : children(node)) {
            total = Math.min(Long.MAX_VALUE / 4, total + size(file, child, sizes));
        }
        sizes.put(node, total);
        return total;
    }

    private static List<Node> children(Node node) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        if (node instanceof MappingNode m) {
            List<Node> out = new java.util.ArrayList<>(m.getValue().size() * 2);
            for (NodeTuple t : m.getValue()) {
                out.add(t.getKeyNode());
                out.add(t.getValueNode());
            }
            return out;
        }
        return List.of();
    }

    /** Any parser failure as a positioned problem; SnakeYAML's unmarked limit errors are located by a second look. */
    private static YamlReadException translate(String file, String text, YamlLimits limits, RuntimeException e) {
        if (e instanceof YamlReadException r) {
            return r;
        }
        if (e instanceof MarkedYAMLException m) {
            Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
            String reason = m.getProblem() == null ? "not valid YAML" : m.getProblem();
            if (m.getContext() != null && m.getContextMark() != null && mark != m.getContextMark()
                    && m.getContextMark().getLine() != mark.getLine()) {
                // an unclosed bracket is found where the text ends; where it opened is what helps
                reason = m.getContext() + " (from line " + (m.getContextMark().getLine() + 1) + "): " + reason;
            } else if (m.getContext() != null) {
                reason = m.getContext() + ": " + reason;
            }
            return new YamlReadException(file, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "not valid YAML: " + oneLine(reason));
        }
        return locateLimit(file, text, limits, e);
    }

    /**
     * SnakeYAML reports the alias and nesting limits without a place. Walk the events again, counting
     * as the composer does, and name the first event past a limit.
     */
    private static YamlReadException locateLimit(String file, String text, YamlLimits limits, RuntimeException cause) {
        LoaderOptions relaxed = options(limits);
        relaxed.setMaxAliasesForCollections(Integer.MAX_VALUE);
        relaxed.setNestingDepthLimit(Integer.MAX_VALUE);
        Map<String, Boolean> collectionAnchors = new HashMap<>();
        int depth = 0;
        int aliases = 0;
        Mark last = null;
        try {
            for (Event event : new Yaml(relaxed).parse(new StringReader(text))) {
                last = event.getStartMark();
                if (event.is(Event.ID.DocumentStart)) {
                    collectionAnchors.clear();
                    aliases = 0;
                    depth = 0;
                }
                if (event instanceof CollectionStartEvent start) {
                    if (start.getAnchor() != null) {
                        collectionAnchors.put(start.getAnchor(), Boolean.TRUE);
                    }
                    if (++depth > limits.maxNestingDepth()) {
                        return at(file, event, "nested deeper than " + limits.maxNestingDepth() + " levels");
                    }
                } else if (event instanceof CollectionEndEvent) {
                    depth--;
                } else if (event instanceof AliasEvent alias) {
                    if (collectionAnchors.containsKey(alias.getAnchor()) && ++aliases > limits.maxAliases()) {
                        return at(file, event, "more than " + limits.maxAliases() + " aliases to lists or mappings");
                    }
                } else if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    collectionAnchors.remove(node.getAnchor());
                }
            }
        } catch (MarkedYAMLException m) {
            return translate(file, text, limits, m);
        } catch (RuntimeException other) {
            // fall through: named by the last event read
        }
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : oneLine(cause.getMessage());
        return new YamlReadException(file, last == null ? 1 : last.getLine() + 1, last == null ? 1 : last.getColumn() + 1,
                "not valid YAML: " + why);
    }

    private static YamlReadException at(String file, Event event, String reason) {
        Mark m = event.getStartMark();
        return new YamlReadException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, reason);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }
}
