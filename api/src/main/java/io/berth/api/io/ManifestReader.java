package io.berth.api.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads Kueue manifests from multi-document YAML files: Kubernetes objects, v1 Lists, Kueue
 * Configurations and scenario files (objects:, config:, cycles:, expect:). Every problem found in
 * every file is reported at once in an {@link InputException}; each names the file, the 1-based
 * document, the object and the field. Semantic checks across objects are {@link Validator}'s job.
 */
public final class ManifestReader {
    private static final ObjectMapper YAML = new ObjectMapper(yamlFactory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS) // quantities such as 0.1 stay exact
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);     // a repeated key is a mistake, not an override

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // SnakeYAML's 3 MB default is too small for large workload sets
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    private final Function<String, String> selectorCheck;

    public ManifestReader() {
        this(expression -> null);
    }

    /**
     * selectorCheck: the compile error of a CEL device selector, or null when it compiles (the devices
     * module compiles CEL); used for the Configuration's device quota sources, which Kueue compiles
     * when it loads the Configuration.
     */
    public ManifestReader(Function<String, String> selectorCheck) {
        this.selectorCheck = selectorCheck;
    }

    /** Reads the files in order; objects keep file and document order. */
    public Manifests read(List<Path> files) {
        Problems problems = new Problems();
        DocumentReader documents = new DocumentReader(problems, selectorCheck);
        for (Path file : files) {
            String text = readText(file, problems);
            if (text != null) {
                parse(file.toString(), text, documents, problems);
            }
        }
        return documents.result();
    }

    /** Reads one YAML text as if it were the file fileName (used by tests and by in-memory callers). */
    public Manifests read(String fileName, String yamlText) {
        Problems problems = new Problems();
        DocumentReader documents = new DocumentReader(problems, selectorCheck);
        parse(fileName, yamlText, documents, problems);
        return documents.result();
    }

    private static String readText(Path file, Problems problems) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(new InputError(file.toString(), 0, null, null, "cannot read: no such file"));
        } catch (AccessDeniedException e) {
            problems.add(new InputError(file.toString(), 0, null, null, "cannot read: permission denied"));
        } catch (CharacterCodingException e) {
            problems.add(new InputError(file.toString(), 0, null, null, "cannot read: not UTF-8 text"));
        } catch (IOException e) {
            String why = Files.isDirectory(file) ? "is a directory" : e.getClass().getSimpleName();
            problems.add(new InputError(file.toString(), 0, null, null, "cannot read: " + why));
        }
        return null;
    }

    /** Streams the documents of one file; a syntax error ends that file (the rest cannot be trusted). */
    private static void parse(String file, String text, DocumentReader documents, Problems problems) {
        int document = 0;
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
            while (true) {
                JsonNode root;
                int next = document + 1; // an error while looking for the next document belongs to it
                try {
                    if (parser.nextToken() == null) {
                        return;
                    }
                    document = next;
                    root = YamlTree.read(YAML, parser);
                } catch (IOException | RuntimeException e) {
                    problems.add(syntaxError(file, next, e));
                    return;
                }
                if (!isEmpty(root)) {
                    documents.read(file, document, root);
                }
            }
        } catch (IOException e) {
            problems.add(syntaxError(file, Math.max(document, 1), e));
        }
    }

    /** An empty document (nothing, or only comments) comes out of the parser as null or an empty scalar. */
    private static boolean isEmpty(JsonNode root) {
        return root == null || root.isNull() || root.isMissingNode() || (root.isTextual() && root.textValue().isEmpty());
    }

    /** A syntax error as file, document, line and column and a short description, never a parser dump. */
    static InputError syntaxError(String file, int document, Exception e) {
        String what = "invalid YAML";
        int line = 0;
        int column = 0;
        MarkedYAMLException marked = markedCause(e);
        if (marked != null && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            what = marked.getProblem();
            if (marked.getContext() != null) {
                what += " (" + marked.getContext() + ")";
            }
        } else if (e instanceof JsonProcessingException jpe) {
            JsonLocation loc = jpe.getLocation();
            if (loc != null) {
                line = loc.getLineNr();
                column = loc.getColumnNr();
            }
            String original = jpe.getOriginalMessage();
            if (jpe instanceof YamlTree.Unreadable) {
                what = original;
            } else if (original != null && original.startsWith("Duplicate field '")) {
                what = "duplicate key \"" + original.substring(17, original.indexOf('\'', 17)) + "\"";
            }
        }
        String where = line > 0 ? "syntax error at line " + line + ", column " + column : "syntax error";
        return new InputError(file, document, null, null, where + ": " + what);
    }

    private static MarkedYAMLException markedCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                return m;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
