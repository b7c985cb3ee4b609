package dev.palisade.cli;

import dev.palisade.engine.audit.AuditLogGenerator;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palisade generate-audit --events N --seed S [-o FILE] [--gzip]}: a synthetic, realistic audit log. */
@Command(name = "generate-audit", description = "Write a synthetic audit log (audit.k8s.io/v1 JSON lines), the same for the same seed.")
final class GenerateAuditCommand implements Callable<Integer> {
    @Option(names = "--events", paramLabel = "N", defaultValue = "1000", description = "Event lines to write (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--gzip", description = "Compress the output with gzip.")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        if (events < 0) {
            System.err.println("--events must not be negative");
            return PalisadeCommand.INPUT_ERROR;
        }
        OutputStream raw = output == null ? System.out : Files.newOutputStream(output);
        OutputStream out = new BufferedOutputStream(gzip ? new GZIPOutputStream(raw, 1 << 16) : raw, 1 << 16);
        try {
            new AuditLogGenerator(seed).write(out, events);
        } finally {
            if (output == null && !gzip) {
                out.flush();
            } else {
                out.close();
            }
        }
        return PalisadeCommand.OK;
    }
}
