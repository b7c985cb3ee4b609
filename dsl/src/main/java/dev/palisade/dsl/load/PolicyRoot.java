package dev.palisade.dsl.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder that policy, RBAC or configuration files are read from, and the rule for what may be
 * read through it (D11): a symbolic link may point anywhere inside the folder, never out of it,
 * and only regular files (and, where asked, folders) are read — never a device, a pipe or a
 * socket. A path written outside the folder on purpose ({@code import "../common/base.pal"}, an
 * absolute path in palisade.yaml) is the author's choice and allowed, as long as its last step
 * is not itself a link leaving the folder. Without this, a pull request adding
 * {@code env.pal -> /proc/self/environ} made {@code check} print the CI's environment.
 */
public final class PolicyRoot {
    private final Path lexical;
    private final Path real;

    private PolicyRoot(Path lexical, Path real) {
        this.lexical = lexical;
        this.real = real;
    }

    /** The root for a folder, or for a single file its own folder. */
    public static PolicyRoot of(Path folderOrFile) {
        Path abs = folderOrFile.toAbsolutePath().normalize();
        Path folder = Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS) || abs.getParent() == null ? abs : abs.getParent();
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException | RuntimeException e) {
            real = folder;
        }
        return new PolicyRoot(folder, real);
    }

    /** Why {@code file} must not be read as a regular file, or empty when it may be. */
    public Optional<String> refuseFile(Path file) {
        return refuse(file, false);
    }

    /** As {@link #refuseFile}, but a folder is also accepted. */
    public Optional<String> refuseFileOrFolder(Path path) {
        return refuse(path, true);
    }

    private Optional<String> refuse(Path path, boolean folderAllowed) {
        Path target;
        try {
            target = path.toRealPath();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing or unreadable: the reader says so in its own words
        }
        boolean folder = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (!(Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) || (folderAllowed && folder))) {
            return Optional.of("not a regular file" + (folderAllowed ? " or folder" : "") + "; refused");
        }
        if (target.startsWith(real)) {
            return Optional.empty();
        }
        Path abs = path.toAbsolutePath().normalize();
        if (abs.startsWith(lexical) || isLink(abs, target)) {
            return Optional.of("a symbolic link to a " + (folder ? "folder" : "file") + " outside " + name()
                    + "; links may only point inside the folder they are in");
        }
        return Optional.empty();
    }

    private String name() {
        return lexical.getFileName() == null ? lexical.toString() : lexical.getFileName() + "/";
    }

    /** Whether the last step of {@code abs} is a link (its folder resolved, it is not {@code target}). */
    private static boolean isLink(Path abs, Path target) {
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            return false;
        }
        try {
            return !parent.toRealPath().resolve(abs.getFileName()).equals(target);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
