package dev.palisade.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The request and response bodies an audit event logged (levels Request and RequestResponse),
 * kept only when admission is replayed: they are what admission saw, and they are the bulk of
 * an event, so a parser that does not need them skips them token by token.
 *
 * @param requestObject the body the client sent (for a patch: the patch, not the object), or null
 * @param responseObject the object the apiserver answered with (level RequestResponse), or null
 */
public record LoggedObjects(JsonNode requestObject, JsonNode responseObject) {
    public static final LoggedObjects NONE = new LoggedObjects(null, null);
}
