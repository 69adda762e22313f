package io.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** The -o/--output formats of the what-if commands; picocli rejects any other value (exit code 2). */
enum OutputFormat {
    yaml, json;

    ObjectMapper mapper() {
        if (this == json) {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        }
        return new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .build());
    }
}
