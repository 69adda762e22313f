package io.berth.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Test helpers: read YAML text, and get the errors of input that must fail. */
final class Yaml {
    private Yaml() {
    }

    static Manifests read(String yaml) {
        return new ManifestReader().read("test.yaml", yaml);
    }

    static Manifests readValid(String yaml) {
        Manifests m = read(yaml);
        new Validator().validate(m);
        return m;
    }

    /** The errors ManifestReader reports for this text (fails if it reads cleanly). */
    static List<InputError> readErrors(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> read(yaml));
        assertThat(e).as("expected InputException").isNotNull();
        return e.errors();
    }

    /** The single error ManifestReader reports for this text. */
    static InputError readError(String yaml) {
        List<InputError> errors = readErrors(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    /** The errors Validator reports for text that reads cleanly. */
    static List<InputError> validationErrors(String yaml) {
        Manifests m = read(yaml);
        InputException e = catchThrowableOfType(InputException.class, () -> new Validator().validate(m));
        assertThat(e).as("expected InputException from Validator").isNotNull();
        return e.errors();
    }

    static InputError validationError(String yaml) {
        List<InputError> errors = validationErrors(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
