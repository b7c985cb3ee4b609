package dev.palisade.cli;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** The engine a command's {@code -c CONFIG} describes, or every configuration problem on stderr. */
final class ConfiguredEngine {
    private ConfiguredEngine() {}

    static Optional<PolicyEngine> load(Path config, PrintWriter err) {
        try {
            return Optional.of(PolicyEngine.fromConfig(config));
        } catch (ConfigException e) {
            e.problems().forEach(p -> err.println(dev.palisade.engine.text.Printable.escapeLines(p)));
            err.flush();
            return Optional.empty();
        }
    }
}
