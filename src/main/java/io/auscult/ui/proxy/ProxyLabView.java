package io.auscult.ui.proxy;

import io.auscult.proxy.AlignmentTest;
import io.auscult.proxy.ModelResult;
import io.auscult.proxy.ProxyTaskKind;
import io.auscult.proxy.StageCheck;
import io.auscult.ui.FullRepaintGuard;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The "Proxy lab" window (issue 8): tasks, data folder and grid across the top with Run, Cancel
 * and progress; the models table and the scatter plot of the chosen task (proxy metric vs LP or
 * MD AUC) in the middle, with the selected model's details; the alignment tests and the
 * three-stage verdicts below. A table row and a scatter dot select the same model.
 */
public final class ProxyLabView extends BorderPane {

    private final ProxyLabViewModel model;
    private final TableView<ModelResult> modelTable = new TableView<>();
    private final ProxyScatterPlot scatter;

    public ProxyLabView(ProxyLabViewModel model) {
        this.model = model;
        this.scatter = new ProxyScatterPlot(model);
        setId("proxy-lab");
        setTop(controls());
        setCenter(body());
        Label status = new Label();
        status.setId("proxy-status");
        status.textProperty().bind(model.statusProperty());
        status.setPadding(new Insets(4, 8, 4, 8));
        setBottom(status);
    }

    /** Opens the view in its own window beside {@code owner}. */
    public static Stage show(Window owner, ProxyLabViewModel model, String stylesheet) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Auscult: proxy lab");
        Scene scene = new Scene(new ProxyLabView(model), 1240, 800);
        if (stylesheet != null) {
            scene.getStylesheets().add(stylesheet);
        }
        FullRepaintGuard.install(scene);
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    public ProxyScatterPlot scatter() {
        return scatter;
    }

    public TableView<ModelResult> modelTable() {
        return modelTable;
    }

