package dev.palisade.dsl.load;

import dev.palisade.dsl.ast.ImportDecl;
import dev.palisade.dsl.ast.PolicyFile;
import dev.palisade.dsl.check.DiagnosticOrder;
import dev.palisade.dsl.check.PolicyChecker;
import dev.palisade.dsl.parse.ParseLimits;
import dev.palisade.dsl.parse.ParseResult;
import dev.palisade.dsl.parse.PolicyParser;
import dev.palisade.dsl.source.Diagnostic;
import dev.palisade.dsl.source.SourceFile;
import dev.palisade.dsl.source.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a policy set: the given files, the {@code .pal} files under the given directories, and
 * everything they import; then checks them together. Paths are reported as given (roots) or as
 * resolved against the importing file (imports), never made absolute, so messages stay readable.
 */
public final class PolicyLoader {
    static final String EXTENSION = ".pal";

    private final List<PolicyFile> files = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Path> seen = new HashSet<>();
    private final Deque<Pending> pending = new ArrayDeque<>();

    /** A file to read and the folder it was reached from, which its links must not leave. */
    private record Pending(Path path, PolicyRoot root) {}

    private final ParseLimits limits;

    private PolicyLoader(ParseLimits limits) {
        this.limits = limits;
    }

    public static LoadResult load(List<Path> paths) {
        return load(paths, ParseLimits.DEFAULTS);
    }

    /** Loads with the given bounds on rule size and list length ({@code limits:} of palisade.yaml). */
    public static LoadResult load(List<Path> paths, ParseLimits limits) {
        return load(paths, limits, dev.palisade.dsl.schema.KubernetesSchema.builtIn());
    }

    /** As {@link #load(List, ParseLimits)}, object paths checked against {@code schema} (custom resources' CRDs added). */
    public static LoadResult load(List<Path> paths, ParseLimits limits, dev.palisade.dsl.schema.KubernetesSchema schema) {
        PolicyLoader loader = new PolicyLoader(limits);
        for (Path path : paths) {
            loader.addRoot(path);
        }
        loader.drain();
        loader.diagnostics.addAll(PolicyChecker.check(loader.files, schema));
        loader.diagnostics.sort(DiagnosticOrder.BY_FILE_AND_POSITION);
        return new LoadResult(loader.files, loader.diagnostics);
    }

    /**
     * One policy given as text (e.g. {@code palisade check -} reading stdin), reported under
     * {@code name}. It has no folder, so its imports cannot be resolved: each is an error.
     */
    public static LoadResult loadText(String name, String text) {
        PolicyLoader loader = new PolicyLoader(ParseLimits.DEFAULTS);
        String control = controlCharacter(text);
        if (control != null) {
            loader.diagnostics.add(unreadable(Path.of(name), "not a policy file: control character " + control));
            return new LoadResult(loader.files, loader.diagnostics);
        }
        dev.palisade.dsl.parse.ParseResult parsed = dev.palisade.dsl.parse.PolicyParser.parse(
                new dev.palisade.dsl.source.SourceFile(name, text), ParseLimits.DEFAULTS);
        loader.diagnostics.addAll(parsed.diagnostics());
        if (parsed.file() != null) {
            loader.files.add(parsed.file());
            for (ImportDecl decl : parsed.file().imports()) {
                loader.diagnostics.add(Diagnostic.error(decl.span(), "cannot import '" + decl.path() + "' from " + name,
                        "check the files themselves: imports are resolved next to the importing file"));
            }
        }
        loader.diagnostics.addAll(PolicyChecker.check(loader.files));
        loader.diagnostics.sort(DiagnosticOrder.BY_FILE_AND_POSITION);
        return new LoadResult(loader.files, loader.diagnostics);
    }

    public static LoadResult load(Path... paths) {
        return load(List.of(paths));
    }

