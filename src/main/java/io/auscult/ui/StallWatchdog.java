package io.auscult.ui;

import javafx.animation.AnimationTimer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Measures how responsive the user interface thread is: an animation timer runs on every
 * pulse (60 per second when the thread is free) and keeps the longest gap between two
 * pulses. A long gap means the thread was blocked: the figure behind the target
 * that the JavaFX thread never stalls more than 100 ms during training or scoring.
 */
public final class StallWatchdog {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long last;
    private long lastCpu;
    private long longest;
    private long longestCpu;
    private long mostCpu;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long cpu = cpuNanos();
            if (last != 0 && now - last > longest) {
                longest = now - last;
                longestCpu = cpu - lastCpu;
            }
            if (last != 0) {
                mostCpu = Math.max(mostCpu, cpu - lastCpu);
            }
            last = now;
            lastCpu = cpu;
        }
    };

    /** This thread's processor time, or 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Starts (or restarts) measuring; call on the user interface thread. */
    public void start() {
        last = 0;
        longest = 0;
        longestCpu = 0;
        mostCpu = 0;
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** The longest gap between pulses since {@link #start()}, in milliseconds. */
    public double longestStallMillis() {
        return longest / 1e6;
    }

    /**
     * Processor time the user interface thread spent within that longest gap, in milliseconds.
     * On a machine shared with other work the gap is longer than the work in it (the thread
     * waits for a core, or for the renderer); this part is what our code and JavaFX's layout
     * cost, whatever the load.
     */
    public double longestStallCpuMillis() {
        return longestCpu / 1e6;
    }

    /**
     * The most processor time the user interface thread spent between two pulses since
     * {@link #start()}, in milliseconds: the longest stall this thread's own work would cause
     * on an otherwise idle machine (the renderer's share not included).
     */
    public double mostWorkBetweenPulsesMillis() {
        return mostCpu / 1e6;
    }
}
