package io.auscult.ui.browser;

import io.auscult.data.Recording;
import javafx.beans.property.StringProperty;
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
 * tooltip. Selecting a file shows it.
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
        tree.setCellFactory(t -> new TreeCell<>() {
            @Override
            protected void updateItem(BrowserNode node, boolean empty) {
                super.updateItem(node, empty);
                getStyleClass().removeAll("unusable-file", "anomaly-file", "group-node");
                if (empty || node == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(node.label());
                if (node.unusable().isPresent()) {
                    getStyleClass().add("unusable-file");
                    setTooltip(new Tooltip(node.unusable().get().path() + "\n" + node.unusable().get().reason()));
                } else if (node.recording().isPresent()) {
                    Recording r = node.recording().get();
                    if (r.labels().condition() == io.auscult.data.Condition.ANOMALY) {
                        getStyleClass().add("anomaly-file");
                    }
                    setTooltip(new Tooltip(r.path() + String.format(java.util.Locale.ROOT, "\n%.2f s, %d Hz, %d ch%s",
                            r.durationSeconds(), r.info().sampleRate(), r.info().channels(),
                            r.mask().isPresent() ? ", ground-truth mask" : "")));
                } else {
                    getStyleClass().add("group-node");
                    setTooltip(null);
                }
            }
        });
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
