package io.auscult.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file that lists recordings and states their labels: {@code path,condition[,machine,section]}.
 *
 * <ul>
 * <li>Paths are absolute or relative to the folder of the list.</li>
 * <li>Conditions are {@code normal}, {@code anomaly}, {@code abnormal} or {@code unknown}, in any
 *     case; an empty or missing condition is unknown. Empty machine or section: unknown.</li>
 * <li>The header row is optional. It is recognised by a first field {@code path} (any case); with
 *     it, columns are found by name ({@code path, condition, machine, section}, and also
 *     {@code domain} and {@code split}), and every other named column becomes an attribute.
 *     Without it, the columns are positional and a row has at most four fields.</li>
 * <li>A bad row (no path, an unknown condition word, a missing file, a file listed twice) becomes
 *     an {@link UnusableFile} that names the line; the other rows are read.</li>
 * </ul>
 *
 * <p>The list states the labels alone: nothing is read from the listed files' names, so a list
 * can relabel files whatever their names say.
 */
final class CsvRecordingList {

    private static final String COLUMNS = "path,condition[,machine,section]";

    /** A listed file and the labels the list gives it. */
    record Entry(Path path, Labels labels) {
    }

    /** The usable rows in list order, and the rows that could not be used. */
    record Rows(List<Entry> entries, List<UnusableFile> unusable) {
    }

    private CsvRecordingList() {
    }

