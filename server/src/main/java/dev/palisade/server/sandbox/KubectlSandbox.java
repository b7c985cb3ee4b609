package dev.palisade.server.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.palisade.dsl.listing.AllowRuleLister;
import dev.palisade.dsl.listing.ListedRule;
import dev.palisade.dsl.listing.Listing;
import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PlainJson;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import dev.palisade.server.EngineLease;
import dev.palisade.server.EngineSource;
import dev.palisade.server.Handler;
import dev.palisade.server.HttpRequest;
import dev.palisade.server.HttpResponse;
import dev.palisade.server.KubeStatus;
import dev.palisade.server.sandbox.SelfReviewBodies.BadBodyException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The kubectl-compatible policy sandbox: the server's fallback handler, answering real kubectl
 * pointed at it so that operators try policies with the tool they use, with nothing stored.
 *
 * <ul>
 *   <li>Unauthenticated, as the apiserver's discovery roles allow: {@code /version}, discovery
 *       ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/G/V}) and OpenAPI v3 (see
 *       {@link DiscoveryDocuments}) for the built-in resources of {@link ResourceTable}.</li>
 *   <li>Everything else authenticates the caller with the engine's authenticators (bearer token,
 *       client certificate; 401 {@code Unauthorized} as the apiserver answers otherwise), then:
 *       {@code auth whoami} (SelfSubjectReview), {@code auth can-i} (SelfSubjectAccessReview, JSON or
 *       Kubernetes protobuf), and the resource paths: authorized (403 with the apiserver's
 *       Forbidden message), and for a create with {@code dryRun=All} admitted by the engine: the
 *       mutated object 201, or 403 {@code pods "bad" is forbidden: <admission message>}.</li>
 *   <li>Nothing is stored: a write without {@code dryRun=All} is refused (400), a GET of an object
 *       is 404 NotFound, a list is empty, updates/patches/deletes of objects are 404.</li>
 * </ul>
 */
