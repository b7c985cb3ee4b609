package dev.palisade.engine.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** {@code --events FILE}: one compact JSON line per judged request, in input order, streamed. */
public final class EventsWriter implements BatchListener, AutoCloseable {
    private final JsonGenerator json;

    public EventsWriter(Writer out) {
        try {
            this.json = new JsonFactory().createGenerator(new BufferedWriter(out, 1 << 16));
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
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
