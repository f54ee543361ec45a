package io.auscult.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.Executor;

/**
 * Runs work on the user interface thread once the next pulse has laid out what came before
 * and the pulse after it has begun. {@code Platform.runLater} alone does not split a big
 * update: runnables queued back to back run before the pulse, so their layouts land in one
 * long pulse. An animation timer runs at the start of each pulse; on the second one the
 * layout of the earlier changes is done, and the runnable it queues runs after that second
 * pulse, so neither gap between pulses carries both parts. Call on the user interface thread.
 */
public final class AfterNextPulse implements Executor {

    @Override
    public void execute(Runnable action) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    Platform.runLater(action);
                }
            }
        }.start();
    }
}
