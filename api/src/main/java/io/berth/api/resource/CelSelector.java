package io.berth.api.resource;

/** A device selector: one CEL expression over {@code device}. */
public record CelSelector(String expression) {
}
