package io.berth.devices.quota;

/** A device request that cannot be charged; the message is Kueue's field error ("path: Type: detail"). */
public final class ChargeError extends Exception {
    public ChargeError(String message) {
        super(message, null, false, false);
    }

    static ChargeError internal(String path, String detail) {
        return new ChargeError(path + ": Internal error: " + detail);
    }

    static ChargeError invalid(String path, String quotedValue, String detail) {
        return new ChargeError(path + ": Invalid value: " + quotedValue + ": " + detail);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
