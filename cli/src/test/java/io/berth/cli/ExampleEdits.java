package io.berth.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An example manifest, and edited copies of it written to a directory, for tests of changed input. */
record ExampleEdits(String example, Path dir) {
    String text() throws IOException {
        return Files.readString(Path.of(example));
    }

    /** Writes the text as the named file in the directory; returns its path as a CLI argument. */
    String write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text).toString();
    }
}
