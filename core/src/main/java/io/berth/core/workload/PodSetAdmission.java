package io.berth.core.workload;

/** One pod set's admission: flavor name per requested resource (aligned with its resources) and count. */
public record PodSetAdmission(String name, int[] resources, String[] flavors, int count) {
    public String flavorOf(int resource) {
        for (int i = 0; i < resources.length; i++) {
            if (resources[i] == resource) {
                return flavors[i];
            }
        }
        return null;
    }
}
