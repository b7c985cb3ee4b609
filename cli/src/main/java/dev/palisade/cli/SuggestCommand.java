package dev.palisade.cli;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.BatchListener;
import dev.palisade.engine.batch.BatchRunner;
import dev.palisade.engine.batch.JudgedRequest;
import dev.palisade.engine.batch.LogSource;
import dev.palisade.engine.batch.Problem;
import dev.palisade.engine.suggest.Access;
import dev.palisade.engine.suggest.RbacYamlWriter;
import dev.palisade.engine.suggest.RoleSuggester;
import dev.palisade.engine.suggest.Suggestion;
import dev.palisade.engine.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code palisade suggest -c CONFIG LOG... --user NAME | --serviceaccount NS:NAME}: the minimal
 * Roles, ClusterRole and bindings (YAML on stdout) that allow exactly what the subject did in the
 * logs. The configured policy is consulted for a summary on stderr (how many of those requests
 * it already allows); the suggestion itself covers every request, so it can replace broader grants.
 */
@Command(name = "suggest", description = "Suggest least-privilege RBAC (YAML) for a user or service account from audit logs.")
final class SuggestCommand implements Callable<Integer> {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "CONFIG", description = "palisade.yaml")
    Path config;

    @Parameters(arity = "1..*", paramLabel = "LOG", description = "Audit log files (plain or gzip) or folders of them; '-' reads stdin.")
    List<String> logs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Who who;

    static final class Who {
        @Option(names = "--user", paramLabel = "NAME", description = "The user whose requests to allow.")
        String user;

        @Option(names = "--serviceaccount", paramLabel = "NS:NAME", description = "The service account whose requests to allow.")
        String serviceAccount;
    }

    @Option(names = "--resource-names", description = "Limit a resource to the object names seen, where every request named one.")
    boolean resourceNames;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RoleSuggester suggester;
        if (who.user != null) {
            suggester = RoleSuggester.forUser(who.user, resourceNames);
        } else {
            String[] parts = who.serviceAccount.split(":", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                err.println("--serviceaccount: expected NAMESPACE:NAME, got \"" + who.serviceAccount + "\"");
                err.flush();
                return PalisadeCommand.INPUT_ERROR;
            }
            suggester = RoleSuggester.forServiceAccount(parts[0], parts[1], resourceNames);
        }
        List<LogSource> sources = LogArguments.sources(logs, err).orElse(null);
        if (sources == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        PolicyEngine engine = ConfiguredEngine.load(config, err).orElse(null);
        if (engine == null) {
            return PalisadeCommand.INPUT_ERROR;
        }
        Set<Access> accesses = new LinkedHashSet<>();
        int[] counts = new int[2]; // requests of the subject, of which already allowed
        // the roles to suggest come from authorization alone: admission never grants anything
        new BatchRunner(engine).admission(List.of()).run(sources, new BatchListener() {
            @Override
            public void request(JudgedRequest r) {
                if (r.user().equals(suggester.userName())) {
                    accesses.add(Access.of(r));
                    counts[0]++;
                    if (r.judgement().allowed()) {
                        counts[1]++;
                    }
                }
            }

            @Override
            public void problem(Problem p) {
                err.println(p.render());
            }
        });
        if (accesses.isEmpty()) {
            err.println(Printable.escape("no requests of " + suggester.userName() + " in the logs; nothing to suggest"));
            err.flush();
            return PalisadeCommand.FINDINGS;
        }
        Suggestion suggestion = suggester.suggest(accesses, counts[0]);
        out.println(Printable.escape("# Suggested by palisade from " + counts[0] + " requests (" + accesses.size()
                + " distinct) of " + suggester.userName() + " in " + String.join(", ", logs)));
        out.print(RbacYamlWriter.write(suggestion.policy()));
        out.flush();
        err.println(Printable.escape(suggester.userName() + ": " + counts[0] + " requests, " + counts[1]
                + " already allowed by " + config));
        err.flush();
        return PalisadeCommand.OK;
    }
}
