package io.auscult.ui.project;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auscult.engine.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recently opened datasets, projects and models (newest first, at most {@value #MAX}),
 * kept in {@code recent.json} of the settings folder ({@code ~/.auscult}, or the system
 * property {@code auscult.settings} for tests). A missing or damaged list is an empty one:
 * it is a convenience, never a reason to fail.
 */
public final class RecentFiles {

    static final int MAX = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final List<String> entries = new ArrayList<>();

    public RecentFiles(Path file) {
        this.file = file;
        try {
            if (Files.isRegularFile(file)) {
                entries.addAll(JSON.readValue(file.toFile(), new TypeReference<List<String>>() { }));
            }
        } catch (IOException | RuntimeException e) {
            entries.clear();
        }
    }

    /** The list in the user's settings folder. */
    public static RecentFiles forUser() {
        String dir = System.getProperty("auscult.settings", System.getProperty("user.home") + "/.auscult");
        return new RecentFiles(Path.of(dir, "recent.json"));
    }

    public List<Path> list() {
        return entries.stream().map(Path::of).toList();
    }

    /** Puts {@code p} first and saves the list; a failed save only loses the convenience. */
    public void add(Path p) {
        String s = p.toAbsolutePath().normalize().toString();
        entries.remove(s);
        entries.add(0, s);
        while (entries.size() > MAX) {
            entries.remove(entries.size() - 1);
        }
        try {
            byte[] bytes = JSON.writeValueAsBytes(entries);
            AtomicFile.write(file, out -> out.write(bytes));
        } catch (IOException e) {
            // The list is a convenience: the work itself is unaffected.
        }
    }
}
