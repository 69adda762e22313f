package io.berth.core.quota;

/**
 * A compiled resource group: covered resource ids, flavors in order (ids and names), and
 * frIds[flavorIndex][resourceIndex] for the quota arrays.
 */
public record ResourceGroupSpec(int[] resources, int[] flavors, String[] flavorNames, int[][] frIds) {
    public boolean covers(int resource) {
        for (int r : resources) {
            if (r == resource) {
                return true;
            }
        }
        return false;
    }
}
