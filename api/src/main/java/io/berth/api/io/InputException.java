package io.berth.api.io;

import java.util.List;

/** Thrown when input cannot be used; carries every problem found, not just the first. */
public final class InputException extends RuntimeException {
    private final List<InputError> errors;

    public InputException(List<InputError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).toString());
        this.errors = List.copyOf(errors);
    }

    public List<InputError> errors() {
        return errors;
    }
}
