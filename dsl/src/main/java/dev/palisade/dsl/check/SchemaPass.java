package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.CmpOp;
import dev.palisade.dsl.ast.Cond;
import dev.palisade.dsl.ast.Mutation;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.schema.KubernetesSchema;
import dev.palisade.dsl.schema.SchemaType;
import dev.palisade.dsl.schema.SchemaType.ArrayOf;
import dev.palisade.dsl.schema.SchemaType.MapOf;
import dev.palisade.dsl.schema.SchemaType.ObjectType;
import dev.palisade.dsl.schema.SchemaType.Primitive;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission paths against the Kubernetes schema of the resources a rule names (issue 14): a
 * misspelt field ({@code c.securityContex.privileged}) would never be present and the rule would
 * never fire, and a comparison across types ({@code runAsUser == "0"}, {@code hostNetwork == "yes"},
 * {@code c.name > 5}) can never hold — both are errors here, with the field's type or the nearest
 * field name. A rule's paths may meet every version of every resource it names, so a path is
 * known when any of them declares it and a comparison is refused only when it fails for all of
 * them. Resources outside the built-in table (custom resources), {@code data.<resource>} and
 * free-form fields are left unchecked. Runs after {@link AdmissionPass}, which reports unknown
 * roots and out-of-scope variables; paths it cannot resolve are skipped here.
 */
final class SchemaPass implements CheckPass {
    /** No type known: custom resources, free-form values, data. Everything is accepted. */
    private static final Set<SchemaType> UNKNOWN = Set.of(Primitive.ANY);
    private static final Map<String, Set<SchemaType>> ATTRIBUTES = Map.of(
            "operation", Set.of(Primitive.STRING), "resource", Set.of(Primitive.STRING),
            "subresource", Set.of(Primitive.STRING), "kind", Set.of(Primitive.STRING),
            "namespace", Set.of(Primitive.STRING), "name", Set.of(Primitive.STRING),
            "dryRun", Set.of(Primitive.BOOLEAN));

    private final KubernetesSchema schema;

    SchemaPass(KubernetesSchema schema) {
        this.schema = schema;
    }

