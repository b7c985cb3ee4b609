package dev.palisade.diff;

import com.microsoft.z3.BoolExpr;
import com.microsoft.z3.CharSort;
import com.microsoft.z3.Context;
import com.microsoft.z3.Expr;
import com.microsoft.z3.Model;
import com.microsoft.z3.ReExpr;
import com.microsoft.z3.ReSort;
import com.microsoft.z3.SeqSort;
import dev.palisade.dsl.runtime.Glob;
import dev.palisade.engine.request.RequestAttributes;
import dev.palisade.engine.request.UserInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every request a SubjectAccessReview can describe, as Z3 variables: one string per scalar
 * attribute, a boolean for {@code resourceRequest}, and {@link StringSet}s for the groups and each
 * {@code user.extra} key the policies read. A request is either about a resource (its path is
 * empty) or about a non-resource URL (its resource attributes are empty), as
 * {@code SubjectAccessReviews} builds them.
 */
final class RequestSpace {
    final Context ctx;
    final Expr<SeqSort<CharSort>> user;
    final Expr<SeqSort<CharSort>> uid;
    final Expr<SeqSort<CharSort>> verb;
    final Expr<SeqSort<CharSort>> namespace;
    final Expr<SeqSort<CharSort>> apiGroup;
    final Expr<SeqSort<CharSort>> apiVersion;
    final Expr<SeqSort<CharSort>> resource;
    final Expr<SeqSort<CharSort>> subresource;
    final Expr<SeqSort<CharSort>> name;
    final Expr<SeqSort<CharSort>> path;
    /** Derived from {@link #user}: see {@link #serviceAccountDefinition()}. */
    final Expr<SeqSort<CharSort>> serviceAccountNamespace;
    final Expr<SeqSort<CharSort>> serviceAccountName;
    final BoolExpr resourceRequest;
    final StringSet groups;
    private final Map<String, StringSet> extra = new LinkedHashMap<>();
    /** Whether a policy read a service-account attribute; asked before {@link #constraints()}. */
    private boolean serviceAccountRead;
    private final ReSort<SeqSort<CharSort>> reSort;

    RequestSpace(Context ctx) {
        this.ctx = ctx;
        user = string("user.name");
        uid = string("user.uid");
        verb = string("verb");
        namespace = string("namespace");
        apiGroup = string("apiGroup");
        apiVersion = string("apiVersion");
        resource = string("resource");
        subresource = string("subresource");
        name = string("name");
        path = string("path");
        serviceAccountNamespace = string("user.serviceAccount.namespace");
        serviceAccountName = string("user.serviceAccount.name");
        resourceRequest = ctx.mkBoolConst("resourceRequest");
        groups = new StringSet(ctx, "user.groups");
        reSort = ctx.mkReSort(ctx.mkStringSort());
    }

    private Expr<SeqSort<CharSort>> string(String attribute) {
        return ctx.mkConst(attribute, ctx.mkStringSort());
    }

    /** The scalar attribute a DSL policy calls {@code dslName}, or null for a list or boolean one. */
    Expr<SeqSort<CharSort>> scalar(String dslName) {
        return switch (dslName) {
            case "user.name" -> user;
            case "user.uid" -> uid;
            case "verb" -> verb;
            case "namespace" -> namespace;
            case "apiGroup" -> apiGroup;
            case "apiVersion" -> apiVersion;
            case "resource" -> resource;
            case "subresource" -> subresource;
            case "name" -> name;
            case "path" -> path;
            case "user.serviceAccount.namespace" -> serviceAccount(serviceAccountNamespace);
            case "user.serviceAccount.name" -> serviceAccount(serviceAccountName);
            default -> null;
        };
    }

    /** Marks the service-account definition as needed: it costs the solver, so it is asserted only when read. */
    private Expr<SeqSort<CharSort>> serviceAccount(Expr<SeqSort<CharSort>> attribute) {
        serviceAccountRead = true;
        return attribute;
    }

    StringSet extra(String key) {
        return extra.computeIfAbsent(key, k -> new StringSet(ctx, "user.extra[" + k + "]"));
    }

    BoolExpr is(Expr<SeqSort<CharSort>> attribute, String value) {
        return ctx.mkEq(attribute, ctx.mkString(value));
    }

