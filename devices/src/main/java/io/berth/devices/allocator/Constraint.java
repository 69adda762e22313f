package io.berth.devices.allocator;

import io.berth.api.resource.DeviceAttribute;
import io.berth.api.resource.DeviceConstraint;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A claim constraint tracked while devices are added and removed during the search. Constraints are
 * monotonic: once a device cannot be added, adding more devices never helps.
 */
abstract class Constraint {
    private final Set<String> requests;
    final String attribute;

    Constraint(DeviceConstraint spec, String attribute) {
        this.requests = Set.copyOf(spec.requests());
        this.attribute = attribute;
    }

    static Constraint of(DeviceConstraint spec) {
        return spec.matchAttribute() != null ? new Match(spec) : new Distinct(spec);
    }

    /** Whether the constraint covers a device for request (and subrequest, or null). */
    boolean applies(String request, String subRequest) {
        return requests.isEmpty() || requests.contains(request)
                || (subRequest != null && requests.contains(request + "/" + subRequest));
    }

    /** Adds the device if it keeps the constraint; false (and no change) otherwise. */
    abstract boolean add(Candidate c);

    /** Undoes one successful {@link #add} of the same device. */
    abstract void remove(Candidate c);

    /** All devices share the attribute's value (and must have it). */
    static final class Match extends Constraint {
        private Object value;
        private int count;

        Match(DeviceConstraint spec) {
            super(spec, spec.matchAttribute());
        }

        @Override
        boolean add(Candidate c) {
            DeviceAttribute a = c.attribute(attribute);
            if (a == null) {
                return false;
            }
            if (count == 0) {
                value = a.value();
            } else if (!value.equals(a.value())) {
                return false;
            }
            count++;
            return true;
        }

        @Override
        void remove(Candidate c) {
            count--;
        }
    }

    /** All devices have the attribute, each with a different value. */
    static final class Distinct extends Constraint {
        private final Map<Object, Integer> values = new HashMap<>();

        Distinct(DeviceConstraint spec) {
            super(spec, spec.distinctAttribute());
        }

        @Override
        boolean add(Candidate c) {
            DeviceAttribute a = c.attribute(attribute);
            if (a == null || values.containsKey(a.value())) {
                return false;
            }
            values.put(a.value(), 1);
            return true;
        }

        @Override
        void remove(Candidate c) {
            DeviceAttribute a = c.attribute(attribute);
            if (a != null) {
                values.remove(a.value());
            }
        }
    }
}
