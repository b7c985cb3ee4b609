package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.ParamDecl;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.ast.Term;
import dev.palisade.dsl.source.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters: declared once per file, with a default of the declared type; read by the file's
 * admission rules as {@code params.NAME}, a name the file declares.
 */
final class ParamPass implements CheckPass {
    @Override
    public String name() {
        return "params";
    }

    @Override
    public void run(List<PolicyFile> files, List<Diagnostic> out) {
        for (PolicyFile f : files) {
            Map<String, ParamDecl> declared = new LinkedHashMap<>();
            for (ParamDecl p : f.params()) {
                ParamDecl first = declared.putIfAbsent(p.name(), p);
                if (first != null) {
                    out.add(Diagnostic.error(p.nameSpan(), "parameter '" + p.name() + "' is declared twice",
                            "first declared at " + first.nameSpan().location()));
                } else if (p.type() != null && p.defaultValue() != null) {
                    String problem = mismatch(p.type(), p.defaultValue());
                    if (problem != null) {
                        out.add(Diagnostic.error(p.defaultValue().span(), "the default of '" + p.name() + "' is " + problem
                                + ", not " + p.type().spelling()));
                    }
                }
            }
            for (AdmissionRule r : f.admissionRules()) {
                for (ObjPath path : r.allPaths()) {
                    if (path.root().equals("params")) {
                        reference(path, declared, out);
                    }
                }
            }
        }
    }

    private static void reference(ObjPath path, Map<String, ParamDecl> declared, List<Diagnostic> out) {
        if (path.segments().size() != 1 || !(path.segments().get(0) instanceof String name)) {
            out.add(Diagnostic.error(path.span(), "a parameter is read whole, as params.NAME", "e.g. cap in params.allowedCapabilities"));
            return;
        }
        if (!declared.containsKey(name)) {
            out.add(Diagnostic.error(path.span(), "unknown parameter '" + name + "'",
                    ClosestName.to(name, declared.keySet()).map(n -> "did you mean '" + n + "'?")
                            .orElse(declared.isEmpty() ? "declare it: param " + name + ": list of string = []"
                                    : "this file declares " + String.join(", ", declared.keySet()))));
        }
    }

    /** What a literal is when it is not of the type ("a string"), or null when it is. */
    static String mismatch(ParamDecl.Type type, Term value) {
        String is = describe(value);
        boolean ok = switch (type) {
            case STRING -> value instanceof Term.Str;
            case NUMBER -> value instanceof Term.Num;
            case BOOLEAN -> value instanceof Term.Bool;
            case STRING_LIST -> value instanceof Term.ListLit l && l.elements().stream().allMatch(e -> e instanceof Term.Str);
            case NUMBER_LIST -> value instanceof Term.ListLit l && l.elements().stream().allMatch(e -> e instanceof Term.Num);
        };
        return ok ? null : is;
    }

    private static String describe(Term t) {
        if (t instanceof Term.Str) {
            return "a string";
        }
        if (t instanceof Term.Num) {
            return "a number";
        }
        if (t instanceof Term.Bool) {
            return "a boolean";
        }
        if (t instanceof Term.ListLit) {
            return "a list of other values";
        }
        if (t instanceof Term.ObjLit) {
            return "an object";
        }
        return "not a literal";
    }
}
