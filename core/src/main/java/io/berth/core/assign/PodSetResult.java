package io.berth.core.assign;

import io.berth.core.quota.QuotaNode;
import io.berth.core.workload.PodSetAdmission;
import java.util.List;
import java.util.function.Supplier;

/**
 * Flavor assignment of one pod set: per requested resource (aligned arrays) the flavor chosen
 * (null if none) and its flavor-resource id (-1 if none), its mode, and the index of the last
 * flavor tried (-1 when the search reached the last flavor or recorded nothing); the reasons why
 * better options failed, worded only when a message is asked for (most assignments are never
 * explained).
 */
public record PodSetResult(String name, int count, int[] resources, long[] amounts, String[] flavors,
                           int[] frIds, Mode[] modes, int[] tried, List<Supplier<String>> reasons) {

    /** The worst mode among the resources; FIT when nothing needed more than unused quota. */
    public Mode mode() {
        if (reasons.isEmpty()) {
            return Mode.FIT;
        }
        Mode worst = null;
        for (int i = 0; i < resources.length; i++) {
            if (flavors[i] == null) {
                continue;
            }
            if (worst == null || modes[i].compareTo(worst) < 0) {
                worst = modes[i];
            }
        }
        return worst == null ? Mode.NO_FIT : worst;
    }

    /** The flavor chosen for a resource, or null. */
    String flavorOf(int resource) {
        for (int i = 0; i < resources.length; i++) {
            if (resources[i] == resource) {
                return flavors[i];
            }
        }
        return null;
    }

    /**
     * Whether some amount is clamped, which Kueue writes as 2^63-1, and 2^63-1 is no multiple of the
     * count: Kueue's webhook refuses such an admission.
     */
    boolean clampedOffCount() {
        if (count > 1 && Long.MAX_VALUE % count != 0) {
            for (long amount : amounts) {
                if (amount == QuotaNode.UNLIMITED) {
                    return true;
                }
            }
        }
        return false;
    }

    public PodSetAdmission toAdmission() {
        return new PodSetAdmission(name, resources, flavors, count, amounts);
    }

    /** "couldn't assign flavors to pod set main: reason, reason" (reasons sorted, as Kueue). */
    String message() {
        return "couldn't assign flavors to pod set " + name + ": "
                + String.join(", ", reasons.stream().map(Supplier::get).sorted().toList());
    }
}
