package dev.palisade.engine.admission.pss;

import dev.palisade.dsl.admission.AdmissionPhase;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionTarget;
import dev.palisade.dsl.admission.Violation;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.admission.AdmissionPluginResult;
import dev.palisade.engine.admission.AdmissionPrograms;
import dev.palisade.engine.admission.AdmissionReason;
import dev.palisade.engine.admission.AdmissionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code type: PodSecurity}: the Pod Security Standards at one level and version, as the
 * apiserver's PodSecurity admission applies them. Pods are denied; workloads (pod templates) only
 * get a warning, as upstream, since the pods they create are checked when they are created.
 * Subresources other than {@code ephemeralcontainers} are not pod specs and are left alone, and a
 * pod UPDATE that changes no image, seccomp annotation or ephemeral container is not judged.
 * One reason per violated check, named by the upstream check id; the denial message is
 * {@code violates PodSecurity "restricted:latest": check (detail), ...}.
 */
public final class PodSecurityAdmissionPlugin implements AdmissionPlugin {
    private final String name;
    private final PodSecurityLevel level;
    private final PodSecurityVersion version;
    private final AdmissionProgram program;

    public PodSecurityAdmissionPlugin(String name, PodSecurityLevel level, PodSecurityVersion version,
                                      PodSecurityCatalog catalog) {
        this.name = Objects.requireNonNull(name, "name");
        this.level = Objects.requireNonNull(level, "level");
        this.version = Objects.requireNonNull(version, "version");
        this.program = catalog.program(level, version);
    }

    /** The standards shipped with the engine. */
    public static PodSecurityAdmissionPlugin of(String name, PodSecurityLevel level, PodSecurityVersion version) {
        return new PodSecurityAdmissionPlugin(name, level, version, PodSecurityCatalog.fromClasspath());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String describe() {
        return name + " (PodSecurity " + policyLabel() + ")";
    }

    /** {@code restricted:latest}, {@code baseline:v1.25}: how upstream names the policy in messages. */
    public String policyLabel() {
        return level.label() + ":" + version.label();
    }

    /** The standards only validate: the mutating phase has nothing to run (the default would judge the Pod twice). */
    @Override
    public AdmissionPluginResult evaluate(AdmissionRequest request, AdmissionPhase phase) {
        return phase == AdmissionPhase.MUTATE ? AdmissionPluginResult.unchanged(request) : evaluate(request);
    }

    @Override
    public AdmissionPluginResult evaluate(AdmissionRequest request) {
        if (program == null || !(request.subresource().isEmpty() || request.subresource().equals("ephemeralcontainers"))) {
            return AdmissionPluginResult.unchanged(request);
        }
        if (request.operation().equals("UPDATE") && request.resource().equals("pods") && request.oldObject() != null
                && !PodUpdateSignificance.isSignificant(request.object(), request.oldObject())) {
            return AdmissionPluginResult.unchanged(request);
        }
        Enforcement enforcement = request.resource().equals("pods") ? Enforcement.DENY : Enforcement.WARN;
        // by check id, as upstream orders its checks
        Map<String, List<Violation>> byCheck = new TreeMap<>();
        for (Violation v : program.evaluate(AdmissionPrograms.input(request)).violations()) {
            byCheck.computeIfAbsent(PodSecurityCheck.checkIdOf(v.rule().id()), k -> new ArrayList<>()).add(v);
        }
        List<AdmissionReason> out = new ArrayList<>();
        for (Map.Entry<String, List<Violation>> e : byCheck.entrySet()) {
            List<Violation> vs = e.getValue();
            String message = PodSecurityMessages.joinCheck(vs.stream().map(Violation::message).toList());
            out.add(new AdmissionReason(e.getKey(), vs.get(0).rule().location(), enforcement, message,
                    vs.size() == 1 ? vs.get(0).field() : commonField(vs)));
        }
        return AdmissionPluginResult.validated(request, out);
    }

    /**
     * The standards' rules (pods and workload templates, CREATE and UPDATE), and the
     * {@code pods/ephemeralcontainers} subresource, the one subresource that is judged.
     * Nothing at the privileged level.
     */
    @Override
    public List<AdmissionTarget> targets() {
        if (program == null) {
            return List.of();
        }
        List<AdmissionTarget> out = new ArrayList<>(program.targets());
        for (AdmissionTarget t : program.targets()) {
            if (t.resources().contains("pods")) {
                out.add(new AdmissionTarget(t.kind(), t.operations(), java.util.Set.of("pods/ephemeralcontainers")));
            }
        }
        return List.copyOf(out);
    }

    /** The field all violations of a check share ({@code spec} for several containers), or "". */
    private static String commonField(List<Violation> vs) {
        String common = vs.get(0).field();
        for (Violation v : vs) {
            while (!v.field().startsWith(common)) {
                int cut = Math.max(common.lastIndexOf('.'), common.lastIndexOf('['));
                common = cut < 0 ? "" : common.substring(0, cut);
            }
        }
        return common;
    }

    @Override
    public List<String> summarize(Enforcement enforcement, List<String> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        String verb = enforcement == Enforcement.DENY ? "violates" : "would violate";
        return List.of(verb + " PodSecurity \"" + policyLabel() + "\": " + String.join(", ", messages));
    }
}
