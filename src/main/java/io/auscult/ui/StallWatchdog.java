package io.auscult.ui;

import javafx.animation.AnimationTimer;

/**
 * Measures how responsive the user interface thread is: an animation timer runs on every
 * pulse (60 per second when the thread is free) and keeps the longest gap between two
 * pulses. A long gap means the thread was blocked: the figure behind the target
 * that the JavaFX thread never stalls more than 100 ms during training or scoring.
 */
public final class StallWatchdog {

    private long last;
    private long longest;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (last != 0) {
                longest = Math.max(longest, now - last);
            }
            last = now;
        }
    };

    /** Starts (or restarts) measuring; call on the user interface thread. */
    public void start() {
        last = 0;
        longest = 0;
        timer.start();
    }

    public void stop() {
        timer.stop();
    }

    /** The longest gap between pulses since {@link #start()}, in milliseconds. */
    public double longestStallMillis() {
        return longest / 1e6;
    }
}
