package io.auscult.ui.browser;

import io.auscult.data.Recording;
import io.auscult.data.UnusableFile;

import java.util.List;
import java.util.Optional;

/**
 * One row of the recordings tree: a group (machine, id/section, split, condition), a
 * recording, or a file that could not be used, shown greyed with its reason.
 *
 * @param label     the text shown
 * @param recording the recording of a leaf
 * @param unusable  the unusable file of a greyed leaf, with its reason
 * @param children  sub-rows, in display order
 */
public record BrowserNode(String label, Optional<Recording> recording, Optional<UnusableFile> unusable,
                          List<BrowserNode> children) {

    public BrowserNode {
        children = List.copyOf(children);
    }

    static BrowserNode group(String label, List<BrowserNode> children) {
        return new BrowserNode(label, Optional.empty(), Optional.empty(), children);
    }

    static BrowserNode leaf(Recording r) {
        return new BrowserNode(r.path().getFileName().toString(), Optional.of(r), Optional.empty(), List.of());
    }

    static BrowserNode bad(UnusableFile f) {
        return new BrowserNode(f.path().getFileName() + " — " + f.reason(), Optional.empty(), Optional.of(f),
                List.of());
    }

    public boolean isGroup() {
        return recording.isEmpty() && unusable.isEmpty();
    }

    /** Leaves below this node (itself if it is a leaf). */
    public int leafCount() {
        return isGroup() ? children.stream().mapToInt(BrowserNode::leafCount).sum() : 1;
    }

    /** All recordings below this node, in display order. */
    public List<Recording> recordings() {
        if (recording.isPresent()) {
            return List.of(recording.get());
        }
        return children.stream().flatMap(c -> c.recordings().stream()).toList();
    }
}
