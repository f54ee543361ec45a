package io.auscult.ui.explain;

import io.auscult.ui.model.LoadedModel;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes an attribution map: the model (the open instance: two loads of one file are two
 * models), the clip, the method and its parameters. Parameters compare as sorted text, so
 * {@code steps=50} typed by the user and the default are the same key only when written out.
 */
record MapKey(LoadedModel model, Path clip, String method, Map<String, String> parameters) {

    MapKey {
        parameters = new TreeMap<>(parameters);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapKey k && k.model == model && k.clip.equals(clip) && k.method.equals(method)
                && k.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(model) * 31 + clip.hashCode() * 17 + method.hashCode() * 7
                + parameters.hashCode();
    }
}
