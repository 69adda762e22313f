package io.berth.operator.status;

import io.berth.api.kueue.Admission;
import io.berth.api.kueue.PodSetAssignment;
import io.berth.core.quota.FlavorResources;
import io.berth.core.workload.PodSetAdmission;
import io.berth.core.workload.PodSetRequests;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's admission of a workload in the api's shape (what status.admission holds). */
public final class AdmissionRecords {
    private AdmissionRecords() {
    }

    public static Admission toApi(WorkloadInfo w, FlavorResources frs) {
        List<PodSetAssignment> assignments = new ArrayList<>();
        for (PodSetAdmission psa : w.admission().podSets()) {
            PodSetRequests requests = w.podSets().stream().filter(p -> p.name().equals(psa.name())).findFirst()
                    .orElse(null);
            Map<String, String> flavors = new LinkedHashMap<>();
            Map<String, Long> usage = new LinkedHashMap<>();
            for (int i = 0; i < psa.resources().length; i++) {
                String resource = frs.resources().name(psa.resources()[i]);
                if (psa.flavors()[i] != null) {
                    flavors.put(resource, psa.flavors()[i]);
                }
            }
            if (requests != null) {
                for (int i = 0; i < requests.resources().length; i++) {
                    String resource = frs.resources().name(requests.resources()[i]);
                    long charged = psa.amountOf(requests.resources()[i]);
                    usage.put(resource, frs.units().toMillis(resource,
                            charged >= 0 ? charged : requests.total(i, psa.count())));
                }
            }
            assignments.add(new PodSetAssignment(psa.name(), flavors, usage, psa.count()));
        }
        return new Admission(w.admission().clusterQueue(), assignments);
    }
}
