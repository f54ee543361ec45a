package io.auscult.ui;

import javafx.scene.control.Label;

/** The few kinds of label the panels use, styled by workbench.css. */
public final class Labels {

    private Labels() {
    }

    /** A section heading in a side panel. */
    public static Label caption(String text) {
        return styled(text, "panel-caption", false);
    }

    /** A wrapped, dimmed explanation under controls. */
    public static Label hint(String text) {
        return styled(text, "hint", true);
    }

    /** A label with one style class. */
    public static Label styled(String text, String styleClass, boolean wrap) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        l.setWrapText(wrap);
        return l;
    }
}
