package io.berth.api;

import io.berth.api.core.ObjectMeta;

/** Any Kubernetes object Berth reads. */
public interface KubeObject {
    String kind();

    ObjectMeta metadata();

    /** "Kind/name" or "Kind/namespace/name", as used in error messages. */
    default String ref() {
        return kind() + "/" + metadata().key();
    }
}
