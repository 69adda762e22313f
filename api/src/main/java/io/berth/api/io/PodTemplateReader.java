package io.berth.api.io;

import io.berth.api.Quantity;
import io.berth.api.core.PodResourceClaim;
import io.berth.api.core.PodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a pod template's spec into what admission needs: the effective requests of one pod,
 * computed like Kubernetes' resource helper (and so like Kueue): containers are summed, restartable
 * init containers (sidecars) run alongside them, each other init container runs alone next to the
 * sidecars started before it, the pod needs the larger of the two; pod-level cpu and memory
 * requests replace that sum; plus the pod overhead.
 */
final class PodTemplateReader {
    /** The resources a pod may request as a whole (Kubernetes' pod-level resources). */
    private static final Set<String> POD_LEVEL = Set.of("cpu", "memory");

    private PodTemplateReader() {
    }

    static PodTemplate read(YamlNode spec) {
        Map<String, Long> requests = new LinkedHashMap<>();
        // Listed in Kueue's order of validation: init containers, containers, the pod's own resources.
        List<PodTemplate.RequestsAboveLimits> aboveLimits = new ArrayList<>();
        List<PodTemplate.RequestsAboveLimits> containersAboveLimits = new ArrayList<>();
        List<YamlNode> containers = spec.get("containers").items();
        for (int i = 0; i < containers.size(); i++) {
            addInto(requests, requests(containers.get(i).get("resources"), "containers[" + i + "]", containersAboveLimits));
        }
        Map<String, Long> sidecars = new LinkedHashMap<>();
        Map<String, Long> initPeak = new LinkedHashMap<>();
        List<YamlNode> initContainers = spec.get("initContainers").items();
        for (int i = 0; i < initContainers.size(); i++) {
            YamlNode c = initContainers.get(i);
            Map<String, Long> own = requests(c.get("resources"), "initContainers[" + i + "]", aboveLimits);
            Map<String, Long> whileRunning = new LinkedHashMap<>(sidecars);
            if ("Always".equals(c.get("restartPolicy").text())) {
                addInto(requests, own);
                addInto(sidecars, own);
                whileRunning = new LinkedHashMap<>(sidecars);
            } else {
                addInto(whileRunning, own);
            }
            maxInto(initPeak, whileRunning);
        }
        maxInto(requests, initPeak);
        aboveLimits.addAll(containersAboveLimits);
        // Pod-level resources (cpu and memory) replace what the containers add up to.
        requests(spec.get("resources"), "resources", aboveLimits).forEach((resource, amount) -> {
            if (POD_LEVEL.contains(resource)) {
                requests.put(resource, amount);
            }
        });
        addInto(requests, spec.get("overhead").quantityMap());
        YamlNode required = spec.get("affinity").get("nodeAffinity")
                .get("requiredDuringSchedulingIgnoredDuringExecution").get("nodeSelectorTerms");
        return new PodTemplate(requests, spec.get("nodeSelector").stringMap(),
                SchedulingReader.nodeSelectorTerms(required), SchedulingReader.tolerations(spec.get("tolerations")),
                resourceClaims(spec.get("resourceClaims")), aboveLimits);
    }

    /** spec.resourceClaims: a name and exactly one of resourceClaimName, resourceClaimTemplateName. */
    private static List<PodResourceClaim> resourceClaims(YamlNode claims) {
        List<PodResourceClaim> out = new ArrayList<>();
        for (YamlNode c : claims.items()) {
            String name = c.get("name").requiredText("the claim's name, which containers refer to");
            String claim = c.get("resourceClaimName").text();
            String template = c.get("resourceClaimTemplateName").text();
            if ((claim == null) == (template == null)) {
                c.error("expected exactly one of resourceClaimName and resourceClaimTemplateName");
            }
            out.add(new PodResourceClaim(name, claim, template));
        }
        return out;
    }

    /**
     * The requests of a resources block (a container's or the pod's own), noting the resources whose
     * request exceeds its limit; a limit stands in for a missing request, as Kubernetes defaults it.
     */
    private static Map<String, Long> requests(YamlNode resources, String path,
                                              List<PodTemplate.RequestsAboveLimits> aboveLimits) {
        Map<String, Long> requests = resources.get("requests").quantityMap();
        Map<String, Long> limits = resources.get("limits").quantityMap();
        List<String> above = requests.keySet().stream()
                .filter(r -> limits.containsKey(r) && requests.get(r) > limits.get(r)).sorted().toList();
        if (!above.isEmpty()) {
            aboveLimits.add(new PodTemplate.RequestsAboveLimits(path, above));
        }
        limits.forEach(requests::putIfAbsent);
        return requests;
    }

    private static void addInto(Map<String, Long> total, Map<String, Long> more) {
        more.forEach((k, v) -> total.merge(k, v, Quantity::add));
    }

    private static void maxInto(Map<String, Long> total, Map<String, Long> other) {
        other.forEach((k, v) -> total.merge(k, v, Math::max));
    }
}
