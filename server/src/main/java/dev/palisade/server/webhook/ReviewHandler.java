package dev.palisade.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.PalisadeException;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.server.EngineLease;
import dev.palisade.server.EngineSource;
import dev.palisade.server.Handler;
import dev.palisade.server.HttpRequest;
import dev.palisade.server.HttpResponse;
import dev.palisade.server.KubeStatus;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * The shape every webhook endpoint shares: a JSON object in (else 415 or 400 with a Status),
 * decided on one engine lease, a JSON object out. A review the engine's reader rejects (wrong
 * kind, apiVersion, fields) is a 400 Status naming the problem. Error messages never quote the
 * body: it may hold a token.
 */
public abstract class ReviewHandler implements Handler {
    static final ObjectMapper JSON = new ObjectMapper();

    private final EngineSource engines;

    protected ReviewHandler(EngineSource engines) {
        this.engines = Objects.requireNonNull(engines, "engines");
    }

    /** The kind this endpoint expects, for messages. */
    protected abstract String kind();

    /**
     * The answer to one review object.
     *
     * @throws Exception a checked exception from the engine's review readers means the review is
     *                   invalid: it is answered 400 with its message
     */
    protected abstract HttpResponse answer(PolicyEngine engine, ObjectNode review) throws Exception;

    @Override
    public final HttpResponse handle(HttpRequest request) throws Exception {
        if (!isJson(request.header("content-type"))) {
            return KubeStatus.unsupportedMediaType(article(kind()) + " must be sent as application/json");
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return KubeStatus.badRequest("request body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            return KubeStatus.badRequest("request body cannot be read as JSON");
        }
        if (body == null || body.isMissingNode()) {
            return KubeStatus.badRequest("request body is empty; expected " + article(kind()) + " JSON object");
        }
        if (!body.isObject()) {
            return KubeStatus.badRequest("request body must be " + article(kind()) + " JSON object, not a JSON " + describe(body));
        }
        if (!engines.ready()) {
            return KubeStatus.serviceUnavailable("no policy is loaded yet");
        }
        try (EngineLease lease = engines.acquire()) {
            return answer(lease.engine(), (ObjectNode) body);
        } catch (PalisadeException e) {
            // not a usable review (a field missing or of the wrong type): its message names the field
            return KubeStatus.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            return KubeStatus.badRequest(e.getMessage());
        }
    }

    protected static HttpResponse json(JsonNode answer, String verdict) throws JsonProcessingException {
        return HttpResponse.json(200, JSON.writeValueAsBytes(answer)).withVerdict(verdict);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json");
    }

    private static String article(String kind) {
        return ("AEIOU".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
