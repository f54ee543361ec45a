package io.auscult.ui.results;

import io.auscult.data.Recording;
import io.auscult.ui.ImageFiles;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The results panel: a sortable table (file, score, decision, label; mistakes marked), the
 * ROC curve and the score histogram with its draggable threshold, the figures at the
 * threshold, and exports (CSV, PNG).
 */
public final class ResultsView extends BorderPane {

    /** Rows whose decision disagrees with the label. */
    static final PseudoClass WRONG_DECISION = PseudoClass.getPseudoClass("wrong-decision");

    private final ResultsViewModel model;
    private final TableView<ResultRow> table = new TableView<>();
    private final RocView roc;
    private final ScoreHistogramView histogram;
    private final Consumer<String> status;

    public ResultsView(ResultsViewModel model, Consumer<Recording> open, Consumer<String> status) {
        this.model = model;
        this.status = status;
        this.roc = new RocView(model);
        this.histogram = new ScoreHistogramView(model);
        getStyleClass().add("results-view");
        table.setId("results-table");
        table.setFixedCellSize(24); // as the tree: no measuring of each new row's cells
        histogram.setId("score-histogram");
        roc.setId("roc-view");

        TableColumn<ResultRow, String> file = new TableColumn<>("file");
        file.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().recording().path().getFileName().toString()));
        file.setPrefWidth(230);
        TableColumn<ResultRow, Double> score = new TableColumn<>("score");
        score.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().score()));
        score.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : String.format(Locale.ROOT, "%.4f", v));
            }
        });
        score.setPrefWidth(80);
        score.setSortType(TableColumn.SortType.DESCENDING);
        TableColumn<ResultRow, String> decision = new TableColumn<>("decision");
        decision.setCellValueFactory(c -> Bindings.when(c.getValue().anomalousProperty())
                .then("anomalous").otherwise("normal"));
        decision.setPrefWidth(85);
        TableColumn<ResultRow, String> label = new TableColumn<>("label");
        label.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label().word()));
        label.setPrefWidth(70);
        table.getColumns().add(file);
        table.getColumns().add(score);
        table.getColumns().add(decision);
        table.getColumns().add(label);
        SortedList<ResultRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(score);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No results: open the demo, or load/train a model."));
        table.setRowFactory(t -> new ResultTableRow());
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                open.accept(b.recording());
            }
        });

        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("results-summary");
        Label decisions = new Label();
        decisions.setId("decision-summary");
        decisions.textProperty().bind(model.decisionSummaryProperty());
        Button csv = new Button("CSV…");
        csv.setOnAction(e -> exportCsv());
        Button rocPng = new Button("ROC PNG…");
        rocPng.setOnAction(e -> exportPng(roc, "roc.png"));
        Button histPng = new Button("Histogram PNG…");
        histPng.setOnAction(e -> exportPng(histogram, "score-histogram.png"));
        Button reset = new Button("Fitted threshold");
        reset.setOnAction(e -> model.thresholdProperty().set(model.fittedThresholdProperty().get()));
        for (Button b : new Button[] {csv, rocPng, histPng, reset}) {
            b.setMinWidth(Region.USE_PREF_SIZE); // the summary gives way, the buttons never truncate
        }
        summary.setMinWidth(0);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox bar = new HBox(8, summary, spring, reset, csv, rocPng, histPng);
        bar.setPadding(new Insets(4, 6, 4, 6));
        HBox decisionBar = new HBox(decisions);
        decisionBar.setPadding(new Insets(0, 6, 4, 6));
        Label kinds = new Label();
        kinds.setId("kind-summary");
        kinds.getStyleClass().add("hint");
        kinds.textProperty().bind(model.kindSummaryProperty());
        kinds.setMinWidth(0);
        // Six kinds do not fit one line of a narrow panel: wrap rather than cut the last ones off.
        kinds.setWrapText(true);
        kinds.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(kinds, Priority.ALWAYS);
        HBox kindBar = new HBox(kinds);
        kindBar.setPadding(new Insets(0, 6, 4, 6));
        // Only synthetic sets name their anomalies' kinds; elsewhere the line takes no room.
        kindBar.visibleProperty().bind(model.kindSummaryProperty().isNotEmpty());
        kindBar.managedProperty().bind(kindBar.visibleProperty());
        setTop(new VBox(bar, decisionBar, kindBar));

        SplitPane plots = new SplitPane(histogram, roc);
        plots.setOrientation(Orientation.HORIZONTAL);
        plots.setDividerPositions(0.55);
        SplitPane split = new SplitPane(table, plots);
        split.setDividerPositions(0.45);
        setCenter(split);
    }

    public TableView<ResultRow> table() {
        return table;
    }

    public ScoreHistogramView histogram() {
        return histogram;
    }

    private void exportCsv() {
        File f = chooser("results.csv", "CSV", "*.csv").showSaveDialog(getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            model.exportCsv(f.toPath());
            status.accept("Wrote " + f);
        } catch (IOException e) {
            status.accept("Could not write " + f + ": " + e.getMessage());
        }
    }

    private void exportPng(Node plot, String name) {
        File f = chooser(name, "PNG image", "*.png").showSaveDialog(getScene().getWindow());
        if (f == null) {
            return;
        }
        Path p = f.toPath();
        try {
            ImageFiles.writePng(plot.snapshot(null, null), p);
            status.accept("Wrote " + p);
        } catch (IOException e) {
            status.accept("Could not write " + p + ": " + e.getMessage());
        }
    }

    private static FileChooser chooser(String name, String what, String pattern) {
        FileChooser c = new FileChooser();
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        return c;
    }

    /**
     * A row that marks a wrong decision with a pseudo-class (a style class would make JavaFX look
     * the row's styles up again on each change, as in the browser's rows) and follows its file's
     * decision as the threshold moves, instead of the whole table being rebuilt.
     */
    private static final class ResultTableRow extends TableRow<ResultRow> {
        private final InvalidationListener decisionChanged = o -> mark();
        private ResultRow watched;

        @Override
        protected void updateItem(ResultRow r, boolean empty) {
            super.updateItem(r, empty);
            if (watched != null) {
                watched.anomalousProperty().removeListener(decisionChanged);
            }
            watched = empty ? null : r;
            if (watched != null) {
                watched.anomalousProperty().addListener(decisionChanged);
            }
            mark();
        }

        private void mark() {
            pseudoClassStateChanged(WRONG_DECISION, watched != null && Boolean.FALSE.equals(watched.correct()));
        }
    }
}
