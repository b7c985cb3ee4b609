package dev.palisade.dsl.ast;

import dev.palisade.dsl.source.SourceFile;
import java.util.List;

/** One parsed policy file. {@code packageName} is "" when the file declares none. */
public record PolicyFile(SourceFile source, PackageDecl packageDecl, List<ImportDecl> imports, List<Rule> rules) {
    public PolicyFile {
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
    }

    public String packageName() {
        return packageDecl == null ? "" : packageDecl.name();
    }
}
