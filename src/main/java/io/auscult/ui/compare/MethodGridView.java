package io.auscult.ui.compare;

import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.features.Spectrogram;
import io.auscult.store.OverlayRaster;
import io.auscult.store.SpectrogramRaster.Viewport;
import io.auscult.ui.CanvasRegion;
import io.auscult.ui.FullRepaintGuard;
import io.auscult.ui.ImageFiles;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The method grid window (issue 7): rows = the loaded detectors of the clip's machine, columns =
 * the chosen methods, each cell the method's map over the clip with its faithfulness gain and
 * (with ground truth) localisation AUROC. Controls: methods, units, display mode, shared or
 * per-row or per-cell scale, overlay opacity and contours, Run/Cancel with progress, Fit, and
 * a PNG of the grid. Zoom (wheel), scroll (drag, Shift+wheel) and the time cursor are shared by
 * every cell; a time axis runs under each column and an overlay colour bar at the right.
 */
public final class MethodGridView extends BorderPane {

    private final MethodGridViewModel model;
    private final GridPane grid = new GridPane();
    private final List<MethodGridCellView> cellViews = new ArrayList<>();
    private final Label status = new Label();

    public MethodGridView(MethodGridViewModel model) {
        this.model = model;
        setId("method-grid");
        getStyleClass().add("method-grid");
        setTop(controls());
        grid.setId("method-grid-cells");
        grid.setHgap(6);
        grid.setVgap(4);
        grid.setPadding(new Insets(0, 8, 4, 8));
        setCenter(grid);
        status.setId("grid-status");
        status.setPadding(new Insets(4, 8, 4, 8));
        status.textProperty().bind(Bindings.createStringBinding(this::statusText, model.statusProperty(),
                model.cursorProperty(), model.display().spectrogramProperty()));
        setBottom(status);
        model.cells().addListener((Observable o) -> rebuild());
        rebuild();
    }

