package dev.palisade.engine.cases;

import dev.palisade.dsl.admission.AdmissionCompiler;
import dev.palisade.dsl.admission.AdmissionInput;
import dev.palisade.dsl.admission.AdmissionProgram;
import dev.palisade.dsl.admission.AdmissionResult;
import dev.palisade.dsl.admission.CompiledAdmissionSet;
import dev.palisade.dsl.admission.PatchOp;
import dev.palisade.dsl.admission.Violation;
import dev.palisade.dsl.ast.AdmissionRule.Enforcement;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.authn.AuthnInput;
import dev.palisade.dsl.authn.AuthnProgram;
import dev.palisade.dsl.authn.Rejection;
import dev.palisade.dsl.compile.AuthnCompiler;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.pss.PodSecurityCheck;
import dev.palisade.engine.authn.AuthenticationMethod;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.Reason;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Runs the cases of a {@link CaseFile} against the policies it names, each stage through the
 * same code the engine decides with: authorization through the compiled policy authorizer,
 * authentication through the built {@code reject} rules, admission through the compiled
 * admission program (each listed policy on its own, as the library's checks are versioned).
 * A case passes when the verdict is the expected one and every optional expectation holds:
 * {@code rule} (among the deciding rules), {@code message} (a substring of a deciding message),
 * and for admission {@code warning} (a substring of a warning) and {@code patch} (the exact
 * JSONPatch). A case that cannot be evaluated fails; it never passes by default.
 */
public final class CaseRunner {
    private CaseRunner() {}

    /** Runs the cases whose name {@code select} accepts. Policies that do not compile throw {@code PolicyException}. */
    public static CaseFileResult run(CaseFile file, Predicate<String> select) {
        long started = System.nanoTime();
        List<CaseOutcome> outcomes = new ArrayList<>();
        List<RuleRef> rules = new ArrayList<>();
        List<PolicyCase> selected = file.cases().stream().filter(c -> select.test(c.name())).toList();
        switch (file.stage()) {
            case AUTHORIZATION -> authorization(file, selected, outcomes, rules);
            case AUTHENTICATION -> authentication(file, selected, outcomes, rules);
            case ADMISSION -> admission(file, selected, outcomes, rules);
        }
        return new CaseFileResult(file, outcomes, rules, System.nanoTime() - started);
    }

    private static void authorization(CaseFile file, List<PolicyCase> cases, List<CaseOutcome> out, List<RuleRef> rules) {
        List<PolicyFile> files = PolicyLoader.load(file.policies()).orThrow().files();
        PolicyCompiler.compile(files).rules().forEach(r -> rules.add(new RuleRef(r.id(), r.span().location())));
        try (Authorizer authorizer = PolicyEngine.compilePolicies(file.file().getFileName().toString(), file.policies())) {
            for (PolicyCase c : cases) {
                Decision d = authorizer.authorize(request(c.fields().get("request")));
                List<String> deciding = d.reasons().stream().map(r -> r.ruleId() + " (" + r.source() + ")").toList();
                Set<String> hit = d.reasons().stream().map(Reason::ruleId).collect(Collectors.toSet());
                List<String> problems = new ArrayList<>();
                if (!d.errors().isEmpty()) {
                    problems.add("evaluation errors: " + String.join("; ", d.errors()));
                }
                String got = d.verdict().name();
                check(problems, got.equals(c.text("expect")), "verdict");
                expectRule(c, problems, hit);
                expectMessage(c, problems, d.reasons().stream().map(Reason::message).toList());
                out.add(outcome(c, problems, got + by(hit), deciding, hit));
            }
        }
    }

    /** The admission request a case describes (defaults: CREATE pods "x" in default by alice). */
    @SuppressWarnings("unchecked")
    public static AdmissionInput admissionInput(PolicyCase c) {
        Map<String, Object> f = c.fields();
        Map<String, Object> user = f.get("user") instanceof Map<?, ?> u ? (Map<String, Object>) u
                : Map.of("name", "alice", "groups", List.of("system:authenticated"));
        return new AdmissionInput(textOr(f, "operation", "CREATE"), textOr(f, "resource", "pods"),
                text(f, "subresource"), text(f, "kind"), textOr(f, "namespace", "default"), textOr(f, "objectName", "x"),
                text(user, "name"), text(user, "uid"), strings(user.get("groups")), Boolean.TRUE.equals(f.get("dryRun")),
                f.get("object"), f.get("oldObject"), (Map<String, List<Object>>) f.getOrDefault("data", Map.of()));
    }

    /** The authorization request a case describes. */
    public static RequestAttributes authorizationRequest(PolicyCase c) {
        return request(c.fields().get("request"));
    }

    private static void authentication(CaseFile file, List<PolicyCase> cases, List<CaseOutcome> out, List<RuleRef> rules) {
        List<PolicyFile> files = PolicyLoader.load(file.policies()).orThrow().files();
        try (AuthnProgram program = AuthnCompiler.compile(files).build()) {
            program.rules().forEach(r -> rules.add(new RuleRef(r.id(), r.span().location())));
            for (PolicyCase c : cases) {
                List<String> problems = new ArrayList<>();
                Map<String, Object> user = map(c.fields().get("user"));
                String method = c.text("method");
                if (Arrays.stream(AuthenticationMethod.values()).noneMatch(m -> m.spelling().equals(method))) {
                    problems.add("unknown method \"" + method + "\" (one of " + Arrays.stream(AuthenticationMethod.values())
                            .map(AuthenticationMethod::spelling).collect(Collectors.joining(", ")) + ")");
                }
                List<Rejection> rejections = program.judge(new AuthnInput(text(user, "name"), text(user, "uid"),
                        strings(user.get("groups")), Map.of(), method, c.text("authenticator")));
                Set<String> hit = rejections.stream().map(Rejection::ruleId).collect(Collectors.toSet());
                String got = rejections.isEmpty() ? "ACCEPT" : "REJECT";
                check(problems, got.equals(c.text("expect")), "verdict");
                expectRule(c, problems, hit);
                expectMessage(c, problems, rejections.stream().map(Rejection::message).toList());
                List<String> deciding = rejections.stream().map(r -> r.ruleId() + " (" + r.location() + ")").toList();
                out.add(outcome(c, problems, got + by(hit), deciding, hit));
            }
        }
    }

    private static void admission(CaseFile file, List<PolicyCase> cases, List<CaseOutcome> out, List<RuleRef> rules) {
        boolean several = file.policies().size() > 1;
        for (Path policy : file.policies()) {
            String policyName = policy.getFileName().toString();
            CompiledAdmissionSet set = AdmissionCompiler.compile(PolicyLoader.load(policy).orThrow().files());
            set.rules().forEach(r -> rules.add(new RuleRef(r.id(), r.span().location())));
            try (AdmissionProgram program = set.build()) {
                for (PolicyCase c : cases) {
                    Object only = c.fields().get("policies");
                    if (only instanceof List<?> l && !l.contains(policyName)) {
                        continue; // a case for another version of a check
                    }
                    out.add(admissionCase(program, c, several ? c.name() + " [" + policyName + "]" : c.name()));
                }
            }
        }
    }

    private static CaseOutcome admissionCase(AdmissionProgram program, PolicyCase c, String name) {
        Map<String, Object> f = c.fields();
        AdmissionInput input = admissionInput(c);
        AdmissionResult result = program.evaluate(input);
        List<Violation> denials = result.violations().stream().filter(v -> v.rule().enforcement() == Enforcement.DENY).toList();
        List<Violation> warnings = result.violations().stream().filter(v -> v.rule().enforcement() != Enforcement.DENY).toList();
        Set<String> hit = new HashSet<>();
        result.violations().forEach(v -> hit.add(v.rule().id()));
        result.mutatedBy().forEach(r -> hit.add(r.id()));
        Set<String> denyIds = new HashSet<>();
        denials.forEach(v -> {
            denyIds.add(v.rule().id());
            denyIds.add(PodSecurityCheck.checkIdOf(v.rule().id()));
        });
        List<String> problems = new ArrayList<>();
        String got = denials.isEmpty() ? "allowed" : "denied";
        check(problems, got.equals(c.text("expect")), "verdict");
        expectRule(c, problems, denyIds);
        expectMessage(c, problems, denials.stream().map(Violation::message).toList());
        Object warning = f.get("warning");
        if (warning != null && warnings.stream().noneMatch(v -> v.message().contains(warning.toString()))) {
            problems.add("no warning contains \"" + warning + "\" (warnings: "
                    + warnings.stream().map(Violation::message).toList() + ")");
        }
        if (f.containsKey("patch")) {
            List<Map<String, Object>> wanted = (List<Map<String, Object>>) f.get("patch");
            List<Map<String, Object>> produced = result.patch().stream().map(CaseRunner::wire).toList();
            if (!Objects.equals(wanted, produced)) {
                problems.add("patch " + produced + ", expected " + wanted);
            }
        }
        List<String> deciding = result.violations().stream()
                .map(v -> v.rule().id() + " (" + v.rule().span().location() + "): " + v.message()).toList();
        PolicyCase shown = new PolicyCase(name, c.location(), f);
        return outcome(shown, problems, got + by(denials.stream().map(v -> v.rule().id()).collect(Collectors.toSet())),
                deciding, hit);
    }

    /** The operation as a webhook client sees it; remove has no value. */
    private static Map<String, Object> wire(PatchOp op) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("op", op.op());
        m.put("path", op.path());
        if (!op.op().equals("remove")) {
            m.put("value", op.value());
        }
        return m;
    }

    private static void check(List<String> problems, boolean ok, String what) {
        if (!ok) {
            problems.add(what);
        }
    }

    private static void expectRule(PolicyCase c, List<String> problems, Set<String> hit) {
        Object rule = c.fields().get("rule");
        if (rule != null && !hit.contains(rule.toString())) {
            problems.add("rule " + rule + " did not decide");
        }
    }

    private static void expectMessage(PolicyCase c, List<String> problems, List<String> messages) {
        Object message = c.fields().get("message");
        if (message != null && messages.stream().noneMatch(m -> m != null && m.contains(message.toString()))) {
            problems.add("no message contains \"" + message + "\" (messages: " + messages + ")");
        }
    }

    private static CaseOutcome outcome(PolicyCase c, List<String> problems, String got, List<String> deciding, Set<String> hit) {
        String expected = c.text("expect") + (c.fields().get("rule") == null ? "" : " by " + c.text("rule"))
                + (c.fields().get("message") == null ? "" : ", message containing \"" + c.text("message") + "\"");
        String gotLine = problems.isEmpty() || problems.equals(List.of("verdict")) ? got
                : got + " — " + problems.stream().filter(p -> !p.equals("verdict")).collect(Collectors.joining("; "));
        return new CaseOutcome(c.name(), c.location(), problems.isEmpty(), expected, gotLine, deciding, hit);
    }

    private static String by(Set<String> ids) {
        return ids.isEmpty() ? "" : " by " + ids.stream().sorted().collect(Collectors.joining(", "));
    }

    @SuppressWarnings("unchecked")
    private static RequestAttributes request(Object value) {
        Map<String, Object> r = map(value);
        UserInfo user = new UserInfo(text(r, "user"), text(r, "uid"), strings(r.get("groups")), Map.of());
        if (r.containsKey("path")) {
            return RequestAttributes.nonResource(user, text(r, "verb"), text(r, "path"));
        }
        return RequestAttributes.resource(user, text(r, "verb"), text(r, "namespace"), text(r, "apiGroup"),
                text(r, "resource"), text(r, "subresource"), text(r, "name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static String text(Map<String, Object> m, String key) {
        return textOr(m, key, "");
    }

    private static String textOr(Map<String, Object> m, String key, String fallback) {
        Object v = m.get(key);
        return v == null ? fallback : v.toString();
    }
}
