package dev.palisade.spark;

import dev.palisade.engine.PolicyEngine;
import dev.palisade.engine.batch.DistributedReplay;
import dev.palisade.engine.config.ConfigLoader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The configuration ({@code palisade.yaml}) and every file it names (policies, RBAC objects, ABAC
 * file, authentication files; folders with everything under them), read once on the driver and
 * shipped to the executors with the job (a broadcast variable). Each executor JVM builds one
 * {@link PolicyEngine} from it, once, whatever the number of tasks and records.
 *
 * <p>Where the executor sees the very same files at the same place (local mode, or a shared
 * file system) and runs in the driver's working directory, the engine is built from them as the
 * driver names them, so that the rules' places ({@code file:line:col}) read exactly as in
 * {@code palisade batch}. Elsewhere the bundle is written to a fresh temporary folder (each file
 * at its absolute path below it) and built from there; the places then name that copy.
 */
final class ConfigBundle implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, PolicyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final Map<PolicyEngine, java.util.Queue<DistributedReplay.Reader>> READERS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final String config;
    private final String driverDirectory;
    private final LinkedHashMap<String, byte[]> files;
    private final String id;

    private ConfigBundle(String config, String driverDirectory, LinkedHashMap<String, byte[]> files, String id) {
        this.config = config;
        this.driverDirectory = driverDirectory;
        this.files = files;
        this.id = id;
    }

    /** Reads {@code config} and everything it names (the configuration must load: check it first). */
    static ConfigBundle read(Path config) throws IOException {
        LinkedHashMap<String, byte[]> files = new LinkedHashMap<>();
        for (Path p : ConfigLoader.load(config).watchedPaths()) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                try (Stream<Path> walk = Files.walk(abs)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        files.putIfAbsent(f.toString(), Files.readAllBytes(f));
                    }
                }
            } else if (Files.isRegularFile(abs)) {
                files.putIfAbsent(abs.toString(), Files.readAllBytes(abs));
            }
        }
        Path absConfig = config.toAbsolutePath().normalize();
        files.putIfAbsent(absConfig.toString(), Files.readAllBytes(absConfig));
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(config.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.forEach((name, bytes) -> {
            sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(bytes);
        });
        return new ConfigBundle(config.toString(), Path.of("").toAbsolutePath().toString(), files,
                HexFormat.of().formatHex(sha.digest()));
    }

    /** How many files the bundle holds (the configuration included). */
    int size() {
        return files.size();
    }

    /** This JVM's engine for the bundle: built on first use, then shared by every task. */
    PolicyEngine engine() {
        return ENGINES.computeIfAbsent(id, k -> build());
    }

    /**
     * A reader of {@code engine} for one split, to give back when done: a reader memoises
     * decisions (as a batch worker does), so the tasks of one executor pass them on instead of
     * each starting cold.
     */
    static DistributedReplay.Reader borrowReader(PolicyEngine engine) {
        DistributedReplay.Reader r = READERS.computeIfAbsent(engine, e -> new java.util.concurrent.ConcurrentLinkedQueue<>()).poll();
        return r != null ? r : new DistributedReplay.Reader(engine);
    }

    static void giveBack(PolicyEngine engine, DistributedReplay.Reader reader) {
        READERS.computeIfAbsent(engine, e -> new java.util.concurrent.ConcurrentLinkedQueue<>()).add(reader);
    }

    /**
     * {@code engine}, built by the caller from this configuration, serves this JVM's tasks when
     * they would build it the same way (same files, same working directory); else they build
     * their own. Returns {@code engine}.
     */
    PolicyEngine adopt(PolicyEngine engine) {
        if (Path.of("").toAbsolutePath().toString().equals(driverDirectory) && sameFilesHere()) {
            ENGINES.putIfAbsent(id, engine);
        }
        return engine;
    }

    private PolicyEngine build() {
        if (Path.of("").toAbsolutePath().toString().equals(driverDirectory) && sameFilesHere()) {
            return PolicyEngine.fromConfig(Path.of(config));
        }
        try {
            Path root = Files.createTempDirectory("palisade-config-");
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = root.resolve(Path.of(f.getKey()).getRoot().relativize(Path.of(f.getKey())));
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            }
            Path abs = Path.of(driverDirectory).resolve(config).normalize();
            return PolicyEngine.fromConfig(root.resolve(abs.getRoot().relativize(abs)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the shipped configuration: " + e.getMessage(), e);
        }
    }

    private boolean sameFilesHere() {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try {
                if (!Arrays.equals(Files.readAllBytes(Path.of(f.getKey())), f.getValue())) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
