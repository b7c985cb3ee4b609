package dev.palisade.engine;

import dev.palisade.Api;
import dev.palisade.engine.admission.AdmissionChain;
import dev.palisade.engine.admission.AdmissionDecision;
import dev.palisade.engine.admission.AdmissionPlugin;
import dev.palisade.engine.admission.AdmissionPlugins;
import dev.palisade.engine.admission.AdmissionRequest;
import dev.palisade.engine.admission.PolicyAdmissionPlugin;
import dev.palisade.engine.config.AdmissionPluginConfig;
import dev.palisade.dsl.compile.PolicyCompiler;
import dev.palisade.dsl.load.LoadResult;
import dev.palisade.dsl.load.PolicyLoader;
import dev.palisade.dsl.parse.ParseLimits;
import dev.palisade.dsl.runtime.PolicyProgram;
import dev.palisade.dsl.source.PolicyException;
import dev.palisade.dsl.source.SourceLimits;
import dev.palisade.engine.abac.AbacAuthorizer;
import dev.palisade.engine.authn.AuthenticationResult;
import dev.palisade.engine.authn.Authenticator;
import dev.palisade.engine.authn.AuthenticatorChain;
import dev.palisade.engine.authn.Credentials;
import dev.palisade.engine.authz.Authorizer;
import dev.palisade.engine.authz.AuthorizerChain;
import dev.palisade.engine.authz.FailurePolicy;
import dev.palisade.engine.authz.Decision;
import dev.palisade.engine.authz.StaticAuthorizer;
import dev.palisade.engine.cache.CachingAuthorizer;
import dev.palisade.engine.cache.DecisionCache;
import dev.palisade.engine.cache.DecisionCacheStats;
import dev.palisade.engine.config.AuthenticationChainBuilder;
import dev.palisade.engine.config.AuthorizerConfig;
import dev.palisade.engine.config.ConfigException;
import dev.palisade.engine.config.ConfigLoader;
import dev.palisade.engine.config.Configuration;
import dev.palisade.engine.config.Limits;
import dev.palisade.engine.policy.PolicyAuthorizer;
import dev.palisade.engine.policy.PolicyStage;
import dev.palisade.engine.rbac.RbacAuthorizer;
import dev.palisade.engine.request.RequestAttributes;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The public entry point: built once (from {@code palisade.yaml} or programmatically), then
 * asked many times from any number of threads. Policies are compiled and grants loaded at build
 * time; a request never triggers compilation. Close it when it is replaced (a reload) or no longer
 * needed: that releases the Drools sessions its authorizers hold.
 */
@Api
public final class PolicyEngine implements AutoCloseable {
    private final AuthorizerChain chain;
    /** What {@link #authorize} asks: the chain, or a decision cache in front of it. */
    private final Authorizer front;
    private final AdmissionChain admission;
    private final AuthenticatorChain authentication;
    private final Limits limits;

    /**
     * @param cacheEntries 0 for no decision cache; otherwise the cache's bound. The cache belongs to
     *                     this engine: a policy change builds a new engine, hence a new, empty cache.
     * @throws IllegalArgumentException when a cache is asked for a chain that is not pure (a webhook)
     */
    private PolicyEngine(List<Authorizer> authorizers, List<FailurePolicy> onFailure, List<AdmissionPlugin> admissionPlugins,
                         AuthenticatorChain authentication, int cacheEntries, Limits limits) {
        this.limits = limits;
        this.chain = new AuthorizerChain(authorizers, onFailure);
        this.front = cacheEntries > 0
                ? new CachingAuthorizer(chain, chain.authorizers(), new DecisionCache(cacheEntries))
                : chain;
        this.admission = new AdmissionChain(admissionPlugins);
        this.authentication = authentication;
    }

