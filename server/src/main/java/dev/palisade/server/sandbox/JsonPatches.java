package dev.palisade.server.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.engine.admission.AdmissionReviews;
import java.util.List;

/**
 * Applies the mutating rules' patch to a copy of an object, so the sandbox returns the object as
 * admitted. The patch goes through its wire form (what a webhook client receives) and a
 * general RFC 6902 implementation, as the apiserver applies it; a patch that does not fit the
 * object raises IllegalArgumentException naming the reason.
 */
final class JsonPatches {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPatches() {}

    static ObjectNode apply(ObjectNode object, List<PatchOp> patch) {
        if (patch.isEmpty()) {
            return object.deepCopy();
        }
        try {
            JsonNode ops = JSON.readTree(AdmissionReviews.patchJson(patch));
            JsonNode out = JsonPatch.apply(ops, object);
            if (!(out instanceof ObjectNode o)) {
                throw new IllegalArgumentException("the patched object is not a JSON object");
            }
            return o;
        } catch (JsonPatchApplicationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the patch is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
