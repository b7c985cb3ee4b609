package dev.palisade.spark;

import dev.palisade.engine.wire.JsonLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * The LOG arguments of {@code batch --spark}: files, folders (the files in them, not below, in
 * name order, as {@code palisade batch} takes them) and globs, on any file system Hadoop reads
 * ({@code file:}, {@code hdfs:}, {@code s3a:}, ...). Names are those {@code palisade batch} gives
 * the same arguments, so that places ({@code file:line}) read the same.
 */
final class Inputs {
    /**
     * One input file, in run order.
     *
     * @param local its path where Hadoop's own local file system serves it (read by the JDK, as
     *        {@code batch} reads it: {@link SplitReading#openWhole}), else null
     */
    record InputFile(String name, String uri, long size, String local) {
    }

    private Inputs() {}

    static List<InputFile> expand(List<String> logs, Configuration conf) throws IOException {
        List<InputFile> out = new ArrayList<>();
        for (String log : logs) {
            if (log.equals("-")) {
                throw new IllegalArgumentException("-: standard input cannot be replayed on Spark; give files, folders or globs");
            }
            onFileSystem(log, () -> {
                expand(log, conf, out);
                return null;
            });
        }
        return out;
    }

    /** Something done on a file system (listing a LOG, looking for the --events folder). */
    interface FileSystemCall<T> {
        T call() throws IOException;
    }