    private void addRoot(Path root) {
        PolicyRoot boundary = PolicyRoot.of(root);
        if (!Files.isDirectory(root)) {
            pending.add(new Pending(root, boundary)); // a missing file is reported when it is read
            return;
        }
        // Sorted, so that load order (and with it every output) does not depend on the file system.
        try {
            // links and special files are listed too, so that loadFile refuses them by name instead of skipping them
            for (Path p : FolderWalk.files(root, p -> p.getFileName().toString().endsWith(EXTENSION))) {
                pending.add(new Pending(p, boundary));
            }
        } catch (IOException | RuntimeException e) {
            diagnostics.add(unreadable(root, "cannot list policy directory: " + reason(e)));
        }
    }

    /** Imports are queued behind the roots: breadth first, each file once, so cycles end by themselves. */
    private void drain() {
        while (!pending.isEmpty()) {
            Pending next = pending.poll();
            if (seen.add(identity(next.path()))) {
                loadFile(next);
            }
        }
    }

    private void loadFile(Pending next) {
        Path path = next.path();
        Optional<String> refused = next.root().refuseFile(path);
        if (refused.isPresent()) {
            diagnostics.add(unreadable(path, "cannot read policy file: " + refused.get()));
            return;
        }
        String text;
        try {
            text = decode(Files.readAllBytes(path));
        } catch (NoSuchFileException e) {
            diagnostics.add(unreadable(path, "cannot read policy file: no such file"));
            return;
        } catch (AccessDeniedException e) {
            diagnostics.add(unreadable(path, "cannot read policy file: permission denied"));
            return;
        } catch (CharacterCodingException e) {
            diagnostics.add(unreadable(path, "cannot read policy file: not valid UTF-8"));
            return;
        } catch (IOException | RuntimeException e) {
            diagnostics.add(unreadable(path, "cannot read policy file: " + reason(e)));
            return;
        }
        String notText = controlCharacter(text);
        if (notText != null) {
            // not policy text: diagnostics quote source lines, and this file's lines must not be shown
            diagnostics.add(unreadable(path, "cannot read policy file: not policy text (" + notText + ")"));
            return;
        }
        ParseResult parsed = PolicyParser.parse(new SourceFile(path.toString(), text), limits);
        diagnostics.addAll(parsed.diagnostics());
        if (parsed.file() == null) {
            return;
        }
        files.add(parsed.file());
        for (ImportDecl decl : parsed.file().imports()) {
            resolve(path, decl, next.root());
        }
    }

    private void resolve(Path importer, ImportDecl decl, PolicyRoot root) {
        String name = decl.path();
        if (name.isEmpty()) {
            diagnostics.add(Diagnostic.error(decl.span(), "import path must not be empty"));
            return;
        }
        if (!name.endsWith(EXTENSION)) {
            // Keeps an import from dragging some other file (and its first lines, in error output) in.
            diagnostics.add(Diagnostic.error(decl.span(), "imported file '" + name + "' is not a policy file",
                    "policy files end in '" + EXTENSION + "'"));
            return;
        }
        Path target;
        try {
            target = importer.resolveSibling(name).normalize();
        } catch (InvalidPathException e) {
            diagnostics.add(Diagnostic.error(decl.span(), "invalid import path '" + name + "'"));
            return;
        }
        if (!Files.isRegularFile(target)) {
            diagnostics.add(Diagnostic.error(decl.span(), "cannot find imported file '" + name + "'",
                    "looked for " + target));
            return;
        }
        pending.add(new Pending(target, root));
    }

    /**
     * The first control character (other than tab, line feed, carriage return and form feed) as
     * "U+0000 at line L, column C", or null. Policy text has none; files such as
     * {@code /proc/self/environ} are full of them.
     */
    static String controlCharacter(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f') || (c >= 0x7f && c <= 0x9f)) {
                return String.format("control character U+%04X at line %d, column %d", (int) c, line, column);
            }
            column++;
        }
        return null;
    }

    /** The same file reached by two spellings (or a symbolic link) is loaded once. */
    private static Path identity(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        // Editors on some systems write a byte order mark; it is not part of the policy.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Diagnostic unreadable(Path path, String message) {
        return Diagnostic.error(Span.point(new SourceFile(path.toString(), ""), 1, 1), message);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
