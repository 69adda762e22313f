package io.berth.api.io;

import io.berth.api.core.PodResourceClaim;
import io.berth.api.core.PodResources;
import io.berth.api.core.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a pod template's spec into what admission needs: its resources blocks, the effective
 * requests of one pod worked out from them ({@link PodResources#requests}), the scheduling
 * constraints and the DRA claims.
 */
final class PodTemplateReader {
    private PodTemplateReader() {
    }

    static PodTemplate read(YamlNode spec) {
        YamlNode podOwn = spec.get("resources");
        PodResources resources = new PodResources(blocks(spec.get("initContainers")), blocks(spec.get("containers")),
                podOwn.present() ? block(podOwn, false) : null, spec.get("overhead").quantityMap(),
                spec.get("runtimeClassName").text());
        YamlNode required = spec.get("affinity").get("nodeAffinity")
                .get("requiredDuringSchedulingIgnoredDuringExecution").get("nodeSelectorTerms");
        return new PodTemplate(resources.requests(), spec.get("nodeSelector").stringMap(),
                SchedulingReader.nodeSelectorTerms(required), SchedulingReader.tolerations(spec.get("tolerations"), false),
                resourceClaims(spec.get("resourceClaims")), resources.requestsAboveLimits(), resources);
    }

    private static List<PodResources.Block> blocks(YamlNode containers) {
        List<PodResources.Block> out = new ArrayList<>();
        for (YamlNode c : containers.items()) {
            out.add(block(c.get("resources"), "Always".equals(c.get("restartPolicy").text())));
        }
        return out;
    }

    private static PodResources.Block block(YamlNode resources, boolean sidecar) {
        return new PodResources.Block(amounts(resources.get("requests")), amounts(resources.get("limits")), sidecar);
    }

    /** Requests or limits; "pods" is not a resource a pod may name (Kueue keeps the key for itself). */
    private static Map<String, Long> amounts(YamlNode list) {
        YamlNode pods = list.isMapping() ? list.entries().get("pods") : null;
        if (pods != null) {
            pods.error("the key \"pods\" is reserved for Kueue's own use (a count of pods), not a resource a container may name");
        }
        return list.quantityMap();
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
}
