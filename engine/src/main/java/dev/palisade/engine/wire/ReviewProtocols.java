package dev.palisade.engine.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.admission.AdmissionReviews;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.webhook.TokenReviews;
import java.util.List;
import java.util.Map;

/** The three review formats Palisade answers, for the CLI and the server alike. */
public final class ReviewProtocols {
    private ReviewProtocols() {}

    /** SubjectAccessReview ({@code authorization.k8s.io/v1}, v1beta1): the review with {@code status}. */
    public static final ReviewProtocol<RequestAttributes> SUBJECT_ACCESS_REVIEW = new ReviewProtocol<>() {
        @Override
        public String kind() {
            return "SubjectAccessReview";
        }

        @Override
        public RequestAttributes read(JsonNode review) throws InvalidReviewException {
            return SubjectAccessReviews.toAttributes(review);
        }

        @Override
        public List<String> groups(RequestAttributes request) {
            return request.user().groups();
        }

        @Override
        public String groupsField() {
            return "spec.groups";
        }

        @Override
        public Answer answer(PolicyEngine engine, JsonNode review, RequestAttributes request) {
            return new Answer(SubjectAccessReviews.withStatus(((ObjectNode) review).deepCopy(), engine.authorize(request)), false);
        }

        @Override
        public ObjectNode invalid(JsonNode review, String message) {
            return SubjectAccessReviews.invalid(review, message);
        }
    };

    /** TokenReview ({@code authentication.k8s.io/v1}, v1beta1): the review with {@code status}, never its token. */
    public static final ReviewProtocol<String> TOKEN_REVIEW = new ReviewProtocol<>() {
        @Override
        public String kind() {
            return "TokenReview";
        }

        @Override
        public String read(JsonNode review) throws InvalidReviewException {
            String token = TokenReviews.token(review);
            TokenReviews.audiences(review); // a malformed audience list is an invalid review, before any authenticator runs
            return token;
        }

        @Override
        public Answer answer(PolicyEngine engine, JsonNode review, String token) {
            List<String> audiences;
            try {
                audiences = TokenReviews.audiences(review);
            } catch (InvalidReviewException e) {
                throw new IllegalStateException("audiences were checked by read", e);
            }
            return new Answer(TokenReviews.withStatus(((ObjectNode) review).deepCopy(),
                    engine.authenticate(Credentials.bearer(token)), audiences), false);
        }

        @Override
        public ObjectNode invalid(JsonNode review, String message) {
            return TokenReviews.invalid(review, message);
        }
    };

    /** AdmissionReview ({@code admission.k8s.io/v1}, v1beta1): a review holding {@code response}; a denial is a finding. */
    public static final ReviewProtocol<AdmissionRequest> ADMISSION_REVIEW = admissionReview(Map.of());

    /**
     * AdmissionReviews judged with existing objects as {@code data.<resource>} (by plural
     * resource), as a webhook that watches the cluster would supply them.
     */
    public static ReviewProtocol<AdmissionRequest> withData(Map<String, List<JsonNode>> data) {
        return admissionReview(Map.copyOf(PlainJson.data(data))); // converted once, shared by every review
    }

    private static ReviewProtocol<AdmissionRequest> admissionReview(Map<String, List<Map<String, Object>>> data) {
        return new ReviewProtocol<>() {
            @Override
            public String kind() {
                return "AdmissionReview";
            }

            @Override
            public AdmissionRequest read(JsonNode review) throws Exception {
                AdmissionRequest request = AdmissionReviews.toRequest(review);
                return data.isEmpty() ? request : request.withData(data);
            }

            @Override
            public List<String> groups(AdmissionRequest request) {
                return request.user().groups();
            }

            @Override
            public String groupsField() {
                return "request.userInfo.groups";
            }

            @Override
            public Answer answer(PolicyEngine engine, JsonNode review, AdmissionRequest request) {
                AdmissionDecision decision = engine.admit(request);
                return new Answer(AdmissionReviews.response(AdmissionReviews.answerVersion(review), request.uid(), decision),
                        !decision.allowed());
            }

            @Override
            public ObjectNode invalid(JsonNode review, String message) {
                return AdmissionReviews.invalid(review, message);
            }
        };
    }
}
