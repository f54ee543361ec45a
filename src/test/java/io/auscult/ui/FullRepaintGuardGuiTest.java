package io.auscult.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard's anchor changes in the pulse after a pulse with layout work and stays still while
 * the window is idle. Waits count pulses (an animation timer's latch), never time; the limit
 * only stops a hung run.
 */
class FullRepaintGuardGuiTest {

    private static final int LIMIT_SECONDS = 60;
    private Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() throws Exception {
        if (stage != null) {
            FxToolkit.cleanupStages();
        }
    }

    @Test
    void theAnchorIsAnUnmanagedOnePixelRegionBehindTheRestOfTheRoot() throws Exception {
        VBox root = new VBox(new Label("content"));
        FullRepaintGuard guard = onFx(() -> FullRepaintGuard.install(new Scene(root, 200, 100)));

        assertThat(root.getChildren()).hasSize(2);
        assertThat(root.getChildren().get(0)).isSameAs(guard.anchor());
        assertThat(guard.anchor().isManaged()).isFalse();
        assertThat(guard.anchor().isMouseTransparent()).isTrue();
        assertThat(guard.anchor().getWidth()).isEqualTo(1.0);
        assertThat(guard.anchor().getHeight()).isEqualTo(1.0);
    }

    @Test
    void aRootThatTakesNoChildrenIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> onFx(() -> FullRepaintGuard.install(new Scene(new Group(), 10, 10))))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .hasStackTraceContaining("must be a Pane");
    }

    @Test
    void theAnchorChangesAfterALayoutPulseAndNotWhileIdle() throws Exception {
        VBox root = new VBox(new Label("first"));
        // Threshold 0: every pulse with layout counts as heavy, so the test does not depend on
        // how fast this machine lays a label out.
        FullRepaintGuard guard = showGuarded(root, 0);
        // Showing lays the window out: the guard touches its anchor once or twice after that.
        pulses(10);
        long settled = onFx(guard::touches);
        assertThat(settled).isPositive();

        // Idle pulses (the latch's timer keeps pulses coming) lay nothing out: no touch.
        pulses(6);
        assertThat(onFx(guard::touches)).isEqualTo(settled);

        // A new label asks for layout: its pulse arms the guard, the next one touches.
        double before = onFx(() -> guard.anchor().getOpacity());
        onFx(() -> root.getChildren().add(new Label("second")));
        pulses(6);
        long afterAdd = onFx(guard::touches);
        assertThat(afterAdd).isGreaterThan(settled);
        // It does not re-arm itself: the anchor's change asks for no layout.
        pulses(6);
        assertThat(onFx(guard::touches)).isEqualTo(afterAdd);
        // Opacity alternates between two values: an odd number of touches leaves the other one.
        double after = onFx(() -> guard.anchor().getOpacity());
        assertThat(after == before).isEqualTo((afterAdd - settled) % 2 == 0);
    }

    @Test
    void aLightLayoutPulseLeavesTheAnchorAlone() throws Exception {
        VBox root = new VBox(new Label("first"));
        // No pulse is this heavy: the guard must never touch, whatever is laid out.
        FullRepaintGuard guard = showGuarded(root, Long.MAX_VALUE);
        pulses(6);
        onFx(() -> root.getChildren().add(new Label("second")));
        pulses(6);
        assertThat(onFx(guard::touches)).isZero();
        assertThat(onFx(() -> guard.anchor().getOpacity())).isEqualTo(1.0);
    }

    private FullRepaintGuard showGuarded(VBox root, long heavyNanos) throws Exception {
        return onFx(() -> {
            stage = new Stage();
            Scene scene = new Scene(root, 300, 200);
            FullRepaintGuard g = FullRepaintGuard.install(scene, heavyNanos);
            stage.setScene(scene);
            stage.show();
            return g;
        });
    }

    /** Waits until {@code n} more pulses have started on the user interface thread. */
    private static void pulses(int n) throws Exception {
        CountDownLatch latch = new CountDownLatch(n);
        AnimationTimer[] timer = new AnimationTimer[1];
        Platform.runLater(() -> {
            timer[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    latch.countDown();
                    if (latch.getCount() == 0) {
                        stop();
                    }
                }
            };
            timer[0].start();
        });
        assertThat(latch.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("pulses came").isTrue();
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }
}
