package dev.palisade.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What a {@link Handler} answers: status, content type, body, and any extra headers. */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String JSON = "application/json";

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, byte[] body) {
        return new HttpResponse(status, JSON, body, Map.of());
    }

    public static HttpResponse text(int status, String body) {
        return new HttpResponse(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