    /** {@code attribute} is one of {@code values}. */
    BoolExpr oneOf(Expr<SeqSort<CharSort>> attribute, List<String> values) {
        List<BoolExpr> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(is(attribute, v));
        }
        return or(out);
    }

    BoolExpr or(List<BoolExpr> parts) {
        return parts.isEmpty() ? ctx.mkFalse() : parts.size() == 1 ? parts.get(0) : ctx.mkOr(parts.toArray(BoolExpr[]::new));
    }

    BoolExpr and(List<BoolExpr> parts) {
        return parts.isEmpty() ? ctx.mkTrue() : parts.size() == 1 ? parts.get(0) : ctx.mkAnd(parts.toArray(BoolExpr[]::new));
    }

    /** The DSL's glob ({@code *}, {@code ?}, {@code \} escapes) as a Z3 regular expression, token for token. */
    BoolExpr matches(Expr<SeqSort<CharSort>> s, String glob) {
        List<ReExpr<SeqSort<CharSort>>> parts = new ArrayList<>();
        for (int t : Glob.compile(glob).tokens()) {
            if (t == Glob.ANY_SEQUENCE) {
                parts.add(ctx.mkFullRe(reSort));
            } else if (t == Glob.ANY_ONE) {
                parts.add(ctx.mkAllcharRe(reSort));
            } else {
                parts.add(ctx.mkToRe(ctx.mkString(new String(Character.toChars(t)))));
            }
        }
        if (parts.isEmpty()) {
            return is(s, "");
        }
        @SuppressWarnings("unchecked")
        ReExpr<SeqSort<CharSort>>[] array = parts.toArray(ReExpr[]::new);
        return ctx.mkInRe(s, array.length == 1 ? array[0] : ctx.mkConcat(array));
    }

    /**
     * Readable examples: each preference is a boolean that, when assumed, asks for a request a person
     * would write (no version, uid, name or subresource unless needed; lower-case words; no slash in a
     * resource). Never part of the question: the solver drops whichever the class cannot have.
     */
    List<BoolExpr> preferences(List<BoolExpr> definitions) {
        List<BoolExpr> out = new ArrayList<>();
        ReExpr<SeqSort<CharSort>> word = ctx.mkPlus(ctx.mkRange(ctx.mkString("a"), ctx.mkString("z")));
        prefer(out, definitions, "empty apiVersion", is(apiVersion, ""));
        prefer(out, definitions, "empty uid", is(uid, ""));
        prefer(out, definitions, "empty subresource", is(subresource, ""));
        prefer(out, definitions, "empty name", is(name, ""));
        prefer(out, definitions, "resource request", resourceRequest);
        prefer(out, definitions, "resource without slash", ctx.mkNot(ctx.mkContains(resource, ctx.mkString("/"))));
        for (Expr<SeqSort<CharSort>> attribute : List.of(user, verb, namespace, resource, name, subresource, apiGroup)) {
            prefer(out, definitions, "a word", ctx.mkOr(is(attribute, ""), ctx.mkInRe(attribute, word)));
        }
        return out;
    }

    private void prefer(List<BoolExpr> assumptions, List<BoolExpr> definitions, String what, BoolExpr preference) {
        BoolExpr p = ctx.mkBoolConst("prefer#" + assumptions.size() + "#" + what);
        definitions.add(ctx.mkImplies(p, preference));
        assumptions.add(p);
    }

    /** What every request satisfies, and the definitions of the set questions: asserted once. */
    List<BoolExpr> constraints() {
        List<BoolExpr> out = new ArrayList<>();
        BoolExpr noResource = and(List.of(is(namespace, ""), is(apiGroup, ""), is(apiVersion, ""), is(resource, ""),
                is(subresource, ""), is(name, "")));
        out.add(ctx.mkImplies(resourceRequest, is(path, "")));
        out.add(ctx.mkImplies(ctx.mkNot(resourceRequest), noResource));
        // a review names a user or at least one group (SubjectAccessReviews refuses one with neither)
        out.add(ctx.mkOr(ctx.mkNot(is(user, "")), groups.nonEmpty()));
        if (serviceAccountRead) {
            out.add(serviceAccountDefinition());
        }
        out.addAll(groups.definitions());
        for (StringSet s : extra.values()) {
            out.addAll(s.definitions());
        }
        return out;
    }

    /**
     * The service-account attributes as {@code ServiceAccountUser} reads them, exactly: a user
     * name is a service account's when it is {@code system:serviceaccount:} + a DNS label (at most
     * 63) + {@code :} + a DNS subdomain (at most 253); the split is unique because neither part
     * holds a colon, so the parts are functions of the name; the two attributes are those parts,
     * else both "".
     */
    private BoolExpr serviceAccountDefinition() {
        ReExpr<SeqSort<CharSort>> alnum = ctx.mkUnion(ctx.mkRange(ctx.mkString("a"), ctx.mkString("z")),
                ctx.mkRange(ctx.mkString("0"), ctx.mkString("9")));
        ReExpr<SeqSort<CharSort>> inner = ctx.mkUnion(alnum, ctx.mkToRe(ctx.mkString("-")));
        ReExpr<SeqSort<CharSort>> label = ctx.mkConcat(alnum, ctx.mkOption(ctx.mkConcat(ctx.mkStar(inner), alnum)));
        ReExpr<SeqSort<CharSort>> subdomain = ctx.mkConcat(label, ctx.mkStar(ctx.mkConcat(ctx.mkToRe(ctx.mkString(".")), label)));
        BoolExpr shape = ctx.mkInRe(user, ctx.mkConcat(ctx.mkToRe(ctx.mkString("system:serviceaccount:")), label,
                ctx.mkToRe(ctx.mkString(":")), subdomain));
        // when the name has the shape, these parts are fixed by it: neither a label nor a subdomain holds a colon
        Expr<SeqSort<CharSort>> ns = string("serviceAccount.namespacePart");
        Expr<SeqSort<CharSort>> nm = string("serviceAccount.namePart");
        BoolExpr parts = and(List.of(
                ctx.mkEq(user, ctx.mkConcat(ctx.mkString("system:serviceaccount:"), ns, ctx.mkString(":"), nm)),
                ctx.mkInRe(ns, label), ctx.mkInRe(nm, subdomain)));
        BoolExpr serviceAccount = and(List.of(shape, ctx.mkLe(ctx.mkLength(ns), ctx.mkInt(63)),
                ctx.mkLe(ctx.mkLength(nm), ctx.mkInt(253))));
        return and(List.of(ctx.mkImplies(shape, parts),
                ctx.mkEq(serviceAccountNamespace, ctx.mkITE(serviceAccount, ns, ctx.mkString(""))),
                ctx.mkEq(serviceAccountName, ctx.mkITE(serviceAccount, nm, ctx.mkString("")))));
    }

    /** Fixes every attribute to the request's values (for tests that probe the encoding one request at a time). */
    BoolExpr fix(RequestAttributes r) {
        List<BoolExpr> all = new ArrayList<>(List.of(is(user, r.user().name()), is(uid, r.user().uid()), is(verb, r.verb()),
                is(namespace, r.namespace()), is(apiGroup, r.apiGroup()), is(apiVersion, r.apiVersion()), is(resource, r.resource()),
                is(subresource, r.subresource()), is(name, r.name()), is(path, r.path()),
                r.resourceRequest() ? resourceRequest : ctx.mkNot(resourceRequest)));
        all.add(groups.exactly(r.user().groups()));
        for (Map.Entry<String, StringSet> e : extra.entrySet()) {
            all.add(e.getValue().exactly(r.user().extra().getOrDefault(e.getKey(), List.of())));
        }
        return and(all);
    }

    /** The request a model describes. */
    RequestAttributes request(Model m) {
        Map<String, List<String>> extras = new LinkedHashMap<>();
        for (Map.Entry<String, StringSet> e : extra.entrySet()) {
            List<String> values = e.getValue().members(m);
            if (!values.isEmpty()) {
                extras.put(e.getKey(), values);
            }
        }
        UserInfo who = new UserInfo(value(m, user), value(m, uid), groups.members(m), extras);
        if (m.eval(resourceRequest, true).isTrue()) {
            return new RequestAttributes(who, value(m, verb), value(m, namespace), value(m, apiGroup), value(m, apiVersion),
                    value(m, resource), value(m, subresource), value(m, name), true, "");
        }
        return new RequestAttributes(who, value(m, verb), "", "", "", "", "", "", false, value(m, path));
    }

    private static String value(Model m, Expr<SeqSort<CharSort>> attribute) {
        return Strings.of(m.eval(attribute, true));
    }
}
