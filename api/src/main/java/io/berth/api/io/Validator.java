package io.berth.api.io;

import io.berth.api.KubeObject;
import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.Cohort;
import io.berth.api.kueue.ResourceFlavor;
import io.berth.api.kueue.Workload;

/**
 * Checks what Kueue's webhooks and CRD schemas would reject, so bad input fails before a run instead
 * of being silently misread: quota shapes, fungibility and preemption combinations, pod sets,
 * admission gates, flavors' labels, taints and tolerations, and duplicate objects. Things Kueue accepts and reports as pending (a missing
 * flavor, LocalQueue, ClusterQueue or priority class, a cohort cycle) are not errors here.
 *
 * <p>Field paths are relative to the object (the object reference, file and document locate it).
 */
public final class Validator {

    /** @throws InputException listing every problem found */
    public void validate(Manifests manifests) {
        Problems problems = new Problems();
        for (int i = 0; i < manifests.objects().size(); i++) {
            KubeObject object = focus(manifests, i, problems);
            if (object instanceof ClusterQueue cq) {
                QuotaRules.clusterQueue(cq, problems);
            } else if (object instanceof Cohort cohort) {
                QuotaRules.cohort(cohort, problems);
            } else if (object instanceof Workload workload) {
                WorkloadRules.workload(workload, problems);
            } else if (object instanceof ResourceFlavor flavor) {
                FlavorRules.resourceFlavor(flavor, problems);
            }
        }
        ReferenceRules.check(manifests, problems);
        problems.throwIfAny();
    }

    /** Points the problem sink at object i: its file, document and reference. */
    static KubeObject focus(Manifests manifests, int i, Problems problems) {
        KubeObject object = manifests.objects().get(i);
        Source source = i < manifests.sources().size() ? manifests.sources().get(i) : null;
        problems.at(source == null ? null : source.file(), source == null ? 0 : source.document());
        problems.object(object.metadata() == null || object.metadata().name() == null ? "document" : object.ref());
        return object;
    }
}
