package io.berth.api.io;

/** Where an object was read from: file and 1-based YAML document number. */
public record Source(String file, int document) {
}
