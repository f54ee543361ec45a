package io.auscult.ui.compare;

import io.auscult.explain.Attributions;
import io.auscult.faithfulness.ComparisonRow;
import io.auscult.faithfulness.MeanInterval;
import io.auscult.ui.FullRepaintGuard;
import io.auscult.ui.ImageFiles;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.io.IOException;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;

/**
 * The test-set comparison window (issue 7): methods, units, seed and the sanity check across the
 * top with Run, Cancel, progress (per clip) and the exports; the sortable table of
 * {@link io.auscult.faithfulness.ComparisonRun}'s rows (means with 95 % intervals) and, below it,
 * the mean faithfulness curves of every detector x method with the random baselines.
 */
public final class TestSetComparisonView extends BorderPane {

    private final TestSetComparisonViewModel model;
    private final TableView<ComparisonRow> table = new TableView<>();
    private final CurveChart chart;

    public TestSetComparisonView(TestSetComparisonViewModel model) {
        this.model = model;
        this.chart = new CurveChart(model.series(), model.baselines());
        setId("compare-window");
        getStyleClass().add("compare-window");
        setTop(controls());
        setCenter(body());
        Label status = new Label();
        status.setId("compare-status");
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
    }

    /** Opens the view in its own window beside {@code owner}. */
    public static Stage show(Window owner, TestSetComparisonViewModel model, String stylesheet) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Auscult: compare methods on the " + model.machine() + " test set");
        Scene scene = new Scene(new TestSetComparisonView(model), fit(1400, true), fit(860, false));
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

    /** A window size that fits the screen (the headless test screen is 1280 x 800). */
    static double fit(double wanted, boolean width) {
        javafx.geometry.Rectangle2D b = javafx.stage.Screen.getPrimary().getVisualBounds();
        return Math.min(wanted, width ? b.getWidth() : b.getHeight());
    }

    public TableView<ComparisonRow> table() {
        return table;
    }

    Region chart() {
        return chart;
    }

