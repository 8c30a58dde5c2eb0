package io.rhoai.core;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What Ctrl-C does. The JVM (and the native binary) answers SIGINT by running shutdown hooks and exiting with 130; the
 * command's own {@code finally} blocks do not run. So whatever a run leaves behind on an interrupt (a temporary clone,
 * published challenge records) is registered here when it comes into being, and {@link Registration#close()} removes it
 * from {@code finally} as usual. One shutdown hook, installed by the CLI ({@link #begin}), runs what is still registered,
 * newest first, and reports on stderr what was interrupted (the command and what it was doing) and what was cleaned up.
 *
 * <p>Exactly once: a clean-up runs either from {@code finally} or from the hook, never both; when the hook meets a
 * clean-up the run's own {@code finally} has started, it waits for it to finish (the JVM exits when the hooks return).
 * A normal exit, after {@link #end()}, runs and prints nothing.
 */
public final class Interrupts {
    private static final Deque<Registration> PENDING = new ConcurrentLinkedDeque<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicBoolean INTERRUPTED = new AtomicBoolean();
    private static volatile boolean running;
    private static volatile String command;
    private static volatile String activity;
    private static volatile Consumer<String> report = line -> { };

    private Interrupts() { }

    /** Something a run must remove if it is interrupted; {@link #close()} removes it now and unregisters it. */
    public static final class Registration implements AutoCloseable {
        private final String what;
        private final Runnable cleanUp;
        private boolean done;
        private String failure;

        private Registration(String what, Runnable cleanUp) {
            this.what = what;
            this.cleanUp = cleanUp;
        }

        /** Runs the clean-up unless it ran; waits for one already running. Failures are kept for the report, never thrown. */
        private synchronized void runOnce() {
            if (done) return;
            done = true;
            try {
                cleanUp.run();
            } catch (RuntimeException e) {
                failure = Causes.plain(e);
            }
        }

        @Override
        public void close() {
            runOnce();
            PENDING.remove(this);
        }
    }

    /**
     * Registers {@code cleanUp} for an interrupt; {@code what} names what it removes, for the report ("the temporary
     * clone /tmp/rhoai-promote-123"); a clean-up that fails throws. Close the registration in {@code finally}.
     */
    public static Registration onInterrupt(String what, Runnable cleanUp) {
        Registration r = new Registration(what, cleanUp);
        PENDING.push(r);
        return r;
    }

    /** What the run is doing now ("Fetching https://…", "Waiting for …"), named if it is interrupted. */
    public static void doing(String what) {
        activity = what;
    }

    /** Whether Ctrl-C has stopped this run: its remaining errors are consequences, not news. */
    public static boolean interrupted() {
        return INTERRUPTED.get();
    }

    /**
     * A command starts: {@code name} is what the report calls it ("rhoai promote plan"), {@code lines} prints one line
     * on stderr. Installs the shutdown hook on first use.
     */
    public static void begin(String name, Consumer<String> lines) {
        command = name;
        activity = null;
        report = lines;
        running = true;
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(Interrupts::onShutdown, "rhoai-interrupt"));
        }
    }

    /** The command returned: a shutdown from now on is the normal exit. */
    public static void end() {
        running = false;
    }

    /** The hook: nothing on a normal exit; on Ctrl-C the report and every pending clean-up. */
    static void onShutdown() {
        if (!running || !INTERRUPTED.compareAndSet(false, true)) return;
        String doing = activity;
        report.accept("interrupted: " + command + (doing == null ? "" : " while: " + Terminal.sanitize(doing)));
        List<String> cleaned = new ArrayList<>(), failed = new ArrayList<>();
        // drained, not snapshotted: the main thread runs on during shutdown and may register one more clean-up
        for (Registration r; (r = PENDING.pollFirst()) != null; ) {
            r.runOnce();
            if (r.failure == null) cleaned.add(r.what);
            else failed.add(r.what + " (" + r.failure + ")");
        }
        if (!cleaned.isEmpty()) report.accept("cleaned up: removed " + String.join(", ", cleaned));
        else if (failed.isEmpty()) report.accept("cleaned up: nothing was left to clean up");
        if (!failed.isEmpty()) report.accept("warning: could not remove " + String.join(", ", failed) + "; remove by hand");
    }
}
