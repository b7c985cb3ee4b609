package dev.palisade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.config.Limits;
import dev.palisade.engine.yaml.SafeYaml;
import dev.palisade.engine.yaml.YamlLimits;
import dev.palisade.engine.yaml.YamlReadException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reviews may be given as YAML, as kubectl writes them with {@code -o yaml} (one document or a
 * {@code ---} stream). Detected by content, not name: input whose first character other than
 * blanks is <code>{</code> or <code>[</code> is JSON and streams as before; anything else is read
 * whole (bounded), parsed with the safe YAML reader and handed on as one JSON line per document.
 */
final class YamlReviews {
    /** Reviews are bounded per document by the request limit; a YAML stream by this many of them. */
    private static final int MAX_DOCUMENTS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlReviews() {}

    /** The input as a stream of JSON values, and whether it was converted from YAML. */
    record Prepared(InputStream json, boolean fromYaml) {}

    static Prepared prepare(InputStream raw, String name, Limits limits) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(1 << 16);
        int c;
        int skipped = 0;
        do {
            c = in.read();
            skipped++;
        } while (c != -1 && skipped < (1 << 16) - 1 && (c == ' ' || c == '\t' || c == '\r' || c == '\n'));
        in.reset();
        if (c == -1 || c == '{' || c == '[') {
            return new Prepared(in, false);
        }
        long max = (long) limits.maxRequestBytes() * 4;
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16L, max + 1));
        if (bytes.length > max) {
            throw new YamlReadException(name, 0, 0, "YAML input over " + max + " bytes (four times limits.maxRequestBytes); give JSON lines instead");
        }
        String text = SafeYaml.decode(name, bytes);
        YamlLimits yamlLimits = new YamlLimits(YamlLimits.MAX_ALIASES, Math.max(1, limits.maxNestingDepth()),
                YamlLimits.CONFIG_MAX_CODE_POINTS * 16, YamlLimits.MAX_ALIAS_EXPANSION, false);
        java.util.List<Object> documents = SafeYaml.loadAll(name, text, yamlLimits);
        if (documents.size() > MAX_DOCUMENTS) {
            throw new YamlReadException(name, 0, 0, "more than " + MAX_DOCUMENTS + " YAML documents");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object doc : documents) {
            out.write(JSON.writeValueAsBytes(doc));
            out.write('\n');
        }
        return new Prepared(new ByteArrayInputStream(out.toByteArray()), true);
    }
}
