package dev.palisade.engine.abac;

import java.nio.file.Path;
import java.util.List;

/** A loaded ABAC file: its policies in file order, and warnings about lines read as upstream reads them. */
record AbacPolicyFile(Path file, List<AbacPolicy> policies, List<String> warnings) {
    public AbacPolicyFile {
        policies = List.copyOf(policies);
        warnings = List.copyOf(warnings);
    }
}
