package dev.palisade.engine.yaml;

/**
 * The bounds one YAML read must stay within. Every read of a file from outside names its limits
 * explicitly instead of relying on the parser's defaults, so that a hostile file is refused with
 * a positioned error before it can cost memory.
 *
 * @param maxAliases          aliases to collections (SnakeYAML's own guard against "billion laughs")
 * @param maxNestingDepth     collections inside collections
 * @param maxCodePoints       characters in the whole stream
 * @param maxAliasExpansion   nodes that aliases may add when the document is walked as a tree: a few
 *                            dozen aliases to nested lists stay within {@code maxAliases} yet expand
 *                            to millions of nodes (D15)
 * @param duplicateKeysAllowed true where the reader reports repeated keys itself, with their line;
 *                            false makes a repeated key a parse error (readers that load plain maps)
 */
public record YamlLimits(int maxAliases, int maxNestingDepth, int maxCodePoints, long maxAliasExpansion,
        boolean duplicateKeysAllowed) {
    /** Aliases per document; SnakeYAML's default, which is also what the defect was measured against. */
    public static final int MAX_ALIASES = 50;
    /** Nesting of collections; Kubernetes objects (a Pod with volumes and probes) reach about 12. */
    public static final int MAX_NESTING_DEPTH = 50;
    /** palisade.yaml and kubeconfig files are small: 1 Mi characters is generous. */
    public static final int CONFIG_MAX_CODE_POINTS = 1 << 20;
    /** A cluster's full RBAC dump is easily several MB; 256 Mi characters bounds a file, not a cluster. */
    public static final int RBAC_MAX_CODE_POINTS = 256 << 20;
    /** Nodes aliases may add to one document; reusing a rule list across a hundred roles stays far below. */
    public static final long MAX_ALIAS_EXPANSION = 100_000;

    /** palisade.yaml: its readers report repeated keys with their place. */
    public static final YamlLimits CONFIG =
            new YamlLimits(MAX_ALIASES, MAX_NESTING_DEPTH, CONFIG_MAX_CODE_POINTS, MAX_ALIAS_EXPANSION, true);
    /** RBAC objects: YamlObject reports repeated keys with their line. */
    public static final YamlLimits RBAC =
            new YamlLimits(MAX_ALIASES, MAX_NESTING_DEPTH, RBAC_MAX_CODE_POINTS, MAX_ALIAS_EXPANSION, true);
    /** kubeconfig: read as plain maps, where a second {@code token:} would silently win. */
    public static final YamlLimits KUBECONFIG =
            new YamlLimits(MAX_ALIASES, MAX_NESTING_DEPTH, CONFIG_MAX_CODE_POINTS, MAX_ALIAS_EXPANSION, false);

    public YamlLimits {
        if (maxAliases < 0 || maxNestingDepth < 1 || maxCodePoints < 1 || maxAliasExpansion < 0) {
            throw new IllegalArgumentException("YAML limits must be positive");
        }
    }
}
