package dev.palisade.cli;

import dev.palisade.engine.batch.BatchListener;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr (me.tongfei:progressbar), measured in bytes of the input files, so
 * that gzipped and plain logs both show a true fraction; events per second is the extra
 * message, in events per second. Only for terminals: the CLI creates one only when stderr is a
 * terminal ({@link ProgressDecision}).
 */
public final class TerminalProgress implements BatchListener, java.io.Closeable {
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private long lastEvents;
    private boolean closed;

    /** @param totalBytes the inputs' size on disk, or -1 if unknown (stdin): the bar then only counts */
    public TerminalProgress(PrintStream stream, long totalBytes) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("batch")
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit("MiB", 1L << 20)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .clearDisplayOnFinish()
                .showSpeed();
        builder.setInitialMax(totalBytes > 0 ? totalBytes : -1);
        this.bar = builder.build();
    }

    @Override
    public void progress(long rawBytes, long events) {
        bar.stepTo(rawBytes);
        if (events >= 0 && (events - lastEvents >= 10_000 || lastEvents == 0)) {
            lastEvents = events;
            bar.setExtraMessage(rate(events, (System.nanoTime() - startNanos) / 1_000_000));
        }
    }

    /** The bar's extra message: the count, and events per second once a second has some weight. */
    static String rate(long events, long elapsedMillis) {
        if (elapsedMillis <= 0) {
            return events + " events";
        }
        return events + " events, " + (events * 1000 / elapsedMillis) + " events/s";
    }

    /** Clears the bar; again, nothing (the Spark job closes it before printing problems, the command at its end). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
