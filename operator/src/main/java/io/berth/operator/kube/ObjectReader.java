package io.berth.operator.kube;

import io.berth.api.KubeObject;
import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import io.berth.api.io.ManifestReader;
import io.berth.api.io.Manifests;
import io.berth.api.io.Validator;
import io.berth.api.kueue.LocalQueue;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Turns objects from the API server into Berth's api records with the same reader and checks
 * that `berth schedule` uses on files, so a bad object gets the same located message. Cluster
 * bookkeeping fields (managedFields, resourceVersion...) are ignored by the reader.
 */
public final class ObjectReader {
    private final KubernetesSerialization serialization;
    private final ManifestReader reader = new ManifestReader();
    private final Validator validator = new Validator();

    public ObjectReader(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /**
     * The api record for a kueue.x-k8s.io object or a Namespace.
     *
     * @throws InputException naming the object and field when it cannot be used
     */
    public KubeObject read(HasMetadata object) {
        try {
            return readLocated(object);
        } catch (InputException e) {
            // The object reference locates it in the cluster; a file name and document number would not.
            throw new InputException(e.errors().stream()
                    .map(err -> new InputError(null, 0, err.object(), err.field(), err.message())).toList());
        }
    }

    private KubeObject readLocated(HasMetadata object) {
        String ref = object.getKind() + "/" + (object.getMetadata().getNamespace() == null ? ""
                : object.getMetadata().getNamespace() + "/") + object.getMetadata().getName();
        Manifests manifests = reader.read(ref, serialization.asJson(object));
        if (manifests.objects().size() != 1) {
            throw new IllegalArgumentException(ref + ": expected one object, read " + manifests.objects().size());
        }
        KubeObject read = manifests.objects().get(0);
        // A LocalQueue is checked against its ClusterQueue only when scheduling (a pending reason, as in Kueue).
        if (!(read instanceof LocalQueue)) {
            validator.validate(new Manifests(List.of(read), manifests.sources(), null, null, null));
        }
        return read;
    }
}
