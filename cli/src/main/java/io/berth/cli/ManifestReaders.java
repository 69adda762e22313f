package io.berth.cli;

import io.berth.api.io.ManifestReader;
import io.berth.devices.cel.DeviceSelectors;

/** The manifest reader of the commands: CEL selectors of the Configuration compiled while reading, as Kueue does. */
final class ManifestReaders {
    private ManifestReaders() {
    }

    static ManifestReader checkingSelectors() {
        return new ManifestReader(new DeviceSelectors()::compileError);
    }
}