public final class KubectlSandbox implements Handler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EngineSource engines;
    private final ResourceTable table;
    private final DiscoveryDocuments documents;

    public KubectlSandbox(EngineSource engines) {
        this(engines, ResourceTable.builtIn());
    }

    public KubectlSandbox(EngineSource engines, ResourceTable table) {
        this.engines = engines;
        this.table = table;
        this.documents = new DiscoveryDocuments(table);
    }

    @Override
    public HttpResponse handle(HttpRequest request) throws Exception {
        String path = request.path().length() > 1 && request.path().endsWith("/")
                ? request.path().substring(0, request.path().length() - 1) : request.path();
        if (request.method().equals("GET")) {
            Optional<ObjectNode> doc = discovery(path);
            if (doc.isPresent()) {
                return json(200, doc.get(), "");
            }
        }
        try (EngineLease lease = engines.acquire()) {
            PolicyEngine engine = lease.engine();
            AuthenticationResult who = engine.authenticate(
                    Credentials.fromHeader(request.header("authorization"), request.clientCertificates()));
            if (!who.authenticated()) {
                return KubeStatus.unauthorized("Unauthorized").withVerdict("unauthenticated");
            }
            UserInfo user = who.user();
            if (request.method().equals("POST")) {
                switch (path) {
                    case "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                         "/apis/authentication.k8s.io/v1beta1/selfsubjectreviews" -> {
                        return selfSubjectReview(request, user);
                    }
                    case "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                         "/apis/authorization.k8s.io/v1beta1/selfsubjectaccessreviews" -> {
                        return selfSubjectAccessReview(engine, request, user);
                    }
                    case "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                         "/apis/authorization.k8s.io/v1beta1/selfsubjectrulesreviews" -> {
                        return selfSubjectRulesReview(engine, request, user);
                    }
                    default -> { }
                }
            }
            Optional<ResourcePath> target = ResourcePath.parse(path);
            if (target.isEmpty()) {
                return KubeStatus.notFound("the server could not find the requested resource");
            }
            ResourcePath p = target.get();
            Optional<ApiResource> resource = table.find(p.group(), p.version(), p.plural());
            if (resource.isEmpty() || (!p.namespace().isEmpty() && !resource.get().namespaced())) {
                return KubeStatus.notFound("the server could not find the requested resource");
            }
            return resourceRequest(engine, request, user, p, resource.get());
        } catch (IllegalStateException notReady) {
            if (!engines.ready()) {
                return KubeStatus.serviceUnavailable("the policy is not loaded yet");
            }
            throw notReady;
        }
    }

    private Optional<ObjectNode> discovery(String path) {
        return switch (path) {
            case "/version" -> Optional.of(documents.version());
            case "/api" -> Optional.of(documents.coreVersions());
            case "/apis" -> Optional.of(documents.groups());
            case "/api/v1" -> documents.resources("v1");
            case "/openapi/v3" -> Optional.of(documents.openApiIndex());
            default -> {
                if (path.startsWith("/openapi/v3/api/v1")) {
                    yield path.equals("/openapi/v3/api/v1") ? documents.openApi("v1") : Optional.empty();
                }
                if (path.startsWith("/openapi/v3/apis/")) {
                    yield documents.openApi(path.substring("/openapi/v3/apis/".length()));
                }
                String[] s = path.split("/");
                if (s.length == 4 && s[1].equals("apis")) {
                    yield documents.resources(s[2] + "/" + s[3]);
                }
                yield Optional.empty();
            }
        };
    }

    private HttpResponse selfSubjectReview(HttpRequest request, UserInfo user) throws JsonProcessingException {
        ObjectNode review;
        try {
            review = SelfReviewBodies.read(request.header("content-type"), request.body(), "SelfSubjectReview");
        } catch (BadBodyException e) {
            return KubeStatus.badRequest(e.getMessage());
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", "SelfSubjectReview");
        out.put("apiVersion", review.path("apiVersion").asText("authentication.k8s.io/v1").isEmpty()
                ? "authentication.k8s.io/v1" : review.path("apiVersion").asText());
        out.putObject("metadata").put("creationTimestamp", now());
        out.putObject("status").set("userInfo", userInfo(user));
        return json(201, out, "authenticated");
    }

    private HttpResponse selfSubjectAccessReview(PolicyEngine engine, HttpRequest request, UserInfo user)
            throws JsonProcessingException {
        ObjectNode review;
        try {
            review = SelfReviewBodies.read(request.header("content-type"), request.body(), "SelfSubjectAccessReview");
        } catch (BadBodyException e) {
            return KubeStatus.badRequest(e.getMessage());
        }
        JsonNode spec = review.path("spec");
        JsonNode ra = spec.path("resourceAttributes");
        JsonNode nra = spec.path("nonResourceAttributes");
        RequestAttributes attributes;
        if (ra.isObject() && !nra.isObject()) {
            attributes = new RequestAttributes(user, ra.path("verb").asText(""), ra.path("namespace").asText(""),
                    ra.path("group").asText(""), ra.path("version").asText(""), ra.path("resource").asText(""),
                    ra.path("subresource").asText(""), ra.path("name").asText(""), true, "");
        } else if (nra.isObject() && !ra.isObject()) {
            attributes = RequestAttributes.nonResource(user, nra.path("verb").asText(""), nra.path("path").asText(""));
        } else {
            return KubeStatus.failure(422, "Invalid", "SelfSubjectAccessReview.authorization.k8s.io is invalid: spec:"
                    + " Invalid value: exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        Decision decision = engine.authorize(attributes);
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", "SelfSubjectAccessReview");
        out.put("apiVersion", review.path("apiVersion").asText("").isEmpty() ? "authorization.k8s.io/v1"
                : review.path("apiVersion").asText());
        out.putObject("metadata").put("creationTimestamp", now());
        out.set("spec", spec.deepCopy());
        ObjectNode status = out.putObject("status");
        status.put("allowed", decision.allowed());
        if (decision.allowed()) {
            status.put("reason", decision.reasonText());
        } else if (!explicitDenyReason(decision).isEmpty()) {
            // kubectl prints "no - <reason>" when a denial has a reason; the apiserver leaves it empty
            // when no authorizer had an opinion (RBAC never denies), and carries an explicit deny's reason.
            status.put("denied", true);
            status.put("reason", explicitDenyReason(decision));
        }
        if (!decision.errors().isEmpty()) {
            status.put("evaluationError", decision.errorText());
        }
        return json(201, out, decision.allowed() ? "allowed" : "denied");
    }

    /**
     * kubectl auth can-i --list: the rules of every RBAC authorizer (aggregated ClusterRoles
     * expanded, cluster-wide and namespace bindings) and the DSL allow rules that RBAC-shaped rules
     * can express ({@link AllowRuleLister}), and {@code incomplete: true} naming what could not be
     * listed (allow rules with other conditions, ABAC, webhooks) or may be refused (deny rules),
     * as the apiserver does for its non-RBAC authorizers.
     */
    private HttpResponse selfSubjectRulesReview(PolicyEngine engine, HttpRequest request, UserInfo user)
            throws JsonProcessingException {
        ObjectNode review;
        try {
            review = SelfReviewBodies.read(request.header("content-type"), request.body(), "SelfSubjectRulesReview");
        } catch (BadBodyException e) {
            return KubeStatus.badRequest(e.getMessage());
        }
        String namespace = review.path("spec").path("namespace").asText("");
        ObjectNode out = JSON.createObjectNode();
        out.put("kind", "SelfSubjectRulesReview");
        out.put("apiVersion", "authorization.k8s.io/v1");
        out.putObject("metadata").put("creationTimestamp", now());
        out.set("spec", review.path("spec").deepCopy());
        ObjectNode status = out.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        List<String> cannotEnumerate = new java.util.ArrayList<>();
        List<String> notes = new java.util.ArrayList<>();
        for (dev.palisade.engine.authz.Authorizer a : engine.authorizers()) {
            if (a instanceof dev.palisade.engine.rbac.RbacAuthorizer rbac) {
                for (dev.palisade.engine.rbac.model.PolicyRule rule : rbac.effectiveRules(user, namespace)) {
                    if (!rule.resources().isEmpty()) {
                        ObjectNode r = resourceRules.addObject();
                        strings(r, "verbs", rule.verbs());
                        strings(r, "apiGroups", rule.apiGroups());
                        strings(r, "resources", rule.resources());
                        if (!rule.resourceNames().isEmpty()) {
                            strings(r, "resourceNames", rule.resourceNames());
                        }
                    }
                    if (!rule.nonResourceURLs().isEmpty()) {
                        ObjectNode r = nonResourceRules.addObject();
                        strings(r, "verbs", rule.verbs());
                        strings(r, "nonResourceURLs", rule.nonResourceURLs());
                    }
                }
            } else if (a instanceof dev.palisade.engine.policy.PolicyAuthorizer policy
                    && policy.listAllowed(subject(user, namespace)).isPresent()) {
                Listing listing = policy.listAllowed(subject(user, namespace)).get();
                for (ListedRule rule : listing.rules()) {
                    ObjectNode r = rule.resourceRule() ? resourceRules.addObject() : nonResourceRules.addObject();
                    strings(r, "verbs", rule.verbs());
                    if (rule.resourceRule()) {
                        strings(r, "apiGroups", rule.apiGroups());
                        strings(r, "resources", rule.resources());
                        if (!rule.resourceNames().isEmpty()) {
                            strings(r, "resourceNames", rule.resourceNames());
                        }
                    } else {
                        strings(r, "nonResourceURLs", rule.nonResourceURLs());
                    }
                }
                for (String unlisted : listing.unlisted()) {
                    notes.add(a.name() + ": allow rule " + unlisted + " cannot be listed as an RBAC rule");
                }
                if (listing.denyRules() > 0) {
                    notes.add(a.name() + ": " + listing.denyRules() + " deny rule(s) may refuse some of what is listed");
                }
            } else {
                cannotEnumerate.add(a.name());
            }
        }
        if (!cannotEnumerate.isEmpty()) {
            notes.add("the rules of " + String.join(", ", cannotEnumerate)
                    + " cannot be listed; ask with kubectl auth can-i VERB RESOURCE");
        }
        status.put("incomplete", !notes.isEmpty());
        if (!notes.isEmpty()) {
            status.put("evaluationError", String.join("; ", notes));
        }
        return json(201, out, notes.isEmpty() ? "complete" : "incomplete");
    }

    private static AllowRuleLister.Subject subject(UserInfo user, String namespace) {
        return new AllowRuleLister.Subject(user.name(), user.uid(), user.groups(), user.extra(), namespace);
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        ArrayNode a = node.putArray(field);
        values.forEach(a::add);
    }

    private HttpResponse resourceRequest(PolicyEngine engine, HttpRequest request, UserInfo user, ResourcePath p,
                                         ApiResource resource) throws JsonProcessingException {
        boolean item = !p.name().isEmpty();
        String verb = switch (request.method()) {
            case "GET" -> item ? "get" : ("true".equals(request.queryParameter("watch")) ? "watch" : "list");
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> item ? "delete" : "deletecollection";
            default -> "";
        };
        if (verb.isEmpty() || (!resource.verbs().contains(verb) && p.subresource().isEmpty())) {
            return KubeStatus.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        if (verb.equals("create") && item && p.subresource().isEmpty()) {
            return KubeStatus.methodNotAllowed("the server does not allow this method on the requested resource");
        }
        RequestAttributes attributes = new RequestAttributes(user, verb, p.namespace(), resource.group(), resource.version(),
                resource.plural(), p.subresource(), p.name(), true, "");
        Decision decision = engine.authorize(attributes);
        if (!decision.allowed()) {
            return forbidden(resource, p.name(), attributes, decision);
        }
        String qualified = resource.group().isEmpty() ? resource.plural() : resource.plural() + "." + resource.group();
        if (verb.equals("get")) {
            return notFound(resource, qualified, p.name());
        }
        if (verb.equals("list") || verb.equals("watch")) {
            ObjectNode list = JSON.createObjectNode();
            list.put("kind", resource.kind() + "List");
            list.put("apiVersion", resource.groupVersion());
            list.putObject("metadata").put("resourceVersion", "0");
            list.putArray("items");
            return json(200, list, "allowed");
        }
        if (!"All".equals(request.queryParameter("dryRun"))) {
            return KubeStatus.badRequest("the Palisade policy sandbox stores nothing: " + verb + " " + qualified
                    + " is refused without dryRun=All (use kubectl --dry-run=server)").withVerdict("refused");
        }
        if (!verb.equals("create") || !p.subresource().isEmpty()) {
            return notFound(resource, qualified, p.name());
        }
        return create(engine, request, user, p, resource, qualified);
    }

    private HttpResponse create(PolicyEngine engine, HttpRequest request, UserInfo user, ResourcePath p,
                                ApiResource resource, String qualified) throws JsonProcessingException {
        ObjectNode object;
        try {
            JsonNode n = JSON.readTree(request.body());
            if (n == null || !n.isObject()) {
                return KubeStatus.badRequest("the body of the request is not a JSON object");
            }
            object = (ObjectNode) n;
        } catch (java.io.IOException e) {
            return KubeStatus.badRequest("the body of the request was in an unknown format: " + e.getMessage()
                    .lines().findFirst().orElse(""));
        }
        String kind = object.path("kind").asText("");
        String apiVersion = object.path("apiVersion").asText("");
        if (!kind.equals(resource.kind()) || !apiVersion.equals(resource.groupVersion())) {
            return KubeStatus.badRequest("the object is a " + (kind.isEmpty() ? "(no kind)" : kind) + " of "
                    + (apiVersion.isEmpty() ? "(no apiVersion)" : apiVersion) + ", expected " + resource.kind() + " of "
                    + resource.groupVersion() + " for " + qualified);
        }
        ObjectNode metadata = object.has("metadata") && object.get("metadata").isObject()
                ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
        String name = metadata.path("name").asText("");
        if (name.isEmpty() && !metadata.path("generateName").asText("").isEmpty()) {
            name = metadata.path("generateName").asText() + UUID.randomUUID().toString().substring(0, 5);
            metadata.put("name", name);
        }
        if (name.isEmpty()) {
            return KubeStatus.failure(422, "Invalid", resource.kind() + " \"\" is invalid: metadata.name: Required value:"
                    + " name or generateName is required");
        }
        String objectNamespace = metadata.path("namespace").asText("");
        if (resource.namespaced()) {
            if (!objectNamespace.isEmpty() && !objectNamespace.equals(p.namespace())) {
                return KubeStatus.badRequest("the namespace of the provided object does not match the namespace sent on"
                        + " the request");
            }
            metadata.put("namespace", p.namespace());
        }
        AdmissionRequest admission = new AdmissionRequest(UUID.randomUUID().toString(), "CREATE", resource.kind(),
                resource.plural(), "", p.namespace(), name, user, true, PlainJson.object(object), null, Map.of());
        AdmissionDecision decision = engine.admit(admission);
        if (!decision.allowed()) {
            return KubeStatus.failure(403, "Forbidden", qualified + " \"" + name + "\" is forbidden: " + decision.message())
                    .withVerdict("denied");
        }
        ObjectNode admitted;
        try {
            admitted = JsonPatches.apply(object, decision.patch());
        } catch (IllegalArgumentException e) {
            return KubeStatus.internalError("the admission patch does not apply: " + e.getMessage());
        }
        ObjectNode meta = (ObjectNode) admitted.get("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        HttpResponse response = json(201, admitted, decision.patch().isEmpty() ? "allowed" : "patched");
        if (!decision.warnings().isEmpty()) {
            // RFC 7234 warn-text is a quoted-string: backslash-escape as the apiserver does
            String text = String.join("; ", decision.warnings()).replace("\\", "\\\\").replace("\"", "\\\"");
            response = response.withHeader("warning", "299 - \"" + text + "\"");
        }
        return response;
    }

    /** The apiserver's authorization Forbidden: {@code pods is forbidden: User "carol" cannot create resource ...}. */
    static HttpResponse forbidden(ApiResource resource, String name, RequestAttributes a, Decision decision) {
        String qualified = resource.group().isEmpty() ? resource.plural() : resource.plural() + "." + resource.group();
        String subject = name.isEmpty() ? qualified : qualified + " \"" + name + "\"";
        String what = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
        String scope = a.namespace().isEmpty() ? " at the cluster scope" : " in the namespace \"" + a.namespace() + "\"";
        String reason = explicitDenyReason(decision);
        String message = subject + " is forbidden: User \"" + a.user().name() + "\" cannot " + a.verb() + " resource \""
                + what + "\" in API group \"" + a.apiGroup() + "\"" + scope + (reason.isEmpty() ? "" : ": " + reason);
        return KubeStatus.failure(403, "Forbidden", message).withVerdict("denied");
    }

    /** The reason of a deny an authorizer decided; "" when the chain denied because nobody had an opinion. */
    static String explicitDenyReason(Decision decision) {
        if (decision.allowed() || decision.verdict() != dev.palisade.engine.authz.Verdict.DENY
                || dev.palisade.engine.authz.AuthorizerChain.deniedForLackOfOpinion(decision)) {
            return "";
        }
        return decision.reasonText();
    }

    private static HttpResponse notFound(ApiResource resource, String qualified, String name) {
        return KubeStatus.notFound(qualified + " \"" + name + "\" not found").withVerdict("notfound");
    }

    private static ObjectNode userInfo(UserInfo user) {
        ObjectNode u = JSON.createObjectNode();
        u.put("username", user.name());
        if (!user.uid().isEmpty()) {
            u.put("uid", user.uid());
        }
        ArrayNode groups = u.putArray("groups");
        user.groups().forEach(groups::add);
        if (!user.extra().isEmpty()) {
            ObjectNode extra = u.putObject("extra");
            user.extra().forEach((k, v) -> {
                ArrayNode values = extra.putArray(k);
                v.forEach(values::add);
            });
        }
        return u;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static HttpResponse json(int status, ObjectNode body, String verdict) throws JsonProcessingException {
        return HttpResponse.json(status, JSON.writeValueAsBytes(body)).withVerdict(verdict);
    }

    /** A resource path: {@code /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]]} or the same under {@code /apis/G/V}. */
    record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {
        static Optional<ResourcePath> parse(String path) {
            String[] s = path.substring(1).split("/");
            String group;
            String version;
            int i;
            if (s.length >= 3 && s[0].equals("api") && s[1].equals("v1")) {
                group = "";
                version = "v1";
                i = 2;
            } else if (s.length >= 4 && s[0].equals("apis")) {
                group = s[1];
                version = s[2];
                i = 3;
            } else {
                return Optional.empty();
            }
            String namespace = "";
            if (s.length - i >= 3 && s[i].equals("namespaces")) {
                namespace = s[i + 1];
                i += 2;
            }
            int rest = s.length - i;
            if (rest < 1 || rest > 3) {
                return Optional.empty();
            }
            for (int k = i; k < s.length; k++) {
                if (s[k].isEmpty()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ResourcePath(group, version, namespace, s[i], rest >= 2 ? s[i + 1] : "",
                    rest == 3 ? s[i + 2] : ""));
        }
    }
}
