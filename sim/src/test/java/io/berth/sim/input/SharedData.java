package io.berth.sim.input;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared data next to the repository (../../shared from the sim module, else /work/shared); tests skip without it. */
public final class SharedData {
    private SharedData() {
    }

    public static Path dir(String sub) {
        Path relative = Paths.get("../../shared").resolve(sub);
        Path dir = Files.isDirectory(relative) ? relative : Paths.get("/work/shared").resolve(sub);
        assumeThat(Files.isDirectory(dir)).as("shared data not found at %s; skipping", dir.toAbsolutePath()).isTrue();
        return dir;
    }
}
