package io.berth.api.io;

import io.berth.api.config.Configuration;
import io.berth.api.config.FairSharingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the Kueue Configuration fields that change admission (a scenario's config: or a
 * config.kueue.x-k8s.io Configuration document). Other Configuration fields are ignored.
 */
final class ConfigReader {
    private static final Map<String, String> STRATEGIES =
            SchedulingReader.names("LessThanOrEqualToFinalShare", "LessThanInitialShare");

    private ConfigReader() {
    }

    static Configuration read(YamlNode config) {
        YamlNode fs = config.get("fairSharing");
        if (!fs.present()) {
            return Configuration.DEFAULT;
        }
        List<String> strategies = new ArrayList<>();
        for (YamlNode s : fs.get("preemptionStrategies").items()) {
            String value = s.oneOf(STRATEGIES, null);
            if (value != null) {
                strategies.add(value);
            }
        }
        return new Configuration(new FairSharingConfig(fs.get("enable").bool(false), strategies));
    }
}
