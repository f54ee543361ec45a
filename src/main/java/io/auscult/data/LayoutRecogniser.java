package io.auscult.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a WAV file's labels from its path by the first dataset pattern it matches; a file that
 * matches none is {@link DatasetLayout#PLAIN} with unknown labels. The patterns cannot both
 * match one name (DCASE 2021+ names start with {@code section_}, DCASE 2020 names contain
 * {@code id_}, MIMII names are digits only), so the order does not decide anything.
 */
final class LayoutRecogniser {

    /** A file's layout and the labels that layout gives it. */
    record Recognised(DatasetLayout layout, Labels labels) {
    }

    private LayoutRecogniser() {
    }

    /** @param file an absolute path: folders above the scanned root may hold labels too */
    static Recognised recognise(Path file) {
        String stem = stem(file);
        Optional<Labels> labels = Dcase2021Names.recognise(file, stem);
        if (labels.isPresent()) {
            return new Recognised(DatasetLayout.DCASE2021, labels.get());
        }
        labels = Dcase2020Names.recognise(file, stem);
        if (labels.isPresent()) {
            return new Recognised(DatasetLayout.DCASE2020, labels.get());
        }
        labels = MimiiPaths.recognise(file, stem);
        if (labels.isPresent()) {
            return new Recognised(DatasetLayout.MIMII, labels.get());
        }
        return new Recognised(DatasetLayout.PLAIN, Labels.unknown());
    }

    /** The file name without its {@code .wav} extension (any case). */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        return isWav(name) ? name.substring(0, name.length() - 4) : name;
    }

    static boolean isWav(String fileName) {
        return fileName.length() > 4 && fileName.toLowerCase(Locale.ROOT).endsWith(".wav");
    }
}
