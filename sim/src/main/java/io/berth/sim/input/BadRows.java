package io.berth.sim.input;

import io.berth.api.io.InputError;
import io.berth.api.io.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the problems of bad rows and applies the {@link BadRowPolicy} at the end of a file. */
final class BadRows {
    private final BadRowPolicy policy;
    private final List<InputError> problems = new ArrayList<>();
    private int skipped;

    BadRows(BadRowPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Records a row that cannot be used, with all its problems. */
    void skip(List<InputError> rowProblems) {
        problems.addAll(rowProblems);
        skipped++;
    }

    /** The result; under REJECT, throws listing every bad row instead when there was one. */
    <T> ReadResult<T> result(List<T> items) {
        if (policy == BadRowPolicy.REJECT && skipped > 0) {
            throw new InputException(problems);
        }
        return new ReadResult<>(items, problems, skipped);
    }
}
