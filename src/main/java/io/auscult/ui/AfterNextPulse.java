package io.auscult.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.Executor;

/**
 * Runs work on the user interface thread after the next pulse has laid out and handed its
 * frame to the renderer. {@code Platform.runLater} alone does not split a big update: runnables
 * queued back to back run before the pulse, so their layouts land in one long pulse. An
 * animation timer runs at the start of the next pulse; the runnable it queues runs after that
 * pulse, so each part of the update gets its own CSS and layout pass. Call on the user
 * interface thread.
 */
public final class AfterNextPulse implements Executor {

    @Override
    public void execute(Runnable action) {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                Platform.runLater(action);
            }
        }.start();
    }
}