    private VBox controls() {
        HBox taskBoxes = new HBox(10, new Label("Tasks:"));
        taskBoxes.setAlignment(Pos.CENTER_LEFT);
        for (ProxyTaskKind k : ProxyTaskKind.values()) {
            CheckBox c = new CheckBox(k.word());
            c.setId("proxy-task-" + k.word());
            c.selectedProperty().bindBidirectional(model.taskChosen(k));
            taskBoxes.getChildren().add(c);
        }
        TextField data = new TextField();
        data.setId("proxy-data");
        data.setPromptText("dataset folder (DCASE, MIMII or plain WAV files)");
        HBox.setHgrow(data, Priority.ALWAYS);
        data.textProperty().bindBidirectional(model.dataProperty(), new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.toString();
            }

            @Override
            public Path fromString(String s) {
                return s == null || s.isBlank() ? null : Path.of(s.trim());
            }
        });
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Dataset folder for the proxy lab");
            File f = c.showDialog(getScene().getWindow());
            if (f != null) {
                model.dataProperty().set(f.toPath());
            }
        });
        ToggleGroup grid = new ToggleGroup();
        RadioButton quick = new RadioButton("quick grid (1×4)");
        quick.setId("proxy-quick");
        RadioButton full = new RadioButton("default grid (2×5)");
        quick.setToggleGroup(grid);
        full.setToggleGroup(grid);
        quick.setSelected(model.quickProperty().get());
        full.setSelected(!model.quickProperty().get());
        quick.selectedProperty().addListener((o, a, b) -> model.quickProperty().set(b));
        model.quickProperty().addListener((o, a, b) -> (b ? quick : full).setSelected(true));
        Button run = new Button("Run");
        run.setId("proxy-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> model.run());
        Button cancel = new Button("Cancel");
        cancel.setId("proxy-cancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(160);
        progress.progressProperty().bind(Bindings.when(model.runningProperty())
                .then(model.tasks().fractionProperty()).otherwise(0.0));
        Button save = new Button("Save report…");
        save.disableProperty().bind(Bindings.isEmpty(model.models()).or(model.runningProperty()));
        save.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Folder for models.csv, alignment.csv, report.html …");
            File f = c.showDialog(getScene().getWindow());
            if (f != null) {
                model.saveReport(f.toPath());
            }
        });
        HBox row2 = new HBox(8, new Label("Data:"), data, browse, quick, full, run, cancel, progress, save);
        row2.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, taskBoxes, row2);
        top.setPadding(new Insets(8));
        return top;
    }

    private SplitPane body() {
        modelTable.setId("proxy-models");
        modelTable.setItems(model.models());
        modelTable.getColumns().add(text("task", m -> m.task().word(), 90));
        modelTable.getColumns().add(text("model", ModelResult::model, 190));
        modelTable.getColumns().add(text("proxy metric", m -> m.task().metricName(), 140));
        modelTable.getColumns().add(number("value", ModelResult::proxyMetric));
        modelTable.getColumns().add(number("LP AUC", ModelResult::lpAuc));
        modelTable.getColumns().add(number("MD AUC", ModelResult::mdAuc));
        modelTable.getColumns().add(number("direct AUC", ModelResult::directAuc));
        modelTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        modelTable.setPlaceholder(new Label("No models yet: choose tasks and data, then Run."));
        // Row and dot select the same model; the guard stops the two listeners echoing.
        modelTable.getSelectionModel().selectedItemProperty().addListener((o, a, m) -> {
            if (m != null && m != model.selectedProperty().get()) {
                model.select(m);
            }
        });
        model.selectedProperty().addListener((o, a, m) -> {
            if (m != null && modelTable.getSelectionModel().getSelectedItem() != m) {
                modelTable.getSelectionModel().select(m);
                modelTable.scrollTo(m);
            }
            if (m != null && m.task() != model.scatterTaskProperty().get() && model.scatterTasks().contains(m.task())) {
                model.scatterTaskProperty().set(m.task());
            }
        });

        ChoiceBox<ProxyTaskKind> task = new ChoiceBox<>(model.scatterTasks());
        task.setId("proxy-scatter-task");
        task.valueProperty().bindBidirectional(model.scatterTaskProperty());
        ChoiceBox<ProxyLabViewModel.Axis> axis = new ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList(ProxyLabViewModel.Axis.values()));
        axis.setId("proxy-scatter-axis");
        axis.valueProperty().bindBidirectional(model.axisProperty());
        HBox plotControls = new HBox(8, new Label("Scatter: task"), task, new Label("y axis"), axis);
        plotControls.setAlignment(Pos.CENTER_LEFT);
        TextArea details = new TextArea();
        details.setId("proxy-details");
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(5);
        details.setMinHeight(96);
        details.textProperty().bind(Bindings.when(model.detailsProperty().isEmpty())
                .then("Click a dot or a row to see that model.").otherwise(model.detailsProperty()));
        ChoiceBox<String> machine = new ChoiceBox<>(model.machines());
        machine.setId("proxy-open-machine");
        machine.valueProperty().bindBidirectional(model.machineProperty());
        machine.disableProperty().bind(model.openableProperty().not());
        Button open = new Button("Open in workbench");
        open.setId("proxy-open");
        open.setTooltip(new Tooltip("Show this model in the detection and explanation views for the chosen machine "
                + "type: a reconstruction model as its conv AE, any other as the Mahalanobis detector on its encoder"));
        open.disableProperty().bind(model.openableProperty().not());
        open.setOnAction(e -> model.openSelected());
        HBox openRow = new HBox(8, open, new Label("for"), machine);
        openRow.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(scatter, Priority.ALWAYS);
        VBox plot = new VBox(6, plotControls, scatter, details, openRow);
        plot.setPadding(new Insets(0, 0, 0, 6));

        TableView<AlignmentTest> tests = new TableView<>(model.tests());
        tests.setId("proxy-alignment");
        tests.getColumns().add(textT("x", AlignmentTest::x));
        tests.getColumns().add(textT("y", AlignmentTest::y));
        tests.getColumns().get(0).setPrefWidth(220);
        tests.getColumns().get(1).setPrefWidth(170);
        tests.getColumns().add(textT("method", AlignmentTest::method));
        tests.getColumns().add(textT("n", t -> Integer.toString(t.n())));
        tests.getColumns().add(numberT("r", AlignmentTest::r));
        tests.getColumns().add(numberT("p", AlignmentTest::p));
        tests.getColumns().add(numberT("p_bh", AlignmentTest::pBh));
        tests.getColumns().add(textT("reject", t -> t.reject() ? "yes" : "no"));
        tests.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        tests.setPlaceholder(new Label("Alignment tests appear after a run."));

        TableView<StageCheck> stages = new TableView<>(model.stages());
        stages.setId("proxy-stages");
        TableColumn<StageCheck, String> st = new TableColumn<>("task");
        st.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().task().word()));
        TableColumn<StageCheck, String> sn = new TableColumn<>("stage");
        sn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Integer.toString(c.getValue().stage())));
        TableColumn<StageCheck, String> sv = new TableColumn<>("verdict");
        sv.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().verdict().word()));
        TableColumn<StageCheck, String> sx = new TableColumn<>("numbers");
        sx.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().numbers()));
        stages.getColumns().addAll(java.util.List.of(st, sn, sv, sx));
        st.setPrefWidth(100);
        sn.setPrefWidth(45);
        sv.setPrefWidth(90);
        sx.setPrefWidth(420);
        stages.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(StageCheck s, boolean empty) {
                super.updateItem(s, empty);
                setTooltip(empty || s == null ? null : new javafx.scene.control.Tooltip(s.numbers()));
            }
        });
        stages.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        stages.setPlaceholder(new Label("Three-stage verdicts appear after a run."));

        SplitPane upper = new SplitPane(modelTable, plot);
        upper.setDividerPositions(0.52);
        SplitPane lower = new SplitPane(tests, stages);
        lower.setDividerPositions(0.55);
        SplitPane body = new SplitPane(upper, lower);
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.6);
        body.setPadding(new Insets(0, 8, 0, 8));
        return body;
    }

    private static TableColumn<ModelResult, String> text(String title, Function<ModelResult, String> f, double width) {
        TableColumn<ModelResult, String> c = new TableColumn<>(title);
        // Under the constrained policy preferred widths are shares: names get more room than numbers.
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<ModelResult, Double> number(String title, java.util.function.ToDoubleFunction<ModelResult> f) {
        TableColumn<ModelResult, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(d.getValue())));
        c.setCellFactory(col -> new FormattedCell<>());
        return c;
    }

    private static TableColumn<AlignmentTest, String> textT(String title, Function<AlignmentTest, String> f) {
        TableColumn<AlignmentTest, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(f.apply(d.getValue())));
        return c;
    }

    private static TableColumn<AlignmentTest, Double> numberT(String title,
                                                             java.util.function.ToDoubleFunction<AlignmentTest> f) {
        TableColumn<AlignmentTest, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(f.applyAsDouble(d.getValue())));
        c.setCellFactory(col -> new FormattedCell<>());
        return c;
    }

    /** A number cell: four decimals, '-' for NaN (no such number), sorting by the value itself. */
    private static final class FormattedCell<S> extends javafx.scene.control.TableCell<S, Double> {
        @Override
        protected void updateItem(Double v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? null : Double.isFinite(v) ? String.format(Locale.ROOT,
                    Math.abs(v) < 1e-3 && v != 0 ? "%.2e" : "%.4f", v) : "-");
        }
    }
}
