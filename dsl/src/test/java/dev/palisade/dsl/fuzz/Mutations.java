package dev.palisade.dsl.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Mutations of policy text, each a small, named damage: token deletion, insertion and
 * duplication, random characters (control characters, NUL, unpaired surrogates, astral
 * characters), truncation, deep nesting and huge literals. Deterministic for a given random.
 */
enum Mutations {
    DELETE_TOKEN, INSERT_TOKEN, DUPLICATE_TOKEN, SWAP_TOKENS, RANDOM_CHARS, TRUNCATE, DEEP_NESTING,
    LONG_CHAIN, HUGE_STRING, HUGE_LIST, UNICODE, NUL;

    /** Tokens worth inserting: every keyword, operator and bracket of the language, and odd ones. */
    private static final String[] VOCABULARY = {
        "allow", "deny", "reject", "validate", "mutate", "when", "because", "and", "or", "not", "in", "contains",
        "startsWith", "endsWith", "matches", "true", "false", "on", "for", "each", "warn", "audit", "set", "add",
        "remove", "is", "absent", "exists", "any", "all", "package", "import", "==", "!=", "<", ">", "<=", ">=",
        "=", "&&", "||", "!", "(", ")", "[", "]", ",", ":", ".", "\"", "\"x\"", "'x'", "\"\\q\"", "\"{c.name}\"",
        "\"{\"", "user.name", "user.groups", "user.extra[\"k\"]", "verb", "resource", "namespace",
        "object.spec.containers", "c", "c.securityContext.privileged", "0", "99999999999999999999", "#", "//",
        "\n", "\t", "pods", "CREATE", "object.metadata.annotations[\"a\"]", "data.x",
    };

    String apply(String text, Random random) {
        List<String> tokens = tokens(text);
        int at = tokens.isEmpty() ? 0 : random.nextInt(tokens.size());
        switch (this) {
            case DELETE_TOKEN -> {
                if (!tokens.isEmpty()) {
                    tokens.remove(at);
                }
            }
            case INSERT_TOKEN -> tokens.add(at, (random.nextBoolean() ? " " : "")
                    + VOCABULARY[random.nextInt(VOCABULARY.length)] + (random.nextBoolean() ? " " : ""));
            case DUPLICATE_TOKEN -> {
                if (!tokens.isEmpty()) {
                    String t = tokens.get(at);
                    int times = 1 + random.nextInt(random.nextInt(10) == 0 ? 2_000 : 3);
                    tokens.add(at, (t + " ").repeat(times));
                }
            }
            case SWAP_TOKENS -> {
                if (tokens.size() > 1) {
                    int other = random.nextInt(tokens.size());
                    String t = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                }
            }
            case RANDOM_CHARS -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
                    s.append((char) random.nextInt(random.nextBoolean() ? 128 : 0x10000));
                }
                tokens.add(at, s.toString());
            }
            case TRUNCATE -> {
                return text.substring(0, text.isEmpty() ? 0 : random.nextInt(text.length()));
            }
            case DEEP_NESTING -> {
                int depth = random.nextInt(3) == 0 ? 90 + random.nextInt(20) : 1 + random.nextInt(5_000);
                String open = random.nextBoolean() ? "(" : "not ";
                tokens.add(at, open.repeat(depth));
                if (open.equals("(") && random.nextBoolean()) {
                    tokens.add(Math.min(tokens.size(), at + 1 + random.nextInt(8)), ")".repeat(depth));
                }
            }
            case LONG_CHAIN -> {
                int n = random.nextInt(3) == 0 ? 995 + random.nextInt(10) : 1 + random.nextInt(3_000);
                StringBuilder s = new StringBuilder(" ");
                String connective = random.nextBoolean() ? " and " : " or ";
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : connective).append("verb == \"v").append(i % 50).append('"');
                }
                tokens.add(at, s.append(' ').toString());
            }
            case HUGE_STRING -> tokens.add(at, "\"" + "x".repeat(1 + random.nextInt(200_000)) + "\"");
            case HUGE_LIST -> {
                int n = random.nextInt(3) == 0 ? 100_000 + random.nextInt(3) - 1 : 1 + random.nextInt(5_000);
                StringBuilder s = new StringBuilder("[");
                for (int i = 0; i < n; i++) {
                    s.append(i == 0 ? "" : ",").append("\"e").append(i).append('"');
                }
                tokens.add(at, s.append(']').toString());
            }
            case UNICODE -> {
                String[] odd = {"😀", "\uD800", "\uDC00", "\u202E", "\u00A0", "é", "\u0301", "\uFEFF", "\r", "\u2028", "ｕｓｅｒ"};
                tokens.add(at, odd[random.nextInt(odd.length)]);
            }
            case NUL -> tokens.add(at, "\0");
        }
        return String.join("", tokens);
    }

    /** Splits text into rough tokens (strings, words, numbers, whitespace runs, single characters), without regex recursion. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int j = i + 1;
            if (c == '"') {
                while (j < n && text.charAt(j) != '"' && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' && j + 1 < n ? 2 : 1;
                }
                j = Math.min(n, j + 1);
            } else if (Character.isLetter(c) || c == '_') {
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || "_.-".indexOf(text.charAt(j)) >= 0)) {
                    j++;
                }
            } else if (Character.isDigit(c)) {
                while (j < n && Character.isDigit(text.charAt(j))) {
                    j++;
                }
            } else if (Character.isWhitespace(c)) {
                while (j < n && Character.isWhitespace(text.charAt(j))) {
                    j++;
                }
            }
            out.add(text.substring(i, j));
            i = j;
        }
        return out;
    }
}
