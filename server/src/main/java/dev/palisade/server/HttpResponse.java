package dev.palisade.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a {@link Handler} answers: status, content type, body, and any extra headers.
 *
 * @param verdict what the request decided, for the access log and the metrics ({@code allowed},
 *                {@code denied}, {@code authenticated}, ...); empty when it decided nothing.
 *                Never sent to the client.
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers, String verdict) {
    public static final String JSON = "application/json";

    public HttpResponse {
        headers = Map.copyOf(headers);
        verdict = verdict == null ? "" : verdict;
    }

    public HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, "");
    }

    /** This response with one more header. */
    public HttpResponse withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, more, verdict);
    }

    /** This response with a verdict recorded. */
    public HttpResponse withVerdict(String verdict) {
        return new HttpResponse(status, contentType, body, headers, verdict);
    }

    public static HttpResponse json(int status, byte[] body) {
        return new HttpResponse(status, JSON, body, Map.of());
    }

    public static HttpResponse text(int status, String body) {
        return new HttpResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
