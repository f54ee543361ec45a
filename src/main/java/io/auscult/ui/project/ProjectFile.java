package io.auscult.ui.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.auscult.engine.AtomicFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads and writes project files ({@code .auscult-project}, JSON). Writes are atomic, so a
 * crash while saving leaves the previous project intact; a damaged or foreign file is refused
 * with a message naming it and the reason, and nothing open in the workbench is touched.
 */
public final class ProjectFile {

    public static final int VERSION = 1;
    public static final String EXTENSION = ".auscult-project";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ProjectFile() {
    }

    public static void write(Path target, Project project) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(project);
        AtomicFile.write(target, out -> out.write(bytes));
    }

    public static Project read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such project file", e);
        }
        Project p;
        try {
            p = JSON.readValue(bytes, Project.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not an Auscult project (" + e.getOriginalMessage() + ")", e);
        }
        if (p == null || p.version() < 1) {
            throw new IOException(file + ": not an Auscult project (no format version)");
        }
        if (p.version() > VERSION) {
            throw new IOException(file + ": project format " + p.version() + " is newer than this Auscult reads ("
                    + VERSION + "); update Auscult");
        }
        return p;
    }
}
