package dev.palisade.dsl.check;

import dev.palisade.dsl.ast.AdmissionRule;
import dev.palisade.dsl.ast.ObjPath;
import dev.palisade.dsl.ast.ParamDecl;
import dev.palisade.dsl.ast.PolicyFile;
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
                    if (!p.type().accepts(p.defaultValue())) {
                        out.add(Diagnostic.error(p.defaultValue().span(), "the default of '" + p.name() + "' is "
                                + ParamDecl.describe(p.defaultValue()) + ", not " + p.type().spelling()));
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
}