    static Rows read(Path csv) throws DatasetScanException {
        Path folder = csv.getParent();
        String listName = csv.getFileName().toString();
        List<Entry> entries = new ArrayList<>();
        List<UnusableFile> unusable = new ArrayList<>();
        Map<Path, Long> firstLine = new HashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(true).build();
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(in, format)) {
            Columns columns = null;
            boolean first = true;
            long line = 0;
            for (CSVRecord record : parser) {
                // Lines, not record numbers, so the user can find the row in an editor.
                line = lineOf(parser, line);
                List<String> fields = new ArrayList<>(record.toList());
                if (first) {
                    first = false;
                    fields.set(0, stripByteOrderMark(fields.get(0)));
                    if (fields.get(0).equalsIgnoreCase("path")) {
                        columns = Columns.fromHeader(csv, fields);
                        continue;
                    }
                }
                Row row = new Row(csv, listName, folder, line, fields, columns);
                Optional<Entry> entry = row.toEntry(unusable);
                if (entry.isEmpty()) {
                    continue;
                }
                Path path = entry.get().path();
                Long earlier = firstLine.putIfAbsent(path, line);
                if (earlier != null) {
                    unusable.add(new UnusableFile(path, "is listed again on line " + line + " of " + listName
                            + " (first on line " + earlier + "); the first row is used"));
                } else if (!Files.isRegularFile(path)) {
                    unusable.add(new UnusableFile(path, (Files.exists(path) ? "is not a file" : "does not exist")
                            + " (listed on line " + line + " of " + listName + ")" + semicolonHint(fields)));
                } else {
                    entries.add(entry.get());
                }
            }
        } catch (CharacterCodingException e) {
            throw new DatasetScanException(csv, "is not a text file in UTF-8, so it cannot be read as a CSV list", e);
        } catch (IOException e) {
            throw new DatasetScanException(csv, "cannot be read (" + WavFileFinder.describe(e) + ")", e);
        } catch (UncheckedIOException e) {
            // commons-csv reports malformed CSV (an unclosed quote, say) this way, mid-iteration.
            throw new DatasetScanException(csv, "is not valid CSV: " + WavFileFinder.describe(e.getCause()), e);
        }
        return new Rows(entries, unusable);
    }

    /** The 1-based line of the record just read (its last line, for a record with a quoted line break). */
    private static long lineOf(CSVParser parser, long previous) {
        long read = parser.getCurrentLineNumber();
        return Math.max(previous + 1, read);
    }

    /** Lists saved by a spreadsheet in some locales separate fields with semicolons: say so. */
    private static String semicolonHint(List<String> fields) {
        return fields.size() == 1 && fields.get(0).contains(";")
                ? "; fields must be separated by commas, and this line uses semicolons" : "";
    }

    private static String stripByteOrderMark(String field) {
        // Excel's "CSV UTF-8" starts the file with U+FEFF, which a reader keeps as a character.
        return field.startsWith("\uFEFF") ? field.substring(1) : field;
    }

    /** Where each label is, when a header row names the columns. */
    private record Columns(int path, int condition, int machine, int section, int domain, int split,
                           Map<String, Integer> attributes) {

        static Columns fromHeader(Path csv, List<String> header) throws DatasetScanException {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim();
                if (name.isEmpty()) {
                    throw new DatasetScanException(csv, "has an empty column name in its header row (column "
                            + (i + 1) + ")");
                }
                if (index.putIfAbsent(name.toLowerCase(Locale.ROOT), i) != null) {
                    throw new DatasetScanException(csv, "names the column '" + name + "' twice in its header row");
                }
            }
            int path = take(index, "path");
            int condition = take(index, "condition");
            int machine = take(index, "machine");
            int section = take(index, "section");
            int domain = take(index, "domain");
            int split = take(index, "split");
            Map<String, Integer> attributes = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (index.containsValue(i)) {
                    attributes.put(header.get(i).trim(), i);
                }
            }
            return new Columns(path, condition, machine, section, domain, split, attributes);
        }

        private static int take(Map<String, Integer> index, String name) {
            Integer at = index.remove(name);
            return at == null ? -1 : at;
        }
    }

    /** One data row and what it takes to turn it into an entry. */
    private record Row(Path csv, String listName, Path folder, long line, List<String> fields, Columns columns) {

        Optional<Entry> toEntry(List<UnusableFile> unusable) {
            if (columns == null && fields.size() > 4) {
                unusable.add(new UnusableFile(csv, "line " + line + " has " + fields.size()
                        + " fields; a list without a header row has at most 4: " + COLUMNS));
                return Optional.empty();
            }
            String pathText = field(columns == null ? 0 : columns.path());
            if (pathText.isEmpty()) {
                unusable.add(new UnusableFile(csv, "line " + line + " names no file"));
                return Optional.empty();
            }
            Path path;
            try {
                Path given = Path.of(pathText);
                path = (given.isAbsolute() ? given : folder.resolve(given)).normalize();
            } catch (InvalidPathException e) {
                unusable.add(new UnusableFile(csv, "line " + line + ": '" + pathText + "' is not a valid file path"));
                return Optional.empty();
            }
            String conditionText = field(columns == null ? 1 : columns.condition());
            Optional<Condition> condition = conditionText.isEmpty() ? Optional.of(Condition.UNKNOWN)
                    : Condition.parse(conditionText);
            if (condition.isEmpty()) {
                unusable.add(new UnusableFile(path, "line " + line + " of " + listName + " gives the condition '"
                        + conditionText + "', which is none of normal, anomaly, abnormal, unknown"));
                return Optional.empty();
            }
            Domain domain = Domain.UNKNOWN;
            Split split = Split.UNKNOWN;
            Map<String, String> attributes = new LinkedHashMap<>();
            if (columns != null) {
                String domainText = field(columns.domain());
                Optional<Domain> d = domainText.isEmpty() ? Optional.of(Domain.UNKNOWN) : Domain.parse(domainText);
                if (d.isEmpty()) {
                    unusable.add(new UnusableFile(path, "line " + line + " of " + listName + " gives the domain '"
                            + domainText + "', which is none of source, target, unknown"));
                    return Optional.empty();
                }
                String splitText = field(columns.split());
                Optional<Split> s = splitText.isEmpty() ? Optional.of(Split.UNKNOWN) : Split.parse(splitText);
                if (s.isEmpty()) {
                    unusable.add(new UnusableFile(path, "line " + line + " of " + listName + " gives the split '"
                            + splitText + "', which is none of train, test, unknown"));
                    return Optional.empty();
                }
                domain = d.get();
                split = s.get();
                columns.attributes().forEach((name, at) -> {
                    String value = field(at);
                    if (!value.isEmpty()) {
                        attributes.put(name, value);
                    }
                });
            }
            String machine = orUnknown(field(columns == null ? 2 : columns.machine()));
            String section = orUnknown(field(columns == null ? 3 : columns.section()));
            return Optional.of(new Entry(path,
                    new Labels(machine, section, domain, split, condition.get(), attributes)));
        }

        private String field(int at) {
            return at >= 0 && at < fields.size() ? fields.get(at).trim() : "";
        }

        private static String orUnknown(String text) {
            return text.isEmpty() ? Labels.UNKNOWN : text;
        }
    }
}
