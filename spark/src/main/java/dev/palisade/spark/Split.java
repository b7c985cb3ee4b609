package dev.palisade.spark;

import java.io.Serializable;

/**
 * One read, one part of a task (a task reads one split, or several small ones: {@link
 * Inputs#tasks}): a whole file ({@code whole}: gzip, a pretty-printed document, or small), or
 * the lines of a JSON-lines file that start in bytes {@code [start, end)}; the first of those is
 * line {@code lineOffset + 1} of the file.
 *
 * @param file the input's position in the run (input order)
 * @param name the input's name as {@code palisade batch} names it (the places' file)
 * @param uri where Spark reads it (file:, hdfs:, s3a:, ...)
 * @param local its path when it is a local file Hadoop's own local file system serves, else null
 *        ({@link SplitReading#openWhole}: read by the JDK, without Hadoop's paths and file system
 *        lookups, which cost a run of 16,000 small files ~0.3 s more in each pass)
 */
record Split(int file, String name, String uri, boolean whole, long start, long end, long lineOffset, String local)
        implements Serializable {
    /** A split read through Hadoop, however its file system serves it. */
    Split(int file, String name, String uri, boolean whole, long start, long end, long lineOffset) {
        this(file, name, uri, whole, start, end, lineOffset, null);
    }

    Split withLineOffset(long offset) {
        return new Split(file, name, uri, whole, start, end, offset, local);
    }
}
