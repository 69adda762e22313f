package io.berth.core.workload;

import static io.berth.core.Kueue.cpuGroup;
import static io.berth.core.Kueue.cq;
import static io.berth.core.Kueue.flavor;
import static io.berth.core.Kueue.flavorQuotas;
import static io.berth.core.Kueue.localQueue;
import static io.berth.core.Kueue.quota;
import static io.berth.core.Kueue.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.berth.api.KubeObject;
import io.berth.api.config.Configuration;
import io.berth.core.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link AdmittedWorkloads.QueueWorkloads#everyUses}, kept as workloads come and go, against asking every workload. */
class LeastUsageTest {

    @Test
    void everyUsesAgreesWithAskingEachWorkloadAsWorkloadsComeAndGo() {
        Random random = new Random(20261201);
        List<KubeObject> objects = new ArrayList<>(List.of(flavor("default"),
                cq("q").groups(cpuGroup(flavorQuotas("default", quota("cpu", 1000)))).build(),
                localQueue("ns", "q", "q")));
        for (int i = 0; i < 12; i++) {
            // CPU only, or CPU and memory: a workload that uses no memory makes memory's least amount 0.
            Object[] requests = random.nextBoolean() ? new Object[] {"cpu", 1 + random.nextInt(4)}
                    : new Object[] {"cpu", 1 + random.nextInt(4), "memory", 1 + random.nextInt(3)};
            objects.add(workload("ns", "w" + i).queue("q").pods(1, requests).admittedIn("q", "default").build());
        }
        Engine engine = new Engine(Configuration.DEFAULT);
        engine.applyAll(objects);
        List<WorkloadInfo> all = engine.workloads().stream().filter(WorkloadInfo::isAdmitted).toList();
        List<Usage> asked = all.stream().map(w -> w.admission().usage()).distinct().toList();
        AdmittedWorkloads admitted = new AdmittedWorkloads();
        List<WorkloadInfo> in = new ArrayList<>();
        int agreedTrue = 0;
        for (int step = 0; step < 3000; step++) {
            WorkloadInfo w = all.get(random.nextInt(all.size()));
            if (in.remove(w)) {
                admitted.remove(w);
            } else {
                in.add(w);
                admitted.add(w);
            }
            Usage usage = asked.get(random.nextInt(asked.size()));
            boolean expected = !in.isEmpty() && in.stream().allMatch(x -> x.admission().usage().covers(usage));
            assertThat(admitted.queue("q").everyUses(usage)).as("step %d, %d workloads", step, in.size()).isEqualTo(expected);
            agreedTrue += expected ? 1 : 0;
        }
        assertThat(agreedTrue).as("the answer is sometimes yes").isGreaterThan(20);
    }
}
