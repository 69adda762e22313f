package io.berth.api.io;

import io.berth.api.Quantity;
import io.berth.api.core.PodResourceClaim;
import io.berth.api.core.PodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a pod template's spec into what admission needs: the effective requests of one pod,
 * computed like Kubernetes' resource helper (and so like Kueue): containers are summed, restartable
 * init containers (sidecars) run alongside them, each other init container runs alone next to the
 * sidecars started before it, the pod needs the larger of the two, plus the pod overhead.
 */
final class PodTemplateReader {
    private PodTemplateReader() {
    }

    static PodTemplate read(YamlNode spec) {
        Map<String, Long> requests = new LinkedHashMap<>();
        // In Kueue's order of validation: init containers, containers, the pod's own resources.
        List<PodTemplate.RequestsAboveLimits> aboveLimits = new ArrayList<>();
        List<PodTemplate.RequestsAboveLimits> containersAboveLimits = new ArrayList<>();
        List<YamlNode> containers = spec.get("containers").items();
        for (int i = 0; i < containers.size(); i++) {
            addInto(requests, containerRequests(containers.get(i), "containers[" + i + "]", containersAboveLimits));
        }
        Map<String, Long> sidecars = new LinkedHashMap<>();
        Map<String, Long> initPeak = new LinkedHashMap<>();
        List<YamlNode> initContainers = spec.get("initContainers").items();
        for (int i = 0; i < initContainers.size(); i++) {
            YamlNode c = initContainers.get(i);
            Map<String, Long> own = containerRequests(c, "initContainers[" + i + "]", aboveLimits);
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
        addInto(requests, spec.get("overhead").quantityMap());
        aboveLimits.addAll(containersAboveLimits);
        checkLimits(spec.get("resources"), "resources", aboveLimits);
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

    /** A container's requests; a limit stands in for a missing request, as Kubernetes defaults it. */
    private static Map<String, Long> containerRequests(YamlNode container, String path,
                                                       List<PodTemplate.RequestsAboveLimits> aboveLimits) {
        YamlNode resources = container.get("resources");
        Map<String, Long> out = checkLimits(resources, path, aboveLimits);
        resources.get("limits").quantityMap().forEach(out::putIfAbsent);
        return out;
    }

    /** The requests of a resources block, noting the resources whose request exceeds its limit. */
    private static Map<String, Long> checkLimits(YamlNode resources, String path,
                                                 List<PodTemplate.RequestsAboveLimits> aboveLimits) {
        Map<String, Long> requests = resources.get("requests").quantityMap();
        Map<String, Long> limits = resources.get("limits").quantityMap();
        List<String> above = requests.keySet().stream()
                .filter(r -> limits.containsKey(r) && requests.get(r) > limits.get(r)).sorted().toList();
        if (!above.isEmpty()) {
            aboveLimits.add(new PodTemplate.RequestsAboveLimits(path, above));
        }
        return requests;
    }

    private static void addInto(Map<String, Long> total, Map<String, Long> more) {
        more.forEach((k, v) -> total.merge(k, v, Quantity::add));
    }

    private static void maxInto(Map<String, Long> total, Map<String, Long> other) {
        other.forEach((k, v) -> total.merge(k, v, Math::max));
    }
}
