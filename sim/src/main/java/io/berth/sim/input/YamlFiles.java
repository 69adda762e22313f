package io.berth.sim.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the documents of a multi-document YAML file; unreadable files and syntax errors throw, located. */
final class YamlFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** A non-empty document and its 1-based number in the file. */
    record Doc(String file, int number, JsonNode root) {
    }

    private YamlFiles() {
    }

    static List<Doc> read(Path path) {
        String file = path.toString();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw fail(file, 0, "cannot read: no such file");
        } catch (AccessDeniedException e) {
            throw fail(file, 0, "cannot read: permission denied");
        } catch (CharacterCodingException e) {
            throw fail(file, 0, "cannot read: not UTF-8 text");
        } catch (IOException e) {
            throw fail(file, 0, "cannot read: " + (Files.isDirectory(path) ? "is a directory" : e.getClass().getSimpleName()));
        }
        List<Doc> docs = new ArrayList<>();
        int number = 0;
        try (JsonParser parser = YAML.getFactory().createParser(text)) {
            while (true) {
                int next = number + 1;
                JsonNode root;
                try {
                    if (parser.nextToken() == null) {
                        return docs;
                    }
                    number = next;
                    root = YAML.readTree(parser);
                } catch (IOException | RuntimeException e) {
                    throw syntax(file, next, e);
                }
                if (root != null && !root.isNull() && !root.isMissingNode()
                        && !(root.isTextual() && root.textValue().isEmpty())) {
                    docs.add(new Doc(file, number, root));
                }
            }
        } catch (IOException e) {
            throw syntax(file, Math.max(number, 1), e);
        }
    }

    private static InputException syntax(String file, int document, Exception e) {
        String where = "syntax error";
        String what = "invalid YAML";
        if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                where = "syntax error at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            }
            String original = jpe.getOriginalMessage();
            if (original != null && original.startsWith("Duplicate field '")) {
                what = "duplicate key \"" + original.substring(17, original.indexOf('\'', 17)) + "\"";
            } else if (original != null) {
                what = original.lines().findFirst().orElse(what);
            }
        }
        return fail(file, document, where + ": " + what);
    }

    private static InputException fail(String file, int document, String message) {
        return new InputException(List.of(new InputError(file, document, null, null, message)));
    }
}
