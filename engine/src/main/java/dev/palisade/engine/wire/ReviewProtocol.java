package dev.palisade.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import java.util.List;

/**
 * One review wire format (SubjectAccessReview, TokenReview, AdmissionReview): how a review is
 * read into a request, judged, and answered, and how input that cannot be judged is answered.
 * The three are in {@link ReviewProtocols}; {@link ReviewResponder} runs them.
 *
 * @param <R> the request read from a review
 */
public interface ReviewProtocol<R> {
    /** The kind answered, for messages ("SubjectAccessReview"). */
    String kind();

    /** The request a review holds; a checked exception is a review that is not valid, its message the reason. */
    R read(JsonNode review) throws Exception;

    /** The groups the request names, checked against {@code limits.maxGroupsPerRequest}; with the field's name. */
    default List<String> groups(R request) {
        return List.of();
    }

    /** Where {@link #groups} came from in the review, for the limit's message. */
    default String groupsField() {
        return "groups";
    }

    /** The answer to a valid review. */
    Answer answer(PolicyEngine engine, JsonNode review, R request);

    /** The answer for input that could not be judged; never allowed. {@code review} may be null or not an object. */
    ObjectNode invalid(JsonNode review, String message);

    /** An answer, and whether it is a finding the caller may count (a denied admission). */
    record Answer(ObjectNode body, boolean finding) {
    }
}
