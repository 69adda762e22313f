package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One informer notification: an object of a watched kind was added or updated (deleted false), or deleted. */
public record Change(HasMetadata object, boolean deleted) {
}
