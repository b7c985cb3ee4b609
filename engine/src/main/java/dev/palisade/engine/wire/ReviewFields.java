package dev.palisade.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of the fields of a review (SubjectAccessReview, TokenReview): absent or null is
 * empty, a value of the wrong JSON type is an {@link InvalidReviewException} naming the field.
 */
public final class ReviewFields {
    private ReviewFields() {}

    /** {@code parent.field} as a string, "" when absent; {@code where} names it in errors ("" = the field name). */
    public static String text(JsonNode parent, String field, String where) throws InvalidReviewException {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isTextual()) {
            throw new InvalidReviewException((where.isEmpty() ? field : where) + " must be a string");
        }
        return n.textValue();
    }

    /** A list of strings, empty when absent. */
    public static List<String> strings(JsonNode n, String where) throws InvalidReviewException {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new InvalidReviewException(where + " must be a list of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new InvalidReviewException(where + " must be a list of strings");
            }
            out.add(e.textValue());
        }
        return out;
    }
}
