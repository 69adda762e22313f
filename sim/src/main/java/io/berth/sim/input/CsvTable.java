package io.berth.sim.input;

import io.berth.api.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV file read with commons-csv: a header line naming the columns (in any order; quotes, commas
 * and line breaks inside quoted values as RFC 4180), then one record per row with the line it
 * starts on. Problems with the file as a whole (unreadable, no header, missing or unknown columns,
 * broken quoting) throw {@link InputException}; problems of single rows are the readers' job.
 */
final class CsvTable {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(false) // blank lines are skipped below, so that line numbers stay exact
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL) // checked below, with a clearer message
            .setAllowMissingColumnNames(true)
            .get();

    /** One data row: its 1-based starting line, its values by column, and how many values it had. */
    record Row(String file, int line, Map<String, String> values, int size) {
    }

    private final String file;
    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(String file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    String file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    boolean has(String column) {
        return header.contains(column);
    }

    /**
     * Reads the file. required: columns that must be in the header; known: every column allowed
     * (null allows any others, as for third-party traces).
     */
    static CsvTable read(Path path, Collection<String> required, Collection<String> known) {
        String file = path.toString();
        String text = readText(path);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte-order mark, as spreadsheet programs write
        }
        if (text.isBlank()) {
            throw fileError(file, 1, "empty file; expected a header line with the columns " + String.join(",", required));
        }
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames();
            checkHeader(file, header, required, known);
            List<Row> rows = new ArrayList<>();
            Iterator<CSVRecord> it = parser.iterator();
            while (true) {
                int line = (int) parser.getCurrentLineNumber() + 1; // the next record starts after the lines read so far
                CSVRecord record;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    record = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String why = describe(e).contains("EOF reached before encapsulated token finished")
                            ? "a quoted value is not closed (a '\"' is missing)" : describe(e);
                    throw fileError(file, line, "cannot read the rest of the file: " + why);
                }
                if (record.size() == 1 && record.get(0).isEmpty()) {
                    continue; // a blank line
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    values.put(header.get(i), record.get(i));
                }
                rows.add(new Row(file, line, values, record.size()));
            }
            return new CsvTable(file, List.copyOf(header), rows);
        } catch (IOException e) {
            throw fileError(file, 1, "cannot read: " + describe(e));
        }
    }

    private static void checkHeader(String file, List<String> header, Collection<String> required,
                                    Collection<String> known) {
        List<io.berth.api.io.InputError> bad = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String c = header.get(i);
            if (c == null || c.isEmpty()) {
                bad.add(InputErrors.atLine(file, 1, null, null, "column " + (i + 1) + " has no name in the header"
                        + (i == header.size() - 1 ? " (a trailing comma?)" : "") + "; expected a name for every column"));
            } else if (header.indexOf(c) < i) {
                bad.add(InputErrors.atLine(file, 1, null, c, "duplicate column \"" + c + "\"; expected each column once"));
            }
        }
        if (!bad.isEmpty()) {
            throw new InputException(bad);
        }
        List<String> missing = required.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = known == null ? List.of() : header.stream().filter(c -> !known.contains(c)).toList();
        List<io.berth.api.io.InputError> errors = new ArrayList<>();
        if (!missing.isEmpty()) {
            errors.add(InputErrors.atLine(file, 1, null, null, "missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + "; the header has " + String.join(",", header)));
        }
        for (String c : unknown) {
            errors.add(InputErrors.atLine(file, 1, null, c, "unknown column \"" + c + "\"; expected columns "
                    + String.join(",", known)));
        }
        if (!errors.isEmpty()) {
            throw new InputException(errors);
        }
    }

    private static String readText(Path path) {
        String file = path.toString();
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(List.of(InputErrors.inFile(file, "cannot read: no such file")));
        } catch (AccessDeniedException e) {
            throw new InputException(List.of(InputErrors.inFile(file, "cannot read: permission denied")));
        } catch (CharacterCodingException e) {
            throw new InputException(List.of(InputErrors.inFile(file, "cannot read: not UTF-8 text")));
        } catch (IOException e) {
            String why = Files.isDirectory(path) ? "is a directory" : describe(e);
            throw new InputException(List.of(InputErrors.inFile(file, "cannot read: " + why)));
        }
    }

    private static InputException fileError(String file, int line, String message) {
        return new InputException(List.of(InputErrors.atLine(file, line, null, null, message)));
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
