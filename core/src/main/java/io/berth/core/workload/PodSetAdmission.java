package io.berth.core.workload;

/**
 * One pod set's admission: flavor name per requested resource (aligned with its resources), count,
 * and the quota charged per resource (aligned too; null when only the requests say it).
 */
public record PodSetAdmission(String name, int[] resources, String[] flavors, int count, long[] amounts) {
    public PodSetAdmission(String name, int[] resources, String[] flavors, int count) {
        this(name, resources, flavors, count, null);
    }

    /** The quota charged for the resource, or -1 when not recorded. */
    public long amountOf(int resource) {
        if (amounts != null) {
            for (int i = 0; i < resources.length; i++) {
                if (resources[i] == resource) {
                    return amounts[i];
                }
            }
        }
        return -1;
    }

    public String flavorOf(int resource) {
        for (int i = 0; i < resources.length; i++) {
            if (resources[i] == resource) {
                return flavors[i];
            }
        }
        return null;
    }
}
