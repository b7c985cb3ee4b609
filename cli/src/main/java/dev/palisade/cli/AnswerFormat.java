package dev.palisade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code -o json|yaml} on the review commands: each answer (a compact JSON line) printed pretty,
 * or as a YAML document, as kubectl's {@code -o} does. Lines that are not JSON objects (the
 * comments of {@code admit --show-patch}) pass unchanged.
 */
final class AnswerFormat {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerFormat() {}

    static PrintWriter wrap(PrintWriter out, String format) {
        if (format.equals("lines")) {
            return out;
        }
        return new PrintWriter(out) {
            @Override
            public void println(String line) {
                super.println(line.startsWith("{") ? render(line, format) : line);
            }
        };
    }

    static String render(String answer, String format) {
        try {
            if (format.equals("json")) {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(answer));
            }
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setExplicitStart(true);
            return new Yaml(options).dump(JSON.readValue(answer, Map.class)).stripTrailing();
        } catch (IOException e) {
            return answer; // never lose an answer: print it as it came
        }
    }
}
