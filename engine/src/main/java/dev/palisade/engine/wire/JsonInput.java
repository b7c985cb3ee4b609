package dev.palisade.engine.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palisade.engine.config.Limits;
import java.io.IOException;

/**
 * Bytes from outside to one JSON value, within the {@link Limits}: strict UTF-8, nesting depth
 * and string length set explicitly on Jackson's {@link StreamReadConstraints} (not left to the
 * library's defaults, which change between versions), no trailing content. Every failure is a
 * {@link MalformedJsonException} whose message names the column and the limit, and never quotes
 * the input (a malformed TokenReview line may hold a token). Thread-safe.
 */
public final class JsonInput {
    private final Limits limits;
    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public JsonInput(Limits limits) {
        this.limits = limits;
        this.factory = JsonFactory.builder().streamReadConstraints(constraints(limits)).build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** Jackson's read constraints for these limits: what the batch parser and every reader share. */
    public static StreamReadConstraints constraints(Limits limits) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .build();
    }

    public Limits limits() {
        return limits;
    }

    /** A factory with these limits, for streaming readers. */
    public JsonFactory factory() {
        return factory;
    }

    public JsonNode parse(byte[] bytes) throws MalformedJsonException {
        return parse(bytes, 0, bytes.length);
    }

    public JsonNode parse(byte[] bytes, int offset, int length) throws MalformedJsonException {
        int bad = Utf8.firstInvalid(bytes, offset, length);
        if (bad >= 0) {
            throw new MalformedJsonException("invalid UTF-8 (byte 0x" + Integer.toHexString(bytes[offset + bad] & 0xff)
                    + " at byte " + (bad + 1) + ")");
        }
        try (JsonParser p = factory.createParser(bytes, offset, length)) {
            JsonNode node = mapper.readTree(p);
            if (node == null) {
                throw new MalformedJsonException("no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e, limits));
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable: " + e.getClass().getSimpleName());
        }
    }

    /**
     * A parse failure in words: Jackson's reason without the quoted input (its "Unrecognized
     * token 'abc'" would print a secret written without quotes), the limit's name when one was
     * exceeded, and the line and column when Jackson knows them.
     */
    public static String describe(JsonProcessingException e, Limits limits) {
        return describe(e, limits, true);
    }

    /** As {@link #describe(JsonProcessingException, Limits)}; without the place when the caller names it better. */
    public static String describe(JsonProcessingException e, Limits limits, boolean withPlace) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String reason;
        if (e instanceof StreamConstraintsException) {
            if (original.contains("nesting depth")) {
                reason = "nested deeper than " + limits.maxNestingDepth() + " levels (limits.maxNestingDepth)";
            } else if (original.contains("String value length")) {
                reason = "a string longer than " + limits.maxStringLength() + " characters (limits.maxStringLength)";
            } else {
                reason = "over a JSON limit: " + firstLine(original);
            }
        } else {
            reason = "malformed JSON: " + withoutQuotedInput(firstLine(original));
        }
        JsonLocation at = e.getLocation();
        if (withPlace && at != null && at.getLineNr() > 0 && at.getColumnNr() > 0) {
            reason += " (" + (at.getLineNr() > 1 ? "line " + at.getLineNr() + ", " : "") + "column " + at.getColumnNr() + ")";
        }
        return reason;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String withoutQuotedInput(String message) {
        String m = message;
        if (m.startsWith("Unrecognized token '")) {
            int close = m.indexOf("': ");
            m = "Unrecognized token" + (close > 0 ? m.substring(close + 1) : "");
        }
        for (String cut : new String[] {" (start marker at", " at [Source:"}) {
            int at = m.indexOf(cut);
            if (at > 0) {
                m = m.substring(0, at);
            }
        }
        return m.length() > 200 ? m.substring(0, 200) + "..." : m;
    }
}
