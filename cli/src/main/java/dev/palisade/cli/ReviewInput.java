package dev.palisade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of the review commands ({@code authorize}, {@code admit}, {@code authenticate}):
 * one JSON document or JSON lines, from a file or stdin. JSON lines are streamed, so thousands
 * of reviews cost no more memory than one. When the first non-blank line is not a JSON value by
 * itself the input is one (pretty-printed) document; if even that fails, each line is judged on
 * its own so that every bad line is named.
 */
final class ReviewInput {
    /** What to do with each review read, or with each line that is not JSON. */
    interface Handler {
        void review(JsonNode review, int line);

        void malformed(int line, String message);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String input;

    /** {@code input} is a path or "-" for stdin. */
    ReviewInput(String input) {
        this.input = input;
    }

    /** How reports name this input: the path, or {@code <stdin>}. */
    String displayName() {
        return isStdin() ? "<stdin>" : input;
    }

    /** False, with the reason on {@code err}, when the named file does not exist. */
    boolean exists(PrintWriter err) {
        if (isStdin() || Files.isRegularFile(Path.of(input))) {
            return true;
        }
        err.println(input + ": no such file");
        err.flush();
        return false;
    }

    void read(Handler handler) throws IOException {
        try (BufferedReader lines = isStdin()
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8)) {
            read(lines, handler);
        }
    }

    private void read(BufferedReader lines, Handler handler) throws IOException {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            if (isJsonValue(line)) {
                readLine(line, number, handler);
                while ((line = lines.readLine()) != null) {
                    number++;
                    if (!line.isBlank()) {
                        readLine(line, number, handler);
                    }
                }
                return;
            }
            List<String> rest = new ArrayList<>();
            rest.add(line);
            int first = number;
            while ((line = lines.readLine()) != null) {
                rest.add(line);
            }
            readDocument(rest, first, handler);
            return;
        }
    }

    private boolean isStdin() {
        return "-".equals(input);
    }

    private static boolean isJsonValue(String line) {
        try {
            JSON.readTree(line);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static void readDocument(List<String> lines, int firstLine, Handler handler) {
        try {
            handler.review(JSON.readTree(String.join("\n", lines)), firstLine);
        } catch (JsonProcessingException e) {
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    readLine(lines.get(i), firstLine + i, handler);
                }
            }
        }
    }

    private static void readLine(String line, int number, Handler handler) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            handler.malformed(number, "malformed JSON: " + e.getOriginalMessage());
            return;
        }
        handler.review(node, number);
    }
}
