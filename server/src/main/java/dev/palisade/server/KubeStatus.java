package dev.palisade.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The apiserver's {@code Status} failure object ({@code kind: Status, apiVersion: v1}), the one
 * place every rejection of the server is built. The message is the caller's: it never carries a
 * stack trace or a request body.
 */
public final class KubeStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KubeStatus() {}

    public static HttpResponse badRequest(String message) {
        return failure(400, "BadRequest", message);
    }

    public static HttpResponse notFound(String message) {
        return failure(404, "NotFound", message);
    }

    public static HttpResponse methodNotAllowed(String message) {
        return failure(405, "MethodNotAllowed", message);
    }

    public static HttpResponse tooLarge(String message) {
        return failure(413, "RequestEntityTooLarge", message);
    }

    public static HttpResponse unsupportedMediaType(String message) {
        return failure(415, "UnsupportedMediaType", message);
    }

    public static HttpResponse unauthorized(String message) {
        return failure(401, "Unauthorized", message);
    }

    public static HttpResponse internalError(String message) {
        return failure(500, "InternalError", message);
    }

    public static HttpResponse timeout(String message) {
        return failure(504, "Timeout", message);
    }

    public static HttpResponse serviceUnavailable(String message) {
        return failure(503, "ServiceUnavailable", message);
    }

    /** A Status with {@code status: Failure}, the given code, reason and message; verdict "error". */
    public static HttpResponse failure(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        try {
            return HttpResponse.json(code, JSON.writeValueAsBytes(status)).withVerdict("error");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a Status", e);
        }
    }
}