    /** Builds the engine a configuration file describes; every problem is reported with its place. */
    public static PolicyEngine fromConfig(Path configFile) {
        Configuration config = ConfigLoader.load(configFile);
        Limits limits = config.limits();
        ParseLimits parseLimits = new ParseLimits(limits.maxRuleTerms(), limits.maxListLiteralLength(),
                SourceLimits.MAX_NESTING_DEPTH);
        List<Authorizer> authorizers = new ArrayList<>();
        List<FailurePolicy> onFailure = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AuthorizerConfig a : config.authorizers()) {
            try {
                Authorizer built = build(a, parseLimits, limits.maxErrorsPerFile());
                authorizers.add(built);
                onFailure.add(a.failurePolicy() != null ? a.failurePolicy() : built.defaultFailurePolicy());
            } catch (PolicyException e) {
                problems.add(a.location() + ": policy authorizer \"" + a.name() + "\" does not compile:\n" + e.render());
            } catch (RuntimeException e) {
                problems.add(a.location() + ": authorizer \"" + a.name() + "\": " + e.getMessage());
            }
        }
        List<AdmissionPlugin> plugins = new ArrayList<>();
        for (AdmissionPluginConfig p : config.admissionPlugins()) {
            try {
                plugins.add(AdmissionPlugins.fromConfig(p, parseLimits));
            } catch (dev.palisade.dsl.params.Instantiation.InstanceException e) {
                problems.addAll(e.problems());
            } catch (ConfigException e) {
                problems.addAll(e.problems()); // its CRD files (schemas:), each problem with its place
            } catch (PolicyException e) {
                problems.add(p.location() + ": admission plugin \"" + p.name() + "\" does not compile:\n" + e.render());
            } catch (RuntimeException e) {
                problems.add(p.location() + ": admission plugin \"" + p.name() + "\": " + e.getMessage());
            }
        }
        AuthenticatorChain authentication = null;
        try {
            authentication = AuthenticationChainBuilder.build(config.authentication(), Clock.systemUTC(), parseLimits);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            return new PolicyEngine(authorizers, onFailure, plugins, authentication, config.decisionCacheEntries(), config.limits());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(config.file() + ": authorization.cache: " + e.getMessage()));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What a failure of each authorizer means, in chain order (palisade.yaml's failurePolicy or the authorizer's default). */
    public List<FailurePolicy> failurePolicies() {
        return chain.failurePolicies();
    }

    /** Runs the authorizer chain: first ALLOW or DENY decides; all NO_OPINION is a DENY. */
    public Decision authorize(RequestAttributes request) {
        return front.authorize(request);
    }

    /** The bounds on input this engine's readers apply ({@code limits:} of palisade.yaml). */
    public Limits limits() {
        return limits;
    }

    /** How full the decision cache is now, when this engine was built with one. */
    public java.util.Optional<DecisionCacheStats> decisionCacheStats() {
        return front instanceof CachingAuthorizer c ? java.util.Optional.of(c.cache().stats()) : java.util.Optional.empty();
    }

    /**
     * Runs the admission plugins in order: mutations first within each plugin, then its validations;
     * any deny rejects. With no plugins configured every request is allowed unchanged.
     */
    public AdmissionDecision admit(AdmissionRequest request) {
        return admission.admit(request);
    }

    /** Admission with the rules of one phase only, as a {@code /mutate} or {@code /validate} webhook answers. */
    public AdmissionDecision admit(AdmissionRequest request, dev.palisade.dsl.admission.AdmissionPhase phase) {
        return admission.admit(request, phase);
    }

    /** The admission plugins, in the order they run (empty: admission allows everything). */
    public List<AdmissionPlugin> admissionPlugins() {
        return admission.plugins();
    }

    /**
     * Runs the authenticator chain over the presented credentials: who, how, and every
     * authenticator failure. With no authentication configured nobody is authenticated.
     */
    public AuthenticationResult authenticate(Credentials credentials) {
        return authentication.authenticate(credentials);
    }

    /**
     * The names of the configured authenticators, in the order {@link #authenticate} tries them
     * (e.g. {@code TokenFile}); empty when none is configured, as for an engine from {@link #builder()}.
     */
    public List<String> authenticatorNames() {
        return authentication.authenticators().stream().map(Authenticator::name).toList();
    }

    /** Decides many requests, in order. */
    public List<Decision> authorizeAll(List<RequestAttributes> requests) {
        List<Decision> out = new ArrayList<>(requests.size());
        for (RequestAttributes r : requests) {
            out.add(authorize(r));
        }
        return out;
    }

    public List<Authorizer> authorizers() {
        return chain.authorizers();
    }

