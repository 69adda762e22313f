package io.berth.api.resource;

/** One device attribute: exactly one of int, bool, string or version (semver 2.0.0) is set. */
public record DeviceAttribute(Long intValue, Boolean boolValue, String stringValue, String versionValue) {
    public static DeviceAttribute ofInt(long v) {
        return new DeviceAttribute(v, null, null, null);
    }

    public static DeviceAttribute ofBool(boolean v) {
        return new DeviceAttribute(null, v, null, null);
    }

    public static DeviceAttribute ofString(String v) {
        return new DeviceAttribute(null, null, v, null);
    }

    public static DeviceAttribute ofVersion(String v) {
        return new DeviceAttribute(null, null, null, v);
    }

    /** The set value, for comparisons between devices (matchAttribute, distinctAttribute). */
    public Object value() {
        if (intValue != null) {
            return intValue;
        }
        if (boolValue != null) {
            return boolValue;
        }
        if (stringValue != null) {
            return stringValue;
        }
        return versionValue == null ? null : new VersionText(versionValue);
    }

    /** A version attribute's text, kept apart from string attributes with the same text. */
    public record VersionText(String text) {
    }
}
