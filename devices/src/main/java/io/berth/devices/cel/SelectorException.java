package io.berth.devices.cel;

/** A CEL selector that does not compile, or whose evaluation failed (runtime error, step limit). */
public final class SelectorException extends Exception {
    public SelectorException(String message) {
        super(message);
    }
}
