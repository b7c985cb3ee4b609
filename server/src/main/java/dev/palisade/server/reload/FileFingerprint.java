package dev.palisade.server.reload;

import dev.palisade.dsl.load.FolderWalk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * What the watched files look like at one moment: for every file under the watched roots (folders
 * walked as the loaders walk them, symbolic links followed), its size, modification time and, for
 * files up to {@link #HASHED_BYTES}, a checksum of its content. Two fingerprints differ when a file
 * was added, removed or changed, including a change that keeps size and mtime (coarse mtime clocks,
 * an edit within the same second) and a ConfigMap update that only swaps the {@code ..data} link.
 * Public so that other watchers (the serving certificate's) can poll the same way.
 */
public record FileFingerprint(Map<String, String> entries) {
    /** Larger files are compared by size and mtime only: hashing them every second would cost too much. */
    static final long HASHED_BYTES = 1 << 20;

    public FileFingerprint {
        entries = Map.copyOf(entries);
    }

    /** Fingerprints files and folders; a missing or unreadable one is recorded as such, never an error. */
    public static FileFingerprint of(List<Path> roots) {
        Map<String, String> out = new TreeMap<>();
        for (Path root : roots) {
            String key = root.toString();
            try {
                if (Files.isDirectory(root)) {
                    out.put(key, "folder");
                    for (Path f : FolderWalk.files(root, p -> true)) {
                        out.put(f.toString(), stamp(f));
                    }
                } else {
                    out.put(key, stamp(root));
                }
            } catch (NoSuchFileException e) {
                out.put(key, "missing");
            } catch (IOException | RuntimeException e) {
                // unreadable now: a state of its own, so that becoming readable again counts as a change
                out.put(key, "unreadable: " + e.getClass().getSimpleName());
            }
        }
        return new FileFingerprint(out);
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String stamp = a.size() + "@" + a.lastModifiedTime().toMillis() + (a.isDirectory() ? "/" : "");
        if (a.isRegularFile() && a.size() <= HASHED_BYTES) {
            stamp += "#" + Long.toHexString(checksum(file));
        }
        return stamp;
    }

    private static long checksum(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buffer = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }
}
