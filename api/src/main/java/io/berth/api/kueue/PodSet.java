package io.berth.api.kueue;

import io.berth.api.core.PodTemplate;

/** A group of identical pods; minCount null unless partial admission is allowed. */
public record PodSet(String name, int count, Integer minCount, PodTemplate template) {
}