    /** Opens the view in its own window beside {@code owner}. */
    public static Stage show(Window owner, MethodGridViewModel model, String stylesheet) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Auscult: method grid, " + model.clip().path().getFileName());
        Scene scene = new Scene(new MethodGridView(model), TestSetComparisonView.fit(1500, true),
                TestSetComparisonView.fit(900, false));
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        FullRepaintGuard.install(scene);
        stage.setScene(scene);
        // Closing the window stops its work: nobody is left to see the result.
        stage.setOnHidden(e -> model.cancel());
        stage.show();
        return stage;
    }

    /** The cell views, row-major (for tests and the screenshot). */
    public List<Region> cellViews() {
        return List.copyOf(cellViews);
    }

    private String statusText() {
        double t = model.cursorProperty().get();
        Spectrogram s = model.display().spectrogramProperty().get();
        String cursor = Double.isFinite(t) && s != null ? String.format(Locale.ROOT, "   ·   cursor %.2f s", t) : "";
        return model.statusProperty().get() + cursor;
    }

    private VBox controls() {
        HBox methods = new HBox(12, bold("Methods"));
        methods.setAlignment(Pos.CENTER_LEFT);
        for (String m : Attributions.methods()) {
            CheckBox c = new CheckBox(m);
            c.setId("grid-method-" + m);
            c.selectedProperty().bindBidirectional(model.methodChosen(m));
            c.disableProperty().bind(model.runningProperty());
            methods.getChildren().add(c);
        }
        CheckBox patches = new CheckBox("patch units 16×8");
        patches.setId("grid-patches");
        patches.selectedProperty().bindBidirectional(model.patchesProperty());
        patches.disableProperty().bind(model.runningProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Label clip = new Label(model.clip().path().getFileName() + "  (" + model.clip().labels().machineType() + " · "
                + model.clip().labels().condition().word() + ")");
        clip.getStyleClass().add("grid-clip");
        methods.getChildren().addAll(patches, grow, clip);

        ChoiceBox<DisplayNormalisation.Mode> mode = new ChoiceBox<>(
                FXCollections.observableArrayList(DisplayNormalisation.Mode.values()));
        mode.setId("grid-mode");
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DisplayNormalisation.Mode m) {
                return m == null ? "" : m.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public DisplayNormalisation.Mode fromString(String s) {
                return DisplayNormalisation.Mode.of(s);
            }
        });
        ChoiceBox<MethodGridViewModel.Scale> scale = new ChoiceBox<>(
                FXCollections.observableArrayList(MethodGridViewModel.Scale.values()));
        scale.setId("grid-scale");
        scale.valueProperty().bindBidirectional(model.scaleProperty());
        Slider opacity = new Slider(0, 1, model.opacityProperty().get());
        opacity.setId("grid-opacity");
        opacity.setPrefWidth(90);
        opacity.valueProperty().bindBidirectional(model.opacityProperty());
        CheckBox contour = new CheckBox("contours");
        contour.setId("grid-contour");
        contour.selectedProperty().bindBidirectional(model.contourProperty());
        Button run = new Button("Run");
        run.setId("grid-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel");
        cancel.setId("grid-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(140);
        progress.progressProperty().bind(Bindings.when(model.runningProperty())
                .then(model.tasks().fractionProperty()).otherwise(0.0));
        Label message = new Label();
        message.setId("grid-progress-text");
        message.textProperty().bind(Bindings.when(model.runningProperty())
                .then(model.tasks().messageProperty()).otherwise(""));
        message.setMinWidth(100);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Button fit = new Button("Fit");
        fit.setId("grid-fit");
        fit.setOnAction(e -> model.display().fit());
        // The outcome of a save shows as the button's tooltip (the status line is the view model's).
        javafx.scene.control.MenuButton png = ImageFiles.pngMenu("PNG", "Save the method grid as PNG",
                "method-grid.png", () -> grid, said -> { });
        png.setId("grid-png");
        HBox row2 = new HBox(8, bold("Show"), mode, bold("Scale"), scale, bold("Opacity"), opacity, contour, run, cancel,
                progress, message, fit, png);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, methods, row2);
        top.setPadding(new Insets(8));
        return top;
    }


    /** Lays the grid out again for the cells of a new run: headers, cells, time axes, colour bar. */
    private void rebuild() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        cellViews.clear();
        int columns = model.columns().size();
        int rows = model.rows().size();
        if (model.cells().isEmpty()) {
            Label hint = new Label(rows == 0 ? "No detector of this machine is loaded."
                    : "Choose methods and press Run: each cell shows one method's map for one detector.");
            hint.getStyleClass().add("grid-hint");
            grid.add(hint, 0, 0);
            return;
        }
        ColumnConstraints head = new ColumnConstraints(96, 110, 140);
        grid.getColumnConstraints().add(head);
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints(120, 300, Double.MAX_VALUE);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        grid.getColumnConstraints().add(new ColumnConstraints(64));
        grid.getRowConstraints().add(new RowConstraints(22));
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints(90, 220, Double.MAX_VALUE);
            rc.setVgrow(Priority.ALWAYS);
            grid.getRowConstraints().add(rc);
        }
        grid.getRowConstraints().add(new RowConstraints(26));
        for (int c = 0; c < columns; c++) {
            Label h = new Label(model.columns().get(c));
            h.getStyleClass().add("grid-column-header");
            GridPane.setHalignment(h, HPos.CENTER);
            grid.add(h, c + 1, 0);
            grid.add(new TimeAxis(), c + 1, rows + 1);
        }
        for (int r = 0; r < rows; r++) {
            Label h = new Label();
            h.textProperty().bind(model.rows().get(r).captionProperty());
            h.getStyleClass().add("grid-row-header");
            h.setWrapText(true);
            GridPane.setValignment(h, VPos.CENTER);
            grid.add(h, 0, r + 1);
            for (int c = 0; c < columns; c++) {
                MethodGridCellView v = new MethodGridCellView(model, model.cell(r, c));
                cellViews.add(v);
                grid.add(v, c + 1, r + 1);
            }
        }
        ColourBar bar = new ColourBar();
        grid.add(bar, columns + 1, 1, 1, rows);
    }

    /** Seconds along the shared viewport, under a column of cells. */
    private final class TimeAxis extends CanvasRegion {

        TimeAxis() {
            model.display().viewportProperty().addListener(o -> draw());
            model.display().spectrogramProperty().addListener(o -> draw());
            setMinHeight(24);
        }

        @Override
        protected void paint() {
            draw();
        }

        private void draw() {
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            g.clearRect(0, 0, w, canvas.getHeight());
            Spectrogram s = model.display().spectrogramProperty().get();
            if (s == null || w < 20) {
                return;
            }
            Viewport v = model.display().viewportProperty().get();
            double secondsPerFrame = s.hop() / (double) s.sampleRate();
            double t0 = v.firstFrame() * secondsPerFrame;
            double span = v.frames() * secondsPerFrame;
            double step = niceStep(span / Math.max(1, w / 60));
            g.setStroke(Color.web("#8a909a"));
            g.setFill(Color.web("#c8ccd4"));
            g.setFont(Font.font(11));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            for (long i = (long) Math.ceil(t0 / step - 1e-9); i * step <= t0 + span + 1e-9; i++) {
                double t = i * step;
                double x = Math.round((t - t0) / span * w) + 0.5;
                g.strokeLine(x, 0, x, 4);
                String label = Math.abs(t - Math.rint(t)) < 1e-6 ? String.format(Locale.ROOT, "%.0f s", t)
                        : String.format(Locale.ROOT, "%.1f s", t);
                // The end labels are aligned inwards so that they are not cut off.
                g.setTextAlign(x < 16 ? TextAlignment.LEFT : x > w - 16 ? TextAlignment.RIGHT : TextAlignment.CENTER);
                g.fillText(label, x, 6);
            }
        }
    }

    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-6))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** The overlay's colour scale: 0..1 of the display scale (or -1..1 when signed). */
    private final class ColourBar extends CanvasRegion {

        ColourBar() {
            for (Observable o : List.<Observable>of(model.modeProperty(), model.opacityProperty(),
                    model.scaleProperty())) {
                o.addListener(x -> draw());
            }
            setMinWidth(60);
        }

        @Override
        protected void paint() {
            draw();
        }

        private void draw() {
            GraphicsContext g = canvas.getGraphicsContext2D();
            double w = canvas.getWidth();
            double h = canvas.getHeight();
            g.clearRect(0, 0, w, h);
            boolean signed = model.modeProperty().get() == DisplayNormalisation.Mode.SIGNED;
            OverlayRaster.Style style = new OverlayRaster.Style(model.style().colorMap(), 1.0, false);
            double top = 8;
            double bottom = h - 8;
            double x = 6;
            double bw = 14;
            for (double y = top; y < bottom; y++) {
                double f = 1 - (y - top) / (bottom - top);
                double value = signed ? 2 * f - 1 : f;
                int argb = OverlayRaster.colourOf(value, signed, style);
                g.setFill(Color.rgb((argb >> 16) & 255, (argb >> 8) & 255, argb & 255));
                g.fillRect(x, y, bw, 1.5);
            }
            g.setStroke(Color.web("#8a909a"));
            g.strokeRect(x + 0.5, top + 0.5, bw, bottom - top);
            g.setFill(Color.web("#c8ccd4"));
            g.setFont(Font.font(11));
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(signed ? "+1" : "1", x + bw + 4, top + 4);
            g.fillText(signed ? "0" : "0.5", x + bw + 4, (top + bottom) / 2);
            g.fillText(signed ? "−1" : "0", x + bw + 4, bottom - 4);
        }
    }

    private static Label bold(String text) {
        return io.auscult.ui.Labels.styled(text, "compare-label", false);
    }
}
