package io.auscult.ui.browser;

import io.auscult.data.Recording;
import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The recordings browser: a filter box over a tree (machine → id/section → split →
 * condition → file); files the scan could not use are greyed, their reason in the label and
 * tooltip. Selecting a file shows it. Rows carry the pseudo-classes {@code :group-node},
 * {@code :anomaly-file} and {@code :unusable-file} for the stylesheet.
 */
public final class BrowserView extends BorderPane {

    private final TreeView<BrowserNode> tree = new TreeView<>();
    private final TextField filter = new TextField();

    private boolean syncing;

    public BrowserView(javafx.beans.value.ObservableValue<BrowserNode> root, StringProperty filterText,
                       javafx.beans.value.ObservableValue<Recording> selected, Consumer<Recording> open) {
        getStyleClass().add("browser-view");
        filter.setPromptText("Filter: e.g. fan anomaly id_00");
        filter.setId("browser-filter");
        filter.textProperty().bindBidirectional(filterText);
        tree.setId("recordings-tree");
        tree.setShowRoot(true);
        tree.setCellFactory(t -> new RecordingCell());
        // One row height for all: the tree then lays out without measuring every new cell,
        // which made the first showing of a dataset block the window (issue 6, stall target).
        tree.setFixedCellSize(22);
        tree.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!syncing && b != null && b.getValue() != null) {
                b.getValue().recording().ifPresent(open);
            }
        });
        // A recording chosen elsewhere (results table, demo) is selected and scrolled to here.
        selected.addListener((o, a, r) -> reveal(r));
        root.addListener((o, a, b) -> setRoot(b, filterText.get()));
        setRoot(root.getValue(), filterText.get());
        Label caption = new Label("Recordings");
        caption.getStyleClass().add("panel-caption");
        VBox top = new VBox(4, caption, filter);
        top.setPadding(new Insets(6));
        setTop(top);
        setCenter(tree);
        VBox.setVgrow(tree, Priority.ALWAYS);
        setMinWidth(220);
        setPrefWidth(300);
    }

    /**
     * A row of the tree. Its tooltip (path, duration, rate, channels) is made when the pointer
     * first enters the row, not in {@link #updateItem}: a {@link Tooltip} is a popup window
     * with its own CSS, and making one per visible row when a dataset opens cost the user
     * interface thread tens of milliseconds per screenful (JFR, demo load). One tooltip per
     * cell is then reused, its text following the row's item.
     */
    private static final class RecordingCell extends TreeCell<BrowserNode> {

        private static final PseudoClass GROUP = PseudoClass.getPseudoClass("group-node");
        private static final PseudoClass UNUSABLE = PseudoClass.getPseudoClass("unusable-file");
        private static final PseudoClass ANOMALY = PseudoClass.getPseudoClass("anomaly-file");

        private Tooltip tip;

        RecordingCell() {
            setOnMouseEntered(e -> {
                String text = tooltipText(getItem());
                if (text != null && tip == null) {
                    tip = new Tooltip(text);
                    setTooltip(tip);
                }
            });
        }

        /**
         * By identity: the node is a record, and its equality compares the whole subtree, which
         * for a group row is every recording under it, on each update of each visible row.
         */
        @Override
        protected boolean isItemChanged(BrowserNode oldItem, BrowserNode newItem) {
            return oldItem != newItem;
        }

        @Override
        protected void updateItem(BrowserNode node, boolean empty) {
            super.updateItem(node, empty);
            // Pseudo-classes, not style classes: adding or removing a style class re-runs the
            // cell's whole CSS lookup at once, on every update of every visible row; a
            // pseudo-class only switches between styles the cell has already resolved.
            boolean group = !empty && node != null && node.isGroup();
            boolean unusable = !empty && node != null && node.unusable().isPresent();
            boolean anomaly = !empty && node != null && node.recording()
                    .filter(r -> r.labels().condition() == io.auscult.data.Condition.ANOMALY).isPresent();
            pseudoClassStateChanged(GROUP, group);
            pseudoClassStateChanged(UNUSABLE, unusable);
            pseudoClassStateChanged(ANOMALY, anomaly);
            if (tip != null) {
                String text = empty ? null : tooltipText(node);
                // Shown only where the row has something to say; kept for reuse otherwise.
                tip.setText(text == null ? "" : text);
                setTooltip(text == null ? null : tip);
            }
            setText(empty || node == null ? null : node.label());
        }
    }

    /** The tooltip of a row: the unusable file's reason, or the recording's path and format; null for groups. */
    static String tooltipText(BrowserNode node) {
        if (node == null) {
            return null;
        }
        if (node.unusable().isPresent()) {
            return node.unusable().get().path() + "\n" + node.unusable().get().reason();
        }
        if (node.recording().isPresent()) {
            Recording r = node.recording().get();
            return r.path() + String.format(java.util.Locale.ROOT, "\n%.2f s, %d Hz, %d ch%s",
                    r.durationSeconds(), r.info().sampleRate(), r.info().channels(),
                    r.mask().isPresent() ? ", ground-truth mask" : "");
        }
        return null;
    }

    private void reveal(Recording r) {
        TreeItem<BrowserNode> item = r == null ? null : find(tree.getRoot(), r);
        if (item == null || tree.getSelectionModel().getSelectedItem() == item) {
            return;
        }
        syncing = true;
        try {
            for (TreeItem<BrowserNode> p = item.getParent(); p != null; p = p.getParent()) {
                p.setExpanded(true);
            }
            tree.getSelectionModel().select(item);
            int row = tree.getRow(item);
            tree.scrollTo(Math.max(0, row - 5));
        } finally {
            syncing = false;
        }
    }

    private static TreeItem<BrowserNode> find(TreeItem<BrowserNode> item, Recording r) {
        if (item == null) {
            return null;
        }
        if (item.getValue() != null && item.getValue().recording().filter(r::equals).isPresent()) {
            return item;
        }
        for (TreeItem<BrowserNode> c : item.getChildren()) {
            TreeItem<BrowserNode> f = find(c, r);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    public TreeView<BrowserNode> tree() {
        return tree;
    }

    private void setRoot(BrowserNode node, String filterText) {
        if (node == null) {
            tree.setRoot(null);
            return;
        }
        // Small sets (the demo) open fully; large ones down to the split, so the tree stays quick.
        boolean expandAll = filterText != null && !filterText.isBlank() || node.leafCount() <= 200;
        TreeItem<BrowserNode> item = item(node, 0, expandAll);
        tree.setRoot(item);
    }

    /** Expands down to the splits, or everything. */
    private static TreeItem<BrowserNode> item(BrowserNode node, int depth, boolean expandAll) {
        TreeItem<BrowserNode> item = new TreeItem<>(node);
        for (BrowserNode c : node.children()) {
            item.getChildren().add(item(c, depth + 1, expandAll));
        }
        boolean unusableGroup = node.label().startsWith(RecordingTree.UNUSABLE_GROUP);
        item.setExpanded(expandAll || depth < 3 || unusableGroup);
        return item;
    }
}
