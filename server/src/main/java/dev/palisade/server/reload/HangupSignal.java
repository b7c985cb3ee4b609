package dev.palisade.server.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP, the conventional "reload your configuration" signal, via {@code sun.misc.Signal}
 * (module jdk.unsupported). Where the platform or the runtime has no such signal (Windows, a
 * runtime image without jdk.unsupported, a JVM started with -Xrs) reloading still works by
 * watching the files; only the signal is missing, and that is logged.
 */
final class HangupSignal {
    private static final Logger LOG = LoggerFactory.getLogger(HangupSignal.class);

    private HangupSignal() {}

    /** Runs {@code onHangup} on each SIGHUP (on the JVM's signal thread: it must not block). True when installed. */
    static boolean install(Runnable onHangup) {
        try {
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> onHangup.run());
            if (previous == sun.misc.SignalHandler.SIG_IGN) {
                // the JVM leaves a signal the process inherited as ignored (nohup, some supervisors)
                // ignored and installs nothing: no SIGHUP will ever arrive
                LOG.warn("SIGHUP is ignored by this process (started under nohup?), so it cannot trigger a reload;"
                        + " file changes still do");
                return false;
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("SIGHUP cannot trigger a reload here ({}); file changes still do", e.toString());
            return false;
        }
    }

    /** Sends SIGHUP to this process, for tests; the handler must have been installed. */
    static void raise() {
        sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
    }
}
