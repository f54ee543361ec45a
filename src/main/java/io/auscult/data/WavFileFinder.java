package io.auscult.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.auscult.engine.Cancellation;

/**
 * Walks a folder tree and collects its WAV files, the ground-truth mask files beside them, and
 * the folders it could not enter. Other files (read-me files, CSV lists, {@code manifest.json},
 * {@code .DS_Store}) are passed over in silence.
 *
 * <p>Links to folders are followed, because datasets are often linked in from a big disk; a link
 * that leads back to a folder above it is reported and not followed. macOS archive debris
 * ({@code __MACOSX} folders, {@code ._name.wav} resource forks) is skipped: those files are not
 * recordings and would otherwise show up as thousands of "not a WAV file" reports.
 */
final class WavFileFinder {

    /** The suffix of a ground-truth mask file: {@code X.mask.csv} belongs to {@code X.wav}. */
    static final String MASK_SUFFIX = ".mask.csv";

    /** What a walk found; {@code wavs} in the order met, not sorted. */
    record Found(List<Path> wavs, Set<Path> masks, List<UnusableFile> unreadableFolders) {
    }

    private WavFileFinder() {
    }

    static Found walk(Path root, Cancellation cancellation) throws IOException {
        List<Path> wavs = new ArrayList<>();
        Set<Path> masks = new HashSet<>();
        List<UnusableFile> unreadable = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        cancellation.throwIfCancelled();
                        return dir.getFileName() != null && dir.getFileName().toString().equals("__MACOSX")
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isDirectory()) {
                            return FileVisitResult.CONTINUE;
                        }
                        String name = file.getFileName().toString();
                        if (name.startsWith("._")) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (LayoutRecogniser.isWav(name)) {
                            wavs.add(file);
                        } else if (name.endsWith(MASK_SUFFIX)) {
                            masks.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        boolean folder = e instanceof FileSystemLoopException || Files.isDirectory(file);
                        if (folder) {
                            unreadable.add(new UnusableFile(file, folderReason(e)));
                        } else if (LayoutRecogniser.isWav(file.getFileName().toString())) {
                            unreadable.add(new UnusableFile(file, "cannot be read (" + describe(e) + ")"));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                        if (e != null) {
                            // The listing broke off part way: what was listed is kept.
                            unreadable.add(new UnusableFile(dir, "folder could not be listed completely ("
                                    + describe(e) + "); some files in it may be missing"));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        return new Found(wavs, masks, unreadable);
    }

    /** The mask file that belongs to {@code wav}: {@code X.wav} -> {@code X.mask.csv}. */
    static Path maskOf(Path wav) {
        return wav.resolveSibling(LayoutRecogniser.stem(wav) + MASK_SUFFIX);
    }

    private static String folderReason(IOException e) {
        if (e instanceof FileSystemLoopException) {
            return "folder link leads back to a folder above it (a loop), so it was not followed";
        }
        if (e instanceof AccessDeniedException) {
            return "folder cannot be read (permission denied), so its files were not scanned";
        }
        return "folder cannot be read (" + describe(e) + "), so its files were not scanned";
    }

    static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
