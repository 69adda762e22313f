package io.berth.api.io;

import io.berth.api.Durations;
import io.berth.api.config.AdmissionFairSharingConfig;
import io.berth.api.config.BerthExtensions;
import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import io.berth.api.config.ResourceTransformation;
import io.berth.api.config.ResourcesConfig;
import io.berth.api.config.WaitForPodsReadyConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the Kueue Configuration fields that change admission (a scenario's config: or a
 * config.kueue.x-k8s.io Configuration document), and Berth's opt-in extensions under "berth".
 * Other Configuration fields are ignored.
 */
final class ConfigReader {
    private static final String LTE_FINAL = "LessThanOrEqualToFinalShare";
    private static final String LT_INITIAL = "LessThanInitialShare";
    private static final Map<String, String> STRATEGIES = SchedulingReader.names(LTE_FINAL, LT_INITIAL);
    private static final Map<String, String> TIMESTAMPS =
            SchedulingReader.names(WaitForPodsReadyConfig.EVICTION, WaitForPodsReadyConfig.CREATION);
    private static final String BLOCK_UNDECLARED = "BlockUndeclared";
    private static final String IGNORE_UNDECLARED = "IgnoreUndeclared";
    private static final Map<String, String> QUOTA_CHECK_STRATEGIES = SchedulingReader.names(BLOCK_UNDECLARED,
            IGNORE_UNDECLARED);
    private static final String RETAIN = "Retain";
    private static final String REPLACE = "Replace";
    private static final Map<String, String> TRANSFORMATION_STRATEGIES = SchedulingReader.names(RETAIN, REPLACE);
    private static final List<List<String>> STRATEGY_COMBINATIONS =
            List.of(List.of(LTE_FINAL), List.of(LT_INITIAL), List.of(LTE_FINAL, LT_INITIAL));

    private ConfigReader() {
    }

    /**
     * enabledWhenPresent: whether a fairSharing or waitForPodsReady block without "enable" turns the
     * feature on (v1beta2 and scenario files) or not (v1beta1, where enable defaults to false).
     * selectorCheck: the compile error of a CEL device selector, or null.
     */
    static Configuration read(YamlNode config, boolean enabledWhenPresent, Function<String, String> selectorCheck) {
        return new Configuration(fairSharing(config.get("fairSharing"), enabledWhenPresent),
                waitForPodsReady(config.get("waitForPodsReady"), enabledWhenPresent),
                admissionFairSharing(config.get("admissionFairSharing")),
                berth(config.get("berth")), DeviceClassMappingReader.read(config.get("resources").get("deviceClassMappings"), selectorCheck),
                resources(config.get("resources")));
    }

    private static ResourcesConfig resources(YamlNode r) {
        boolean ignoreUndeclared = IGNORE_UNDECLARED.equals(
                r.get("quotaCheckStrategy").oneOf(QUOTA_CHECK_STRATEGIES, BLOCK_UNDECLARED));
        List<String> prefixes = r.get("excludeResourcePrefixes").stringList();
        if (ignoreUndeclared && !prefixes.isEmpty()) {
            r.get("excludeResourcePrefixes").error("must be empty when quotaCheckStrategy is " + IGNORE_UNDECLARED);
        }
        return new ResourcesConfig(ignoreUndeclared, prefixes, transformations(r.get("transformations")));
    }

    /** Kueue's resources.transformations: each input once, strategy Retain (the default) or Replace. */
    private static List<ResourceTransformation> transformations(YamlNode list) {
        List<ResourceTransformation> out = new ArrayList<>();
        Set<String> inputs = new HashSet<>();
        for (YamlNode t : list.items()) {
            t.onlyKeys(List.of("input", "strategy", "multiplyBy", "outputs"));
            String input = t.get("input").requiredText("the resource to transform, such as nvidia.com/mig-1g.5gb");
            if (input != null && !inputs.add(input)) {
                t.get("input").error("duplicate input " + YamlNode.quote(input) + "; expected each resource transformed once");
            }
            boolean replace = REPLACE.equals(t.get("strategy").oneOf(TRANSFORMATION_STRATEGIES, RETAIN));
            Map<String, BigDecimal> outputs = new LinkedHashMap<>();
            t.get("outputs").entries().forEach((resource, quantity) -> {
                BigDecimal perUnit = quantity.exactQuantity();
                if (perUnit != null) {
                    outputs.put(resource, perUnit);
                }
            });
            out.add(new ResourceTransformation(input, replace, t.get("multiplyBy").text(), outputs));
        }
        return out;
    }

