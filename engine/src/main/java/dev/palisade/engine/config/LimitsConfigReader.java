package dev.palisade.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The optional {@code limits:} block of {@code palisade.yaml}: each field a whole number >= 1
 * (YAML's {@code 3_145_728} is fine); absent fields keep {@link Limits#DEFAULTS}.
 */
final class LimitsConfigReader {
    private final ConfigNodes nodes;

    LimitsConfigReader(ConfigNodes nodes) {
        this.nodes = nodes;
    }

    Limits read(Node node) {
        if (!(node instanceof MappingNode map)) {
            nodes.problem(node, "\"limits\" must be a mapping, e.g. {maxRequestBytes: 3145728}");
            return Limits.DEFAULTS;
        }
        Map<String, Node> fields = nodes.fields(map, "limits", Limits.DEFAULTS.byName().keySet());
        Map<String, Integer> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            String text = nodes.scalar(value, name);
            if (text == null) {
                return;
            }
            long n;
            try {
                n = Long.parseLong(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > Integer.MAX_VALUE) {
                nodes.problem(value, "limits." + name + " must be a whole number from 1 to " + Integer.MAX_VALUE
                        + ", got \"" + text + "\"");
                return;
            }
            values.put(name, (int) n);
        });
        return Limits.DEFAULTS.with(values);
    }
}