    /**
     * {@code call}, its failures naming {@code path} and saying why: a file system this class
     * path does not have (an argument error), or one that failed (an input error).
     */
    static <T> T onFileSystem(String path, FileSystemCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (UnsupportedFileSystemException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage() + " on this class path", e);
        } catch (IOException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Hadoop names a file system's class in its configuration and loads it when asked (s3a: hadoop-aws)
            if (e.getCause() instanceof ClassNotFoundException missing) {
                throw new IllegalArgumentException(path + ": its file system is not on this class path ("
                        + missing.getMessage() + "); a cluster's Hadoop brings its own: spark-submit the cluster jar there", e);
            }
            throw e;
        }
    }

    /** One LOG argument's files, added to {@code out}. */
    private static void expand(String log, Configuration conf, List<InputFile> out) throws IOException {
        Path path = new Path(log);
        FileSystem fs = path.getFileSystem(conf);
        boolean glob = log.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
        FileStatus[] found = glob ? fs.globStatus(path) : fs.exists(path) ? new FileStatus[] {fs.getFileStatus(path)} : null;
        if (found == null || found.length == 0) {
            throw new IllegalArgumentException(log + ": no such file");
        }
        Arrays.sort(found, Comparator.comparing(s -> s.getPath().toString()));
        for (FileStatus s : found) {
            if (s.isDirectory()) {
                int before = out.size();
                java.io.File local = SplitReading.localFile(s.getPath(), conf);
                if (local != null) {
                    localFolder(log, glob, s.getPath(), local.toPath(), out);
                } else {
                    // Hadoop's markers (_SUCCESS, _temporary) are skipped too
                    FileStatus[] inside = fs.listStatus(s.getPath(), p -> !p.getName().startsWith(".") && !p.getName().startsWith("_"));
                    Arrays.sort(inside, Comparator.comparing(f -> f.getPath().getName()));
                    for (FileStatus f : inside) {
                        if (f.isFile()) {
                            out.add(new InputFile(name(log, glob, s.getPath(), f.getPath()), f.getPath().toString(), f.getLen(),
                                    null));
                        }
                    }
                }
                if (out.size() == before) {
                    throw new IllegalArgumentException(log + ": the folder holds no log files");
                }
            } else {
                java.io.File local = SplitReading.localFile(s.getPath(), conf);
                out.add(new InputFile(glob ? name(log, true, null, s.getPath()) : log, s.getPath().toString(), s.getLen(),
                        local == null ? null : local.getPath()));
            }
        }
    }

    /**
     * A local folder's files as {@code palisade batch} lists them: its regular files (links
     * followed), not those whose names start with ".", in the order of their paths. Listed by the
     * JDK: Hadoop builds a status and a path for each (16,000 files took a cold JVM 0.57 s that
     * way, 0.18 s this way).
     */
    private static void localFolder(String log, boolean glob, Path folder, java.nio.file.Path dir, List<InputFile> out)
            throws IOException {
        List<java.nio.file.Path> inside;
        try (Stream<java.nio.file.Path> listing = Files.list(dir)) {
            inside = listing.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (java.nio.file.Path f : inside) {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(f, BasicFileAttributes.class);
            } catch (IOException e) {
                continue; // a broken link, or gone since the listing: not a regular file, as Files.isRegularFile says
            }
            if (attributes.isRegularFile()) {
                // as Hadoop makes a listed file's path: the name is not parsed (a colon in it is no scheme)
                Path file = new Path(folder, new Path(null, null, f.getFileName().toString()));
                out.add(new InputFile(name(log, glob, folder, file), file.toString(), attributes.size(), f.toString()));
            }
        }
    }

    /** As {@code palisade batch} names it: a local argument keeps its form (relative stays relative). */
    private static String name(String log, boolean glob, Path folder, Path file) {
        if (new Path(log).toUri().getScheme() != null) {
            return file.toString();
        }
        java.nio.file.Path local = java.nio.file.Path.of(file.toUri().getPath());
        if (!glob) {
            return java.nio.file.Path.of(log).resolve(local.getFileName()).toString();
        }
        if (java.nio.file.Path.of(log).isAbsolute()) {
            return local.toString();
        }
        return java.nio.file.Path.of("").toAbsolutePath().relativize(local).toString();
    }

    /**
     * Cuts the inputs into splits of about {@code splitBytes}: gzip files, pretty-printed
     * documents and small files are read whole; the rest at line boundaries (line offsets are
     * filled in later, by counting newlines).
     */
    static List<Split> plan(List<InputFile> files, long splitBytes, Configuration conf) throws IOException {
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            InputFile f = files.get(i);
            if (f.size() <= splitBytes || !plainLines(f, conf)) {
                out.add(new Split(i, f.name(), f.uri(), true, 0, f.size(), 0, f.local()));
                continue;
            }
            for (long start = 0, end; start < f.size(); start = end) {
                end = start + splitBytes;
                if (f.size() - end < splitBytes / 4) {
                    end = f.size(); // a short tail joins the split before it: a task of its own would mostly wait
                }
                out.add(new Split(i, f.name(), f.uri(), false, start, end, 0, f.local()));
            }
        }
        return out;
    }

    /**
     * What it costs to open a file (or a range of one), in bytes of reading, on a file system
     * reached over the network (an object store, HDFS): Spark SQL's
     * {@code spark.sql.files.openCostInBytes}. Small files are packed into tasks by it.
     */
    static final long OPEN_COST = 4L << 20;
    /**
     * The same on the local file system, where opening is no round trip. Measured with 16,000
     * small files on {@code local[2]}: each took ~0.5 ms of a thread in all (scanned, opened,
     * read, its part of the summary merged), what reading 30-40 KB of log costs; counted as
     * 64 KiB. With {@link #OPEN_COST} they were 517 tasks, and Spark's own cost per task came to
     * 3 s of the run's 10.
     */
    static final long LOCAL_OPEN_COST = 64L << 10;

    /** What opening {@code uri} costs (see {@link #OPEN_COST}). */
    static long openCost(String uri) {
        return uri.startsWith("file:") ? LOCAL_OPEN_COST : OPEN_COST;
    }

    /** The input's bytes with each file's opening counted ({@link #openCost}): what {@link #tasks} packs. */
    static long costOf(List<InputFile> files) {
        return files.stream().mapToLong(f -> f.size() + openCost(f.uri())).sum();
    }

    /**
     * The splits, in order, packed into tasks of about {@code taskBytes}, each split costing its
     * bytes and its opening ({@link #openCost}): a task per split of a large file, many small files to a
     * task (a run of thousands of small files is not thousands of tasks, each paying its
     * scheduling, its closure and its results). A task takes at least one split.
     */
    static List<ArrayList<Split>> tasks(List<Split> splits, long taskBytes) {
        List<ArrayList<Split>> out = new ArrayList<>();
        ArrayList<Split> task = new ArrayList<>();
        long cost = 0;
        for (Split s : splits) {
            long c = s.end() - s.start() + openCost(s.uri());
            if (!task.isEmpty() && cost + c > taskBytes) {
                out.add(task);
                task = new ArrayList<>();
                cost = 0;
            }
            task.add(s);
            cost += c;
        }
        if (!task.isEmpty()) {
            out.add(task);
        }
        return out;
    }

    /** Not gzip, and its first non-blank line (within the first MiB) does not open a pretty-printed document. */
    private static boolean plainLines(InputFile f, Configuration conf) throws IOException {
        Path p = new Path(f.uri());
        byte[] head = new byte[1 << 20];
        int n = 0;
        try (InputStream in = SplitReading.openFile(p, conf)) {
            int r;
            while (n < head.length && (r = in.read(head, n, head.length - n)) > 0) {
                n += r;
            }
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return false;
        }
        int lineStart = 0;
        for (int i = 0; i < n; i++) {
            if (head[i] != '\n') {
                continue;
            }
            byte[] line = Arrays.copyOfRange(head, lineStart, i);
            if (!blank(line)) {
                return !JsonLines.opensDocument(line, line.length);
            }
            lineStart = i + 1;
        }
        return false; // no complete non-blank line in the first MiB: read it whole, as batch does
    }

    private static boolean blank(byte[] line) {
        for (byte c : line) {
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