    private static FairSharingConfig fairSharing(YamlNode fs, boolean enabledWhenPresent) {
        if (!fs.present()) {
            return FairSharingConfig.DISABLED;
        }
        YamlNode list = fs.get("preemptionStrategies");
        List<String> strategies = new ArrayList<>();
        for (YamlNode s : list.items()) {
            String value = s.oneOf(STRATEGIES, null);
            if (value != null) {
                strategies.add(value);
            }
        }
        if (!strategies.isEmpty() && !STRATEGY_COMBINATIONS.contains(strategies)) {
            list.error("unsupported combination " + strategies + "; expected [" + LTE_FINAL + "], [" + LT_INITIAL
                    + "] or [" + LTE_FINAL + ", " + LT_INITIAL + "]");
        }
        return new FairSharingConfig(fs.get("enable").bool(enabledWhenPresent), strategies);
    }

    private static WaitForPodsReadyConfig waitForPodsReady(YamlNode w, boolean enabledWhenPresent) {
        WaitForPodsReadyConfig d = WaitForPodsReadyConfig.DISABLED;
        if (!w.present()) {
            return d;
        }
        YamlNode strategy = w.get("requeuingStrategy");
        Integer limit = strategy.get("backoffLimitCount").integer();
        if (limit != null && limit < 0) {
            strategy.get("backoffLimitCount").error("expected a non-negative integer, found " + limit);
        }
        return new WaitForPodsReadyConfig(w.get("enable").bool(enabledWhenPresent),
                duration(w.get("timeout"), d.timeoutMillis()),
                w.get("blockAdmission").bool(false),
                strategy.get("timestamp").oneOf(TIMESTAMPS, WaitForPodsReadyConfig.EVICTION),
                limit,
                positive(strategy.get("backoffBaseSeconds"), d.backoffBaseSeconds()),
                positive(strategy.get("backoffMaxSeconds"), d.backoffMaxSeconds()),
                w.get("recoveryTimeout").present() ? duration(w.get("recoveryTimeout"), 0) : null);
    }

    private static AdmissionFairSharingConfig admissionFairSharing(YamlNode a) {
        if (!a.present()) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        a.get("resourceWeights").entries().forEach((resource, node) -> {
            if (node.raw() != null && node.raw().isNumber() && node.raw().asDouble() >= 0) {
                weights.put(resource, node.raw().asDouble());
            } else {
                node.expected("a non-negative number");
            }
        });
        return new AdmissionFairSharingConfig(duration(a.get("usageHalfLifeTime"), 0),
                duration(a.get("usageSamplingInterval"), 300_000), weights);
    }

    private static BerthExtensions berth(YamlNode b) {
        if (!b.present()) {
            return BerthExtensions.NONE;
        }
        b.onlyKeys(List.of("admissionsPerClusterQueue", "deviceQuota", "milliUnitResources"));
        YamlNode devices = b.get("deviceQuota");
        devices.onlyKeys(List.of("firstAvailable", "allocationModeAll"));
        return new BerthExtensions(positive(b.get("admissionsPerClusterQueue"), 1),
                new BerthExtensions.DeviceQuotaOptions(devices.get("firstAvailable").bool(false),
                        devices.get("allocationModeAll").bool(false)),
                b.get("milliUnitResources").stringList());
    }

    private static long duration(YamlNode node, long orElse) {
        String s = node.text();
        if (s == null) {
            return orElse;
        }
        try {
            return Durations.parseMillis(s);
        } catch (IllegalArgumentException e) {
            node.error(e.getMessage());
            return orElse;
        }
    }

    private static int positive(YamlNode node, int orElse) {
        Integer i = node.integer();
        if (i != null && i < 1) {
            node.error("expected a positive integer, found " + i);
            return orElse;
        }
        return i == null ? orElse : i;
    }
}