    private VBox controls() {
        HBox methods = new HBox(12, bold("Methods"));
        methods.setAlignment(Pos.CENTER_LEFT);
        for (String m : Attributions.methods()) {
            CheckBox c = new CheckBox(m);
            c.setId("compare-method-" + m);
            c.selectedProperty().bindBidirectional(model.methodChosen(m));
            c.disableProperty().bind(model.runningProperty());
            methods.getChildren().add(c);
        }
        Label who = new Label(String.format(Locale.ROOT, "%s: %s · %d test clip(s) · %d normal reference(s)",
                model.machine(), String.join(", ", model.detectors().stream().map(d -> d.name()).toList()),
                model.clips().size(), model.references().size()));
        who.getStyleClass().add("compare-subject");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        methods.getChildren().addAll(grow, who);

        ChoiceBox<TestSetComparisonViewModel.Units> units = new ChoiceBox<>(
                FXCollections.observableArrayList(TestSetComparisonViewModel.Units.values()));
        units.setId("compare-units");
        units.valueProperty().bindBidirectional(model.unitsProperty());
        units.disableProperty().bind(model.runningProperty());
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, model.seedProperty().get());
        seed.setId("compare-seed");
        seed.setEditable(true);
        seed.setPrefWidth(90);
        seed.valueProperty().addListener((o, a, b) -> model.seedProperty().set(b));
        seed.disableProperty().bind(model.runningProperty());
        CheckBox sanity = new CheckBox("sanity check (1 clip, slow)");
        sanity.setId("compare-sanity");
        sanity.selectedProperty().bindBidirectional(model.sanityProperty());
        sanity.disableProperty().bind(model.runningProperty());
        Button run = new Button("Run");
        run.setId("compare-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel");
        cancel.setId("compare-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("compare-progress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(Bindings.when(model.runningProperty())
                .then(model.tasks().fractionProperty()).otherwise(0.0));
        Label message = new Label();
        message.setId("compare-progress-text");
        message.getStyleClass().add("compare-progress-text");
        message.textProperty().bind(Bindings.when(model.runningProperty())
                .then(model.tasks().messageProperty()).otherwise(""));
        message.setMinWidth(120);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        Button export = new Button("Export report…");
        export.setId("compare-export");
        export.setTooltip(new Tooltip("summary.csv, clips.csv, curves.csv, sanity.csv, summary.json, PNG figures "
                + "and a self-contained report.html, into a folder"));
        export.disableProperty().bind(model.reportProperty().isNull().or(model.runningProperty()));
        export.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder for the comparison report");
            File f = c.showDialog(getScene().getWindow());
            if (f != null) {
                model.export(f.toPath());
            }
        });
        javafx.scene.control.MenuButton png = ImageFiles.pngMenu("Chart PNG", "Save the curves chart as PNG",
                "comparison-curves.png", () -> chart, said -> model.tasks().say(said));
        png.setId("compare-chart-png");
        png.disableProperty().bind(Bindings.isEmpty(model.series()));
        HBox row2 = new HBox(8, bold("Units"), units, bold("Seed"), seed, sanity, run, cancel, progress, message,
                export, png);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, methods, row2);
        top.setPadding(new Insets(8));
        return top;
    }


    private SplitPane body() {
        table.setId("compare-table");
        SortedList<ComparisonRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().add(text("detector", ComparisonRow::detector, 110));
        table.getColumns().add(text("method", ComparisonRow::method, 90));
        TableColumn<ComparisonRow, Integer> clips = new TableColumn<>("clips");
        clips.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().clips()));
        clips.setPrefWidth(50);
        table.getColumns().add(clips);
        table.getColumns().add(interval("area [95% CI]", ComparisonRow::area, 150));
        table.getColumns().add(interval("gain [95% CI]", ComparisonRow::gain, 150));
        table.getColumns().add(number("d@1%", r -> r.dropAt1().mean()));
        table.getColumns().add(number("d@5%", r -> r.dropAt5().mean()));
        table.getColumns().add(number("d@10%", r -> r.dropAt10().mean()));
        table.getColumns().add(interval("pixel AUROC [CI]", ComparisonRow::pixelAuroc, 150));
        TableColumn<ComparisonRow, Double> temporal = number("temporal AUROC", r -> r.temporalAuroc().mean());
        temporal.setPrefWidth(110);
        table.getColumns().add(temporal);
        table.getColumns().add(number("rel. mass", r -> r.relevanceMass().mean()));
        table.getColumns().add(text("sanity", r -> r.sanity().map(s -> String.format(Locale.ROOT, "%s (ρ %.2f)",
                s.verdict(), s.finalRankCorrelation())).orElse(""), 90));
        TableColumn<ComparisonRow, Double> ms = number("ms/clip", ComparisonRow::explainMillis);
        ms.setCellFactory(col -> new NumberCell<>("%.1f"));
        table.getColumns().add(ms);
        TableColumn<ComparisonRow, String> note = text("note", ComparisonRow::note, 160);
        note.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null || s.isEmpty() ? null : new Tooltip(s));
            }
        });
        table.getColumns().add(note);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Rows appear here as each detector finishes: choose methods, then Run."));
        VBox.setVgrow(chart, Priority.ALWAYS);
        SplitPane body = new SplitPane(table, chart);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.36);
        body.setPadding(new Insets(0, 8, 0, 8));
        return body;
    }

    private static TableColumn<ComparisonRow, String> text(String title, Function<ComparisonRow, String> f,
                                                           double width) {
        TableColumn<ComparisonRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<ComparisonRow, Double> number(String title,
                                                             java.util.function.ToDoubleFunction<ComparisonRow> f) {
        TableColumn<ComparisonRow, Double> c = new TableColumn<>(title);
        c.setPrefWidth(70);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(d.getValue())));
        c.setCellFactory(col -> new NumberCell<>("%.3f"));
        c.setComparator(NAN_LAST);
        return c;
    }

    /** Sorts by value with undefined (NaN) values last in either direction's ascending order. */
    private static final Comparator<Double> NAN_LAST = (a, b) -> {
        boolean na = a == null || a.isNaN();
        boolean nb = b == null || b.isNaN();
        return na || nb ? Boolean.compare(na, nb) : Double.compare(a, b);
    };

    private static TableColumn<ComparisonRow, MeanInterval> interval(String title,
                                                                     Function<ComparisonRow, MeanInterval> f,
                                                                     double width) {
        TableColumn<ComparisonRow, MeanInterval> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.apply(d.getValue())));
        c.setComparator((a, b) -> NAN_LAST.compare(a.mean(), b.mean()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(MeanInterval m, boolean empty) {
                super.updateItem(m, empty);
                setText(empty || m == null ? null : format(m));
            }
        });
        return c;
    }

    /** "0.322 [0.301, 0.343]"; the mean alone below two clips; "–" when undefined. */
    static String format(MeanInterval m) {
        if (!Double.isFinite(m.mean())) {
            return "–";
        }
        if (!Double.isFinite(m.low())) {
            return String.format(Locale.ROOT, "%.3f", m.mean());
        }
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", m.mean(), m.low(), m.high());
    }

    /** A number with a fixed format, "–" for an undefined value. */
    private static final class NumberCell<S> extends TableCell<S, Double> {
        private final String format;

        NumberCell(String format) {
            this.format = format;
            getStyleClass().add("number-cell");
        }

        @Override
        protected void updateItem(Double v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "–");
        }
    }

    private static Label bold(String text) {
        return io.auscult.ui.Labels.styled(text, "compare-label", false);
    }
}
