package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * {@code --events FILE}: one compact JSON line per judged request, in input order, streamed, as
 * UTF-8. A string from the log that holds a lone surrogate (an escaped {@code "bob\ud800"} is
 * valid JSON but no valid Unicode) is written back escaped, as {@code "bob\ud800"}: the file
 * stays valid UTF-8 and says exactly what the log said. Surrogate pairs are written as the
 * character they make.
 */
public final class EventsWriter implements BatchListener, AutoCloseable {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private final JsonGenerator json;
    private final String name;

    public EventsWriter(OutputStream out) {
        this(out, null);
    }

    /** @param name what {@code out} writes to, for errors (a full disk names the file); null if nothing to name */
    public EventsWriter(OutputStream out, String name) {
        this.name = name;
        try {
            this.json = FACTORY.createGenerator(new BufferedOutputStream(out, 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    @Override
    public void request(JudgedRequest request) {
        try {
            RequestJson.write(json, request);
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(named(e));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            json.close();
        } catch (IOException e) {
            throw named(e);
        }
    }

    private IOException named(IOException e) {
        return name == null ? e : new IOException(name + ": " + e.getMessage(), e);
    }
}