    /**
     * Releases what the authorizers, admission plugins and authentication rules hold (Drools sessions, caches). Idempotent.
     * Callers must not close an engine while requests are still running on it: a server swaps in the
     * new engine first and closes the old one once its in-flight requests have finished.
     */
    @Override
    public void close() {
        RuntimeException first = null;
        for (Object part : closeables()) {
            try {
                ((AutoCloseable) part).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private List<Object> closeables() {
        List<Object> parts = new ArrayList<>();
        parts.addAll(chain.authorizers());
        for (AdmissionPlugin p : admission.plugins()) {
            if (p instanceof AutoCloseable) {
                parts.add(p);
            }
        }
        parts.add(authentication);
        return parts;
    }

    private static Authorizer build(AuthorizerConfig a, ParseLimits parseLimits, int maxProblemsPerFile) {
        return switch (a.type()) {
            case POLICY -> compilePolicies(a.name(), a.paths(), parseLimits);
            case RBAC -> RbacAuthorizer.fromPaths(a.paths(), maxProblemsPerFile);
            case ALWAYS_ALLOW -> StaticAuthorizer.alwaysAllow();
            case ALWAYS_DENY -> StaticAuthorizer.alwaysDeny();
            case ABAC -> AbacAuthorizer.fromFile(a.name(), a.policyFile());
            case WEBHOOK -> AuthenticationChainBuilder.webhookAuthorizer(a.name(), a.webhook(), Clock.systemUTC());
        };
    }

    /**
     * Compiles DSL policy files or folders into one authorizer (the policy set is built once).
     * Authentication or admission rules there are an error: they would never run in this place.
     * The authorizer holds Drools sessions: {@link Authorizer#close() close} it, or add it to an
     * engine, which closes it.
     */
    public static Authorizer compilePolicies(String name, List<Path> paths) {
        return compilePolicies(name, paths, ParseLimits.DEFAULTS);
    }

    private static PolicyAuthorizer compilePolicies(String name, List<Path> paths, ParseLimits limits) {
        LoadResult loaded = PolicyLoader.load(paths, limits).orThrow();
        PolicyStage.AUTHORIZATION.requireOwnRules(loaded.files());
        PolicyProgram program = PolicyCompiler.compile(loaded.files()).build();
        return new PolicyAuthorizer(name, program, loaded.files());
    }

    /** What an engine from the builder authenticates with: nothing, so nobody is authenticated. */
    private static final AuthenticatorChain NO_AUTHENTICATION = new AuthenticatorChain(List.of(), false);

    /**
     * Assembles a chain in code: authorizers are asked in the order they are added. Authentication
     * is configured in {@code palisade.yaml} only ({@link #fromConfig}): an engine built here
     * authenticates nobody.
     */
    public static final class Builder {
        private final List<Authorizer> authorizers = new ArrayList<>();
        private final List<AdmissionPlugin> admissionPlugins = new ArrayList<>();
        private int cacheEntries;
        private Limits limits = Limits.DEFAULTS;

        /** The bounds on input the engine's readers apply (default {@link Limits#DEFAULTS}). */
        public Builder limits(Limits limits) {
            this.limits = java.util.Objects.requireNonNull(limits);
            return this;
        }

        /**
         * Puts a bounded decision cache of at most {@code maxEntries} decisions in front of the chain
         * (off by default). {@link #build()} refuses it when an authorizer is not pure (a webhook).
         */
        public Builder decisionCache(int maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("a decision cache needs maxEntries >= 1, got " + maxEntries);
            }
            this.cacheEntries = maxEntries;
            return this;
        }

        public Builder policies(String name, List<Path> paths) {
            authorizers.add(compilePolicies(name, paths));
            return this;
        }

        public Builder rbac(List<Path> paths) {
            authorizers.add(RbacAuthorizer.fromPaths(paths));
            return this;
        }

        public Builder add(Authorizer authorizer) {
            authorizers.add(authorizer);
            return this;
        }

        /** Adds an admission plugin of DSL validate / mutate rules; plugins run in the order added. */
        public Builder admissionPolicies(String name, List<Path> paths) {
            admissionPlugins.add(PolicyAdmissionPlugin.fromPaths(name, paths));
            return this;
        }

        /** Adds an admission plugin built elsewhere (e.g. PodSecurity); plugins run in the order added. */
        public Builder admission(AdmissionPlugin plugin) {
            admissionPlugins.add(plugin);
            return this;
        }

        public PolicyEngine build() {
            if (authorizers.isEmpty()) {
                throw new IllegalStateException("a policy engine needs at least one authorizer");
            }
            return new PolicyEngine(authorizers, authorizers.stream().map(Authorizer::defaultFailurePolicy).toList(),
                    admissionPlugins, NO_AUTHENTICATION, cacheEntries, limits);
        }
    }
}
