package io.auscult.ui.project;

import java.util.List;
import java.util.Map;

/**
 * What a project file remembers, so the user comes back to where they were: the dataset, the
 * models (files), which one is active and its threshold, the recording on screen, the view
 * settings, and the results last computed (file, score) per model.
 *
 * @param version   file format version, {@link ProjectFile#VERSION}
 * @param dataset   dataset folder or CSV list, or null
 * @param models    model files, in the order they were opened
 * @param active    index into {@code models} of the active model, -1 for none
 * @param thresholds the user's threshold per model file (absent: the model's own)
 * @param selected  the recording shown, or null
 * @param colorMap  colour map name
 * @param results   per model file: scored test files (path relative to the dataset, score)
 */
public record Project(int version, String dataset, List<String> models, int active, Map<String, Double> thresholds,
                      String selected, String colorMap, Map<String, List<Score>> results) {

    public Project {
        models = models == null ? List.of() : List.copyOf(models);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        results = results == null ? Map.of() : Map.copyOf(results);
    }

    /** One remembered result. */
    public record Score(String file, double score) {
    }
}