    SchemaPass() {
        this(KubernetesSchema.builtIn());
    }

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (PolicyFile f : files) {
            Map<String, Set<SchemaType>> params = new HashMap<>();
            for (dev.palisade.dsl.ast.ParamDecl p : f.params()) {
                if (p.type() != null) {
                    params.putIfAbsent(p.name(), Set.of(switch (p.type()) {
                        case STRING -> Primitive.STRING;
                        case NUMBER -> Primitive.NUMBER;
                        case BOOLEAN -> Primitive.BOOLEAN;
                        case STRING_LIST -> new ArrayOf(Primitive.STRING);
                        case NUMBER_LIST -> new ArrayOf(Primitive.NUMBER);
                    }));
                }
            }
            for (AdmissionRule r : f.admissionRules()) {
                Set<SchemaType> types = objectTypes(r);
                if (types == UNKNOWN) {
                    uncheckedNote(r, out);
                }
                new RuleCheck(types, params, out).check(r);
            }
        }
    }

    /**
     * A note (not an error, not a warning: custom resources are legitimate) for a rule that reads
     * object paths of a resource without a known schema, saying how to supply one.
     */
    private void uncheckedNote(AdmissionRule r, List<Diagnostic> out) {
        boolean readsObject = r.allPaths().stream().anyMatch(p -> p.root().equals("object") || p.root().equals("oldObject"));
        if (!readsObject) {
            return;
        }
        for (AdmissionRule.Word res : r.resources()) {
            if (!res.text().equals("*") && schema.forResource(res.text()).isEmpty()) {
                out.add(Diagnostic.note(res.span(), "object paths of rule \"" + r.name() + "\" are not checked: no schema is known for '"
                        + res.text() + "'", "for a custom resource, name its CRD file under the admission plugin's 'schemas:' in"
                        + " palisade.yaml and run 'palisade check -c palisade.yaml', or pass 'palisade check --schema CRD.yaml'"));
                return;
            }
        }
    }

    /** The types {@code object} may have in this rule; unknown when any resource is not built in. */
    private Set<SchemaType> objectTypes(AdmissionRule r) {
        Set<SchemaType> types = new LinkedHashSet<>();
        for (AdmissionRule.Word res : r.resources()) {
            List<ObjectType> known = schema.forResource(res.text());
            if (known.isEmpty()) {
                return UNKNOWN;
            }
            types.addAll(known);
        }
        return types.isEmpty() ? UNKNOWN : types;
    }

    /** The checks of one rule, with its variables' types. */
    private static final class RuleCheck {
        private final Set<SchemaType> objectTypes;
        /** The file's parameters by name, as schema types. */
        private final Map<String, Set<SchemaType>> params;
        private final List<Diagnostic> out;
        /** While a plain 'remove' target is resolved: a list selected by a key then means remove-by-value. */
        private boolean removing;

        RuleCheck(Set<SchemaType> objectTypes, Map<String, Set<SchemaType>> params, List<Diagnostic> out) {
            this.objectTypes = objectTypes;
            this.params = params;
            this.out = out;
        }

        /** One error per place: where an earlier pass already reported, its message stands alone. */
        private void report(Diagnostic d) {
            for (Diagnostic earlier : out) {
                if (earlier.isError() && earlier.span().file() == d.span().file() && earlier.span().line() == d.span().line()
                        && earlier.span().column() == d.span().column()) {
                    return;
                }
            }
            out.add(d);
        }

        void check(AdmissionRule r) {
            Map<String, Set<SchemaType>> scope = new HashMap<>();
            if (r.forEach() != null) {
                for (AdmissionRule.ForEach.Binding b : r.forEach().bindings()) {
                    scope.put(b.var(), elements(b.lists(), scope));
                }
            }
            if (r.condition() != null) {
                cond(r.condition(), scope);
            }
            if (r.because() != null) {
                for (Object part : r.because().parts()) {
                    if (part instanceof ObjPath p) {
                        typeOf(p, scope);
                    }
                }
            }
            for (Mutation m : r.mutations()) {
                removing = m.op() == Mutation.Op.REMOVE && m.where() == null;
                Set<SchemaType> target = typeOf(m.target(), scope);
                removing = false;
                if (target != null && m.where() != null) {
                    Map<String, Set<SchemaType>> inner = new HashMap<>(scope);
                    inner.put(m.var(), elements(List.of(m.target()), scope));
                    cond(m.where(), inner);
                }
                if (target == null || m.value() == null) {
                    continue;
                }
                if (m.op() == Mutation.Op.ADD) {
                    Set<SchemaType> items = new LinkedHashSet<>();
                    for (SchemaType t : target) {
                        items.add(t instanceof ArrayOf a ? a.items() : t == Primitive.ANY ? t : null);
                    }
                    items.remove(null);
                    if (items.isEmpty()) {
                        report(Diagnostic.error(m.target().span(), "cannot add to '" + m.target().text() + "': it is "
                                + describe(target), "'add' appends to a list; to write a value use 'set'"));
                        continue;
                    }
                    value(m.target().text() + "[]", items, m.value(), m.value().span(), "cannot hold");
                } else {
                    value(m.target().text(), target, m.value(), m.value().span(), "cannot be set to");
                }
            }
        }

        /** Iterative, as written, so a long chain of 'and's cannot overflow the stack. */
        private void cond(Cond root, Map<String, Set<SchemaType>> rootScope) {
            record Item(Cond cond, Map<String, Set<SchemaType>> scope) {}
            Deque<Item> stack = new ArrayDeque<>();
            stack.push(new Item(root, rootScope));
            while (!stack.isEmpty()) {
                Item item = stack.pop();
                Cond c = item.cond();
                Map<String, Set<SchemaType>> scope = item.scope();
                if (c instanceof Cond.And a) {
                    stack.push(new Item(a.right(), scope));
                    stack.push(new Item(a.left(), scope));
                } else if (c instanceof Cond.Or o) {
                    stack.push(new Item(o.right(), scope));
                    stack.push(new Item(o.left(), scope));
                } else if (c instanceof Cond.Not n) {
                    stack.push(new Item(n.operand(), scope));
                } else if (c instanceof Cond.Presence p) {
                    typeOf(p.path(), scope);
                } else if (c instanceof Cond.Truthy t && (t.term() instanceof Term.PathRef || t.term() instanceof Term.Call)) {
                    Set<SchemaType> type = termType(t.term(), scope);
                    if (type != null && none(type, RuleCheck::booleanLike) && t.term() instanceof Term.PathRef ref) {
                        report(Diagnostic.error(t.span(), "'" + ref.path().text() + "' is " + describe(type)
                                + ", not true or false", "compare it, e.g. " + ref.path().text() + " == ..."));
                    }
                } else if (c instanceof Cond.Quantified q) {
                    Map<String, Set<SchemaType>> inner = new HashMap<>(scope);
                    inner.put(q.var(), elements(q.lists(), scope));
                    stack.push(new Item(q.body(), inner));
                } else if (c instanceof Cond.Compare cmp) {
                    compare(cmp, scope);
                }
            }
        }

        /** The element types of the lists (or maps) iterated, or unknown when one cannot be resolved. */
        private Set<SchemaType> elements(List<ObjPath> lists, Map<String, Set<SchemaType>> scope) {
            Set<SchemaType> elements = new LinkedHashSet<>();
            for (ObjPath list : lists) {
                Set<SchemaType> type = typeOf(list, scope);
                if (type == null) {
                    return UNKNOWN;
                }
                boolean iterable = false;
                for (SchemaType t : type) {
                    if (t instanceof ArrayOf a) {
                        elements.add(a.items());
                        iterable = true;
                    } else if (t instanceof MapOf m) {
                        elements.add(ObjectType.mapEntry(m.values()));
                        iterable = true;
                    } else if (t instanceof ObjectType o) {
                        iterable = true; // iterating an object yields its fields as {key, value}: value of any type
                        elements.add(ObjectType.mapEntry(Primitive.ANY));
                    } else if (t == Primitive.ANY) {
                        elements.add(t);
                        iterable = true;
                    }
                }
                if (!iterable) {
                    report(Diagnostic.error(list.span(), "cannot iterate over '" + list.text() + "': it is " + describe(type),
                            "iterate over a list such as object.spec.containers"));
                    return UNKNOWN;
                }
            }
            return elements.isEmpty() ? UNKNOWN : elements;
        }

        private void compare(Cond.Compare cmp, Map<String, Set<SchemaType>> scope) {
            Term left = cmp.left();
            Term right = cmp.right();
            Set<SchemaType> lt = termType(left, scope);
            Set<SchemaType> rt = termType(right, scope);
            CmpOp op = cmp.op();
            if (lt == null) {
                return; // a constant on the left (AdmissionPass judges those) or a path already reported
            }
            String text = Term.text(left);
            switch (op) {
                case EQ, NE -> {
                    if (rt == null) {
                        value(text, lt, right, cmp.opSpan(), op == CmpOp.EQ ? "never equals" : "always differs from");
                    } else if (!compatible(lt, rt)) {
                        report(Diagnostic.error(cmp.opSpan(), "'" + text + "' is " + describe(lt) + " and '"
                                + Term.text(right) + "' is " + describe(rt) + ": they are never equal"));
                    }
                }
                case IN, NOT_IN -> {
                    if (right instanceof Term.ListLit list) {
                        for (Term e : list.elements()) {
                            if (!value(text, lt, e, e.span(), "never equals")) {
                                break;
                            }
                        }
                    }
                }
                case LT, LE, GT, GE -> {
                    if (none(lt, RuleCheck::numberLike)) {
                        report(Diagnostic.error(cmp.opSpan(), "'" + op.spelling() + "' compares numbers, and '" + text
                                + "' is " + describe(lt), lt.contains(Primitive.STRING)
                                ? "compare strings with ==, in, startsWith, endsWith or matches" : null));
                    }
                }
                case STARTS_WITH, ENDS_WITH, MATCHES -> {
                    if (none(lt, t -> stringLike(t) || t instanceof ArrayOf a && stringLike(a.items()))) {
                        report(Diagnostic.error(cmp.opSpan(), "'" + op.spelling() + "' tests strings, and '" + text
                                + "' is " + describe(lt)));
                    }
                }
                case CONTAINS -> {
                    if (none(lt, t -> stringLike(t) || t instanceof ArrayOf || t instanceof MapOf)) {
                        report(Diagnostic.error(cmp.opSpan(), "'contains' tests a list, a map or a string, and '" + text
                                + "' is " + describe(lt)));
                    }
                }
                default -> { }
            }
        }

        /**
         * Whether a constant can be a value of the path: reported as {@code '<path>' is an
         * integer: it never equals the string "0"} with the literal to write instead. False when reported.
         */
        private boolean value(String path, Set<SchemaType> type, Term constant, Span at, String verb) {
            String problem = null;
            String help = null;
            if (constant instanceof Term.Str s) {
                if (none(type, t -> stringLike(t) || t == Primitive.QUANTITY)) {
                    problem = "the string \"" + s.value() + "\"";
                    if (s.value().matches("-?[0-9]+") && any(type, RuleCheck::numberLike)) {
                        help = "write the number without quotes: " + s.value();
                    } else if ((s.value().equals("true") || s.value().equals("false")) && any(type, RuleCheck::booleanLike)) {
                        help = "write " + s.value() + " without quotes";
                    }
                }
            } else if (constant instanceof Term.Num n) {
                if (none(type, RuleCheck::numberLike)) {
                    problem = "the number " + n.value().toPlainString();
                    if (any(type, RuleCheck::stringLike)) {
                        help = "write it as a string: \"" + n.value().toPlainString() + "\"";
                    }
                }
            } else if (constant instanceof Term.Bool b) {
                if (none(type, RuleCheck::booleanLike)) {
                    problem = b.value() ? "true" : "false";
                }
            } else if (constant instanceof Term.ListLit list) {
                if (none(type, t -> t instanceof ArrayOf || t == Primitive.ANY)) {
                    problem = "a list";
                } else {
                    Set<SchemaType> items = new LinkedHashSet<>();
                    type.forEach(t -> items.add(t instanceof ArrayOf a ? a.items() : Primitive.ANY));
                    for (Term e : list.elements()) {
                        if (!value(path + "[]", items, e, e.span(), verb)) {
                            return false;
                        }
                    }
                }
            } else if (constant instanceof Term.ObjLit object) {
                if (none(type, t -> t instanceof ObjectType || t instanceof MapOf || t == Primitive.ANY)) {
                    problem = "an object";
                } else {
                    return fields(path, type, object, verb);
                }
            } else if (constant instanceof Term.PathRef || constant instanceof Term.Concat) {
                return true; // its type is the path's: judged where paths are
            }
            if (problem == null) {
                return true;
            }
            report(Diagnostic.error(at, "'" + path + "' is " + describe(type) + ": it " + verb + " " + problem, help));
            return false;
        }

        /** The type of a term that is not a literal (paths and concatenations), or null. */
        private Set<SchemaType> termType(Term t, Map<String, Set<SchemaType>> scope) {
            if (t instanceof Term.PathRef p) {
                return typeOf(p.path(), scope);
            }
            if (t instanceof Term.Concat c) {
                for (Term part : c.parts()) {
                    termType(part, scope);
                }
                return Set.of(Primitive.STRING);
            }
            if (t instanceof Term.Call c && c.function() != null) {
                List<Set<SchemaType>> args = new ArrayList<>();
                for (Term a : c.args()) {
                    Set<SchemaType> at = termType(a, scope);
                    args.add(at != null ? at : literalType(a));
                }
                return switch (c.function()) {
                    case COUNT -> {
                        Set<SchemaType> arg = args.isEmpty() ? null : args.get(0);
                        if (arg != null && none(arg, x -> x instanceof ArrayOf || x instanceof MapOf || stringLike(x))) {
                            report(Diagnostic.error(c.args().get(0).span(), "'count' counts a list, a map or a string, and '"
                                    + Term.text(c.args().get(0)) + "' is " + describe(arg)));
                        }
                        yield Set.of(Primitive.INT64);
                    }
                    case LOWER, UPPER -> Set.of(Primitive.STRING);
                    case QUANTITY -> Set.of(Primitive.NUMBER);
                    case REGEX -> Set.of(Primitive.BOOLEAN);
                    case COALESCE -> {
                        Set<SchemaType> union = new LinkedHashSet<>();
                        for (Set<SchemaType> a : args) {
                            union.addAll(a == null ? UNKNOWN : a);
                        }
                        yield union;
                    }
                };
            }
            return null;
        }

        /** The type of a literal, as a schema type; null for list and object literals. */
        private static Set<SchemaType> literalType(Term t) {
            if (t instanceof Term.Str) {
                return Set.of(Primitive.STRING);
            }
            if (t instanceof Term.Num) {
                return Set.of(Primitive.INT64);
            }
            if (t instanceof Term.Bool) {
                return Set.of(Primitive.BOOLEAN);
            }
            return null;
        }

        /** Each field of an object literal against the object's declared fields (or a map's values). */
        private boolean fields(String path, Set<SchemaType> type, Term.ObjLit object, String verb) {
            if (type.contains(Primitive.ANY)) {
                return true;
            }
            for (Term.ObjLit.Field f : object.fields()) {
                Set<SchemaType> fieldTypes = new LinkedHashSet<>();
                Set<String> known = new java.util.TreeSet<>();
                for (SchemaType t : type) {
                    if (t instanceof ObjectType o) {
                        known.addAll(o.fields().keySet());
                        if (o.field(f.key()) != null) {
                            fieldTypes.add(o.field(f.key()));
                        }
                    } else if (t instanceof MapOf m) {
                        fieldTypes.add(m.values());
                    }
                }
                if (fieldTypes.isEmpty()) {
                    report(Diagnostic.error(f.keySpan(), "unknown field '" + f.key() + "' in an object for '" + path + "' ("
                                    + describe(type) + ")",
                            ClosestName.to(f.key(), known).map(n -> "did you mean '" + n + "'?").orElse("the fields are: " + String.join(", ", known))));
                    return false;
                }
                if (!value(path + "." + f.key(), fieldTypes, f.value(), f.value().span(), verb)) {
                    return false;
                }
            }
            return true;
        }

        /** The types a path may have, or null when it was reported (or its root is AdmissionPass's to report). */
        private Set<SchemaType> typeOf(ObjPath p, Map<String, Set<SchemaType>> scope) {
            for (Object segment : p.segments()) {
                if (segment instanceof ObjPath.Computed c) {
                    termType(c.key(), scope);
                }
            }
            Set<SchemaType> types;
            String root = p.root();
            if (scope.containsKey(root)) {
                types = scope.get(root);
            } else if (root.equals("object") || root.equals("oldObject")) {
                types = objectTypes;
            } else if (root.equals("params")) {
                return p.segments().size() == 1 ? params.get(String.valueOf(p.segments().get(0))) : null;
            } else if (root.equals("data")) {
                return UNKNOWN; // objects the caller supplies; custom resources as often as built-in ones
            } else if (ATTRIBUTES.containsKey(root)) {
                return p.segments().isEmpty() ? ATTRIBUTES.get(root) : null;
            } else if (root.equals("user") && p.segments().size() == 1) {
                return p.segments().get(0).equals("groups") ? Set.of(new ArrayOf(Primitive.STRING)) : Set.of(Primitive.STRING);
            } else {
                return null;
            }
            StringBuilder walked = new StringBuilder(root);
            for (Object segment : p.segments()) {
                Set<SchemaType> next = new LinkedHashSet<>();
                for (SchemaType t : types) {
                    SchemaType step = step(t, segment);
                    if (step != null) {
                        next.add(step);
                    }
                }
                if (next.isEmpty()) {
                    report(stepError(p, walked.toString(), types, segment));
                    return null;
                }
                walked.append(segment instanceof Integer i ? "[" + i + "]"
                        : segment instanceof ObjPath.Computed c ? "[" + Term.text(c.key()) + "]" : "." + segment);
                types = next;
            }
            return types;
        }

        private static SchemaType step(SchemaType t, Object segment) {
            if (t == Primitive.ANY) {
                return t;
            }
            if (segment instanceof ObjPath.Computed) {
                // a key known only when the rule runs: any value of a map, any field of an object
                return t instanceof MapOf m ? m.values() : t instanceof ObjectType ? Primitive.ANY : null;
            }
            if (segment instanceof Integer) {
                return t instanceof ArrayOf a ? a.items() : null;
            }
            if (t instanceof ObjectType o) {
                return o.field((String) segment);
            }
            if (t instanceof MapOf m) {
                return m.values();
            }
            return null;
        }

        private Diagnostic stepError(ObjPath p, String walked, Set<SchemaType> types, Object segment) {
            if (segment instanceof String field) {
                Set<String> fields = new LinkedHashSet<>();
                List<String> objects = new ArrayList<>();
                for (SchemaType t : types) {
                    if (t instanceof ObjectType o) {
                        fields.addAll(o.fields().keySet());
                        objects.add(o.name());
                    }
                }
                if (!objects.isEmpty()) {
                    return Diagnostic.error(p.span(), "unknown field '" + field + "' in '" + walked + "' ("
                                    + String.join(" or ", objects) + "): '" + p.text() + "' is never present",
                            ClosestName.to(field, fields).map(s -> "did you mean '" + s + "'?")
                                    .orElse("the fields are: " + String.join(", ", new java.util.TreeSet<>(fields))));
                }
                if (types.stream().anyMatch(t -> t instanceof ArrayOf)) {
                    return Diagnostic.error(p.span(), "'" + walked + "' is a list: \"" + field + "\" cannot select an element",
                            removing ? "to remove by value: remove x in " + walked + " where x == \"" + field + "\""
                                    : "index it (" + walked + "[0]), iterate over it (any x in " + walked + ": x == \"" + field
                                    + "\"), or test it (" + walked + " contains \"" + field + "\")");
                }
                return Diagnostic.error(p.span(), "'" + walked + "' is " + describe(types) + " and has no field '" + field + "'");
            }
            if (segment instanceof ObjPath.Computed c) {
                return Diagnostic.error(p.span(), "'" + walked + "' is " + describe(types) + ": a computed key ["
                        + Term.text(c.key()) + "] selects nothing in it", "computed keys select in maps, such as annotations and labels");
            }
            return Diagnostic.error(p.span(), "'" + walked + "' is " + describe(types) + ", not a list: [" + segment + "] selects nothing");
        }

        private static boolean stringLike(SchemaType t) {
            return t == Primitive.STRING || t == Primitive.INT_OR_STRING || t == Primitive.ANY;
        }

        private static boolean numberLike(SchemaType t) {
            return t == Primitive.INT32 || t == Primitive.INT64 || t == Primitive.NUMBER || t == Primitive.INT_OR_STRING
                    || t == Primitive.QUANTITY || t == Primitive.ANY;
        }

        private static boolean booleanLike(SchemaType t) {
            return t == Primitive.BOOLEAN || t == Primitive.ANY;
        }

        private static boolean compatible(Set<SchemaType> a, Set<SchemaType> b) {
            for (SchemaType x : a) {
                for (SchemaType y : b) {
                    if (x == Primitive.ANY || y == Primitive.ANY || x.equals(y)
                            || stringLike(x) && stringLike(y) || numberLike(x) && numberLike(y)
                            || !(x instanceof Primitive) && !(y instanceof Primitive)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static boolean none(Set<SchemaType> types, java.util.function.Predicate<SchemaType> p) {
            return types.stream().noneMatch(p);
        }

        private static boolean any(Set<SchemaType> types, java.util.function.Predicate<SchemaType> p) {
            return types.stream().anyMatch(p);
        }

        /** "an integer", "a list of strings", "an object (core.v1.SecurityContext)". */
        private static String describe(Set<SchemaType> types) {
            return String.join(" or ", types.stream().map(RuleCheck::describe).distinct().toList());
        }

        private static String describe(SchemaType t) {
            if (t instanceof ArrayOf a) {
                return "a list of " + plural(a.items());
            }
            if (t instanceof ObjectType o) {
                return "an object (" + o.name() + ")";
            }
            if (t instanceof MapOf m) {
                return "a map of " + plural(m.values());
            }
            return t == Primitive.BOOLEAN ? "a boolean" : t.expected();
        }

        private static String plural(SchemaType t) {
            if (t == Primitive.STRING) {
                return "strings";
            }
            if (t == Primitive.INT32 || t == Primitive.INT64) {
                return "integers";
            }
            if (t == Primitive.BOOLEAN) {
                return "booleans";
            }
            if (t instanceof ObjectType o) {
                return "objects (" + o.name() + ")";
            }
            return "values (" + t.spelling() + ")";
        }
    }
}
