package io.berth.api.io;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects input errors while reading or validating, stamping each with the current file, document
 * and object so that the code finding a problem only has to name the field.
 */
public final class Problems {
    // A set: the same problem found twice (e.g. one wrong-typed parent seen by several lookups) is reported once.
    private final Set<InputError> errors = new LinkedHashSet<>();
    private String file;
    private int document;
    private String object;

    public void at(String file, int document) {
        this.file = file;
        this.document = document;
        this.object = null;
    }

    public void object(String object) {
        this.object = object;
    }

    String object() {
        return object;
    }

    String file() {
        return file;
    }

    int document() {
        return document;
    }

    public void add(String field, String message) {
        errors.add(new InputError(file, document, object, field == null || field.isEmpty() ? null : field, message));
    }

    void add(InputError error) {
        errors.add(error);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    public int size() {
        return errors.size();
    }

    public List<InputError> all() {
        return new ArrayList<>(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InputException(all());
        }
    }
}
