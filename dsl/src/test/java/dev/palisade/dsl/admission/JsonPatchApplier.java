package dev.palisade.dsl.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flipkart.zjsonpatch.JsonPatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies produced patches with an independent RFC 6902 implementation (zjsonpatch), so a test
 * shows the patch means to any webhook client what the rules meant. A patch that does not apply
 * (missing parent, replace or remove of nothing, bad index) throws.
 */
final class JsonPatchApplier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonPatchApplier() {}

    static Object apply(Object doc, List<PatchOp> ops) {
        JsonNode patch = JSON.valueToTree(ops.stream().map(JsonPatchApplier::wire).toList());
        JsonNode out = JsonPatch.apply(patch, JSON.valueToTree(doc));
        return JSON.convertValue(out, Object.class);
    }

    /** The operation as it goes on the wire: remove has no value. */
    private static Map<String, Object> wire(PatchOp op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op.op());
        m.put("path", op.path());
        if (!op.op().equals("remove")) {
            m.put("value", op.value());
        }
        return m;
    }
}
