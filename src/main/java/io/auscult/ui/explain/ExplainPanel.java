package io.auscult.ui.explain;

import io.auscult.explain.Attributions;
import io.auscult.explain.DisplayNormalisation;
import io.auscult.explain.ParameterSpec;
import io.auscult.store.ColorMap;
import io.auscult.store.OverlayRaster;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import static io.auscult.ui.Labels.caption;
import static io.auscult.ui.Labels.hint;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * The explanation controls: overlay on/off, method and its parameters (defaults of DESIGN.md),
 * how the map is shown (display part, percentile clip, own or shared scale, opacity, colour map,
 * contours) with a colour bar, and which picture the spectrogram shows.
 */
public final class ExplainPanel extends VBox {

    private final ExplainViewModel model;
    private final GridPane parameterGrid = new GridPane();
    private final Canvas colourBar = new Canvas(250, 34);

    public ExplainPanel(ExplainViewModel model) {
        this(model, null, null);
    }

    /**
     * @param hearRepaired the one-key path to the repaired sound (F8), or null
     * @param report       asks where to write the clip's report, or null
     */
    public ExplainPanel(ExplainViewModel model, Runnable hearRepaired, Runnable report) {
        this.model = model;
        getStyleClass().add("side-panel");
        setId("explain-panel");
        setPadding(new Insets(8));
        setSpacing(6);

        CheckBox overlayOn = new CheckBox("Show attribution overlay");
        overlayOn.setId("overlay-on");
        overlayOn.selectedProperty().bindBidirectional(model.overlayOnProperty());
        ComboBox<String> method = new ComboBox<>();
        method.setId("method-choice");
        method.getItems().setAll(Attributions.methods());
        method.valueProperty().bindBidirectional(model.methodProperty());
        method.setMaxWidth(Double.MAX_VALUE);
        method.setTooltip(new Tooltip("error: the squared reconstruction error · saliency: input gradient · "
                + "smoothgrad: gradients averaged over noisy copies · ig: integrated gradients · gradshap: "
                + "expected gradients from normal clips · gradcam: encoder activations weighted by gradients · "
                + "occlusion: score drop when a patch is replaced by the reconstruction"));
        method.valueProperty().addListener((o, a, b) -> fillParameters());
        model.contextProperty().addListener((o, a, b) -> fillParameters()); // a detector may change a default
        parameterGrid.setId("method-parameters");
        parameterGrid.setHgap(6);
        parameterGrid.setVgap(4);
        fillParameters();
        Button compute = new Button("Compute");
        compute.setId("compute-map");
        compute.setDefaultButton(false);
        compute.setOnAction(e -> model.compute());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.tasks().cancelCurrent());
        cancel.disableProperty().bind(model.tasks().runningProperty().not());
        Label status = new Label();
        status.setId("explain-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());

        ComboBox<DisplayNormalisation.Mode> mode = new ComboBox<>();
        mode.setId("display-mode");
        mode.getItems().setAll(DisplayNormalisation.Mode.values());
        mode.valueProperty().bindBidirectional(model.displayModeProperty());
        mode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(DisplayNormalisation.Mode m) {
                return m == null ? "" : switch (m) {
                    case SIGNED -> "signed (red raises, blue lowers the score)";
                    case ABSOLUTE -> "absolute";
                    case POSITIVE -> "positive only";
                };
            }

            @Override
            public DisplayNormalisation.Mode fromString(String s) {
                return DisplayNormalisation.Mode.of(s.split(" ")[0]);
            }
        });
        TextField clip = new TextField(format(model.clipPercentileProperty().get()));
        clip.setId("clip-percentile");
        clip.setPrefColumnCount(5);
        clip.setOnAction(e -> {
            try {
                double v = Double.parseDouble(clip.getText().trim());
                if (!(v > 0 && v <= 100)) {
                    throw new NumberFormatException();
                }
                model.clipPercentileProperty().set(v);
            } catch (NumberFormatException ex) {
                model.tasks().say("Clip percentile must be a number in (0, 100], not " + clip.getText());
                clip.setText(format(model.clipPercentileProperty().get()));
            }
        });
        model.clipPercentileProperty().addListener((o, a, b) -> clip.setText(format(b.doubleValue())));
        CheckBox shared = new CheckBox("Shared scale across this clip's methods");
        shared.setId("shared-scale");
        shared.selectedProperty().bindBidirectional(model.sharedScaleProperty());
        Slider opacity = new Slider(0, 1, model.opacityProperty().get());
        opacity.setId("overlay-opacity");
        opacity.valueProperty().bindBidirectional(model.opacityProperty());
        ComboBox<String> colours = new ComboBox<>();
        colours.setId("overlay-colours");
        colours.getItems().setAll(ColorMap.NAMES);
        colours.valueProperty().bindBidirectional(model.overlayColorMapProperty());
        CheckBox contour = new CheckBox("Contours instead of a filled wash");
        contour.setId("overlay-contour");
        contour.selectedProperty().bindBidirectional(model.contourProperty());
        Label scale = new Label();
        scale.setWrapText(true);
        scale.getStyleClass().add("hint");
        scale.textProperty().bind(model.scaleTextProperty());
        for (javafx.beans.Observable o : java.util.List.<javafx.beans.Observable>of(model.displayModeProperty(),
                model.opacityProperty(), model.overlayColorMapProperty(), model.contourProperty(),
                model.scaleTextProperty())) {
            o.addListener(x -> drawColourBar());
        }
        drawColourBar();

        ToggleGroup pictures = new ToggleGroup();
        FlowPane pictureRow = new FlowPane(4, 4);
        for (ExplainViewModel.Picture p : ExplainViewModel.Picture.values()) {
            ToggleButton b = new ToggleButton(p.toString());
            b.setId("picture-" + p.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(pictures);
            b.setUserData(p);
            b.setMinWidth(Control.USE_PREF_SIZE);
            b.setSelected(model.pictureProperty().get() == p);
            if (p != ExplainViewModel.Picture.ORIGINAL) {
                // An embedding (md) detector has no reconstruction to show or replace with.
                b.disableProperty().bind(Bindings.createBooleanBinding(() -> model.contextProperty().get() != null
                        && !model.contextProperty().get().hasReconstruction(), model.contextProperty()));
            }
            pictureRow.getChildren().add(b);
        }
        pictures.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one picture is always shown
            } else {
                model.pictureProperty().set((ExplainViewModel.Picture) b.getUserData());
            }
        });
        model.pictureProperty().addListener((o, a, b) -> pictures.getToggles().forEach(t ->
                t.setSelected(t.getUserData() == b)));

        if (hearRepaired != null && report != null) {
            Button hear = new Button("▶ Hear the repaired version (F8)");
            hear.setId("hear-repaired");
            hear.setTooltip(new Tooltip("Computes the map, replaces its top k (10 % unless set in the Budget tab) "
                    + "by the model's reconstruction and plays the result"));
            hear.setOnAction(e -> hearRepaired.run());
            hear.setMaxWidth(Double.MAX_VALUE);
            Button reportButton = new Button("Clip report…");
            reportButton.setTooltip(new Tooltip("HTML, CSV and JSON of this clip's maps, curves and numbers"));
            reportButton.setOnAction(e -> report.run());
            getChildren().addAll(hear, reportButton, new Separator());
        }
        getChildren().addAll(caption("Explanation"), overlayOn, new Label("method"), method, parameterGrid,
                new FlowPane(6, 6, compute, cancel), status,
                new Separator(), caption("Display"), new Label("part of the map"), mode,
                new Label("full colour at percentile"), clip, shared, new Label("opacity"), opacity,
                new Label("overlay colours"), colours, contour, colourBar, scale,
                new Separator(), caption("Picture"), pictureRow,
                hint("original: the recording · reconstruction: what the model expected · difference: "
                        + "|original − reconstruction| in dB · perturbed: the input with the top-k units replaced"));
    }

    /** One editor row per parameter of the chosen method: a choice box or a text field (Enter applies). */
    private void fillParameters() {
        parameterGrid.getChildren().clear();
        String m = model.methodProperty().get();
        int row = 0;
        for (ParameterSpec spec : Attributions.editable(m)) {
            Label name = new Label(spec.name());
            name.setTooltip(new Tooltip(spec.help()));
            String current = model.parametersOf(m).getOrDefault(spec.name(), spec.defaultValue());
            Control editor;
            if (!spec.choices().isEmpty()) {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(spec.choices());
                box.setValue(current);
                box.valueProperty().addListener((o, a, b) -> apply(m, spec, b));
                editor = box;
            } else {
                TextField field = new TextField(current);
                field.setPromptText(spec.defaultValue().isEmpty() ? "automatic" : spec.defaultValue());
                field.setPrefColumnCount(8);
                field.setOnAction(e -> apply(m, spec, field.getText()));
                field.focusedProperty().addListener((o, a, focused) -> {
                    if (!focused) {
                        apply(m, spec, field.getText());
                    }
                });
                editor = field;
            }
            editor.setId("param-" + spec.name());
            editor.setTooltip(new Tooltip(spec.help() + " (default " + (spec.defaultValue().isEmpty() ? "automatic"
                    : spec.defaultValue()) + ")"));
            parameterGrid.addRow(row++, name, editor);
        }
        if (row == 0) {
            parameterGrid.addRow(0, hint("no parameters"));
        }
    }

    private void apply(String method, ParameterSpec spec, String value) {
        String before = model.parametersOf(method).getOrDefault(spec.name(), spec.defaultValue());
        if (before.equals(value == null ? "" : value.trim())) {
            return;
        }
        try {
            model.setParameter(method, spec.name(), value);
        } catch (IllegalArgumentException e) {
            model.tasks().say(e.getMessage());
        }
    }

    /** The overlay's colour bar: what -1 / 0 / 1 of the normalised map look like, over grey. */
    private void drawColourBar() {
        GraphicsContext g = colourBar.getGraphicsContext2D();
        double w = colourBar.getWidth();
        g.clearRect(0, 0, w, colourBar.getHeight());
        boolean signed = model.displayModeProperty().get() == DisplayNormalisation.Mode.SIGNED;
        OverlayRaster.Style style = new OverlayRaster.Style(model.overlayColorMapProperty().get(),
                Math.max(0, Math.min(1, model.opacityProperty().get())), false);
        double lo = signed ? -1 : 0;
        int bar = (int) w - 20;
        for (int x = 0; x < bar; x++) {
            double v = lo + (1 - lo) * x / (bar - 1.0);
            int c = OverlayRaster.colourOf(v, signed, style);
            double a = (c >>> 24) / 255.0;
            Color over = Color.rgb((c >> 16) & 255, (c >> 8) & 255, c & 255);
            Color base = Color.gray(0.45);
            g.setFill(base.interpolate(over, a));
            g.fillRect(10 + x, 2, 1, 14);
        }
        g.setStroke(Color.web("#c8ccd4"));
        g.strokeRect(9.5, 1.5, bar + 1, 15);
        g.setFill(Color.web("#c8ccd4"));
        g.setFont(Font.font(10));
        g.setTextAlign(TextAlignment.CENTER);
        for (double v = lo; v <= 1 + 1e-9; v += 0.5) {
            double x = 10 + (v - lo) / (1 - lo) * (bar - 1);
            g.fillText(String.format(Locale.ROOT, "%.1f", v), x, 30);
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }


}
