package dev.palisade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code palisade}: the command-line front of the engine. Exit codes: 0 done, 1 policy errors
 * or violations found where asked, 2 usage, configuration or input errors.
 */
@Command(name = "palisade",
        mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class,
        description = "Policy engine for Kubernetes-style access control.",
        subcommands = {CheckCommand.class, TestCommand.class, AuthorizeCommand.class, BatchCommand.class, SuggestCommand.class,
                GenerateAuditCommand.class, AdmitCommand.class, AuthenticateCommand.class, RequestCommand.class,
                ServeCommand.class, ExplainCommand.class, DiffCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class})
public final class PalisadeCommand implements Runnable {
    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int INPUT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (check, test, authorize, admit, authenticate, request, batch, suggest, generate-audit)");
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PalisadeCommand());
        cl.setExitCodeExceptionMapper(e -> INPUT_ERROR);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            // --help and --version on every command, whatever its own annotation says
            sub.getCommandSpec().mixinStandardHelpOptions(true);
            sub.getCommandSpec().versionProvider(new BuildVersion());
        }
        cl.setExecutionExceptionHandler(new CommandFailure());
        cl.setParameterExceptionHandler(CommandFailure::usageError);
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
