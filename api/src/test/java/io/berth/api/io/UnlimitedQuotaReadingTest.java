package io.berth.api.io;

import static io.berth.api.io.Yaml.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.kueue.ClusterQueue;
import io.berth.api.kueue.ResourceQuota;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kueue's Unlimited quota: from 2^63-1 units, or for cpu from 2^63-1 milli-cpus rounded down to whole cpus. */
class UnlimitedQuotaReadingTest {
    private static List<ResourceQuota> quotas(String resources) {
        ClusterQueue cq = (ClusterQueue) read("""
                apiVersion: kueue.x-k8s.io/v1beta2
                kind: ClusterQueue
                metadata: {name: cq}
                spec:
                  resourceGroups:
                  - coveredResources: [cpu, memory, example.com/gpu]
                    flavors:
                    - name: default
                      resources:
                """ + resources).objects().get(0);
        return cq.resourceGroups().get(0).flavors().get(0).resources();
    }

    @Test
    void quotaFromTheLargestInt64IsUnlimited() {
        List<ResourceQuota> q = quotas("""
                      - {name: cpu, nominalQuota: "9223372036854775"}
                      - {name: memory, nominalQuota: 8Ei, lendingLimit: "9223372036854775807"}
                      - {name: example.com/gpu, nominalQuota: "1e20", borrowingLimit: "9223372036854775808"}
                """);
        assertThat(q).extracting(ResourceQuota::nominalQuota).containsOnly(ResourceQuota.UNLIMITED);
        assertThat(q.get(1).lendingLimit()).isEqualTo(ResourceQuota.UNLIMITED);
        assertThat(q.get(2).borrowingLimit()).isEqualTo(ResourceQuota.UNLIMITED);
    }

    @Test
    void quotaJustBelowIsBoundedEvenPastALongOfMilliUnits() {
        List<ResourceQuota> q = quotas("""
                      - {name: cpu, nominalQuota: "9223372036854774"}
                      - {name: memory, nominalQuota: "9223372036854775806"}
                      - {name: example.com/gpu, nominalQuota: "9223372036854775"}
                """);
        assertThat(q.get(0).nominalQuota()).isEqualTo(9_223_372_036_854_774_000L);
        assertThat(q.get(1).nominalQuota()).isEqualTo(ResourceQuota.BEYOND_MILLI_RANGE);
        assertThat(q.get(2).nominalQuota()).isEqualTo(9_223_372_036_854_775_000L);
    }
}
