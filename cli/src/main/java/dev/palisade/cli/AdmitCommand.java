package dev.palisade.cli;

import dev.palisade.engine.wire.ReviewProtocol;
import dev.palisade.engine.wire.ReviewProtocols;
import picocli.CommandLine.Command;

/**
 * {@code palisade admit -c CONFIG [FILE|-]}: AdmissionReviews (admission.k8s.io/v1 or v1beta1)
 * in (JSON lines, or one pretty-printed document), each answered with a review holding
 * {@code response} (uid copied, allowed, status with one cause per violation, warnings, base64
 * JSONPatch), one compact line per input, in input order. A malformed input is answered with a
 * 400 status and the stream goes on; the exit code is then 2, else 1 when any request was
 * denied, else 0.
 */
@Command(name = "admit", description = "Answer AdmissionReviews (admission.k8s.io/v1) from a file or stdin.")
final class AdmitCommand extends ReviewCommand {
    @picocli.CommandLine.Option(names = "--show-patch",
            description = "After each answer, print its JSONPatch decoded (a pretty JSON array), or say there is none.")
    boolean showPatch;

    @picocli.CommandLine.Option(names = "--data", paramLabel = "[RESOURCE=]FILE",
            description = {"Existing objects for data.<resource> rules, as kubectl get -o yaml|json writes them (Lists flattened);",
                    "RESOURCE=FILE puts them all in data.RESOURCE, a bare FILE files each under its kind's plural. Repeatable."})
    java.util.List<String> dataFiles = java.util.List.of();

    private java.util.Map<String, java.util.List<com.fasterxml.jackson.databind.JsonNode>> data = java.util.Map.of();

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** With --show-patch, each answer line is followed by its patch, decoded from base64. */
    @Override
    protected java.io.PrintWriter answers(java.io.PrintWriter out) {
        if (!showPatch) {
            return out;
        }
        return new java.io.PrintWriter(out) {
            @Override
            public void println(String answer) {
                super.println(answer);
                super.println(decodedPatch(answer));
            }
        };
    }

    static String decodedPatch(String answer) {
        try {
            com.fasterxml.jackson.databind.JsonNode response = JSON.readTree(answer).path("response");
            String patch = response.path("patch").asText("");
            if (patch.isEmpty()) {
                return "# uid " + response.path("uid").asText() + ": no patch";
            }
            String json = new String(java.util.Base64.getDecoder().decode(patch), java.nio.charset.StandardCharsets.UTF_8);
            return "# uid " + response.path("uid").asText() + ": patch\n"
                    + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return "# the answer's patch could not be decoded: " + e.getMessage();
        }
    }

    @Override
    protected boolean prepare(java.io.PrintWriter err) {
        try {
            data = ExistingObjects.read(dataFiles);
            return true;
        } catch (ExistingObjects.DataException e) {
            err.println(e.getMessage());
            return false;
        }
    }

    @Override
    protected ReviewProtocol<?> protocol() {
        return data.isEmpty() ? ReviewProtocols.ADMISSION_REVIEW : ReviewProtocols.withData(data);
    }
}
