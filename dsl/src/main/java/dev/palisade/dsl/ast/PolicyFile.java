package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.SourceFile;
import java.util.List;

/**
 * One parsed policy file. {@code packageName} is "" when the file declares none. Authorization,
 * admission and authentication rules are kept apart: they compile to different programs and never mix.
 */
public record PolicyFile(SourceFile source, PackageDecl packageDecl, List<ImportDecl> imports, List<Rule> rules,
                         List<AdmissionRule> admissionRules, List<AuthnRule> authnRules, List<ParamDecl> params) {
    public PolicyFile {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
        admissionRules = List.copyOf(admissionRules);
        authnRules = List.copyOf(authnRules);
        params = List.copyOf(params);
    }

    /** A file without parameters. */
    public PolicyFile(SourceFile source, PackageDecl packageDecl, List<ImportDecl> imports, List<Rule> rules,
                      List<AdmissionRule> admissionRules, List<AuthnRule> authnRules) {
        this(source, packageDecl, imports, rules, admissionRules, authnRules, List.of());
    }

    /** The same file with other admission rules (an instance of its parameters). */
    public PolicyFile withAdmissionRules(List<AdmissionRule> newRules) {
        return new PolicyFile(source, packageDecl, imports, rules, newRules, authnRules, params);
    }

    /** A file without authentication rules. */
    public PolicyFile(SourceFile source, PackageDecl packageDecl, List<ImportDecl> imports, List<Rule> rules,
                      List<AdmissionRule> admissionRules) {
        this(source, packageDecl, imports, rules, admissionRules, List.of());
    }

    /** A file with authorization rules only. */
    public PolicyFile(SourceFile source, PackageDecl packageDecl, List<ImportDecl> imports, List<Rule> rules) {
        this(source, packageDecl, imports, rules, List.of(), List.of());
    }

    public String packageName() {
        return packageDecl == null ? "" : packageDecl.name();
    }
}
