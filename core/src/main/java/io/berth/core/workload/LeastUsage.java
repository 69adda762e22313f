package io.berth.core.workload;

import java.util.Arrays;

/**
 * Per flavor-resource, the least amount any workload of a set uses (0 where one of them uses none
 * of it), kept as workloads come and go. Removing a workload forgets the least amount only when
 * the last workload using exactly that much goes; it is then worked out again from the set, once,
 * when next asked.
 */
final class LeastUsage {
    private long[] least = new long[0];
    /** Per flavor-resource, how many workloads use exactly the least amount. */
    private int[] atLeast = new int[0];
    /** Per flavor-resource, how many workloads use some of it. */
    private int[] users = new int[0];
    private int count;
    private boolean stale;

    void added(Usage u) {
        count++;
        for (int i = 0; i < u.size(); i++) {
            int fr = u.fr(i);
            long amount = u.amount(i);
            grow(fr);
            users[fr]++;
            if (users[fr] == 1 || amount < least[fr]) {
                least[fr] = amount;
                atLeast[fr] = 1;
            } else if (amount == least[fr]) {
                atLeast[fr]++;
            }
        }
    }

    void removed(Usage u) {
        count--;
        for (int i = 0; i < u.size(); i++) {
            int fr = u.fr(i);
            users[fr]--;
            if (u.amount(i) == least[fr] && --atLeast[fr] == 0 && users[fr] > 0) {
                stale = true;
            }
        }
    }

    /** Whether every workload of the set (which must be the one this was kept for) uses at least the given usage. */
    boolean everyUses(Usage usage, Iterable<WorkloadInfo> set) {
        if (!refreshed(set)) {
            return false;
        }
        for (int i = 0; i < usage.size(); i++) {
            int fr = usage.fr(i);
            long leastOfFr = fr < users.length && users[fr] == count ? least[fr] : 0;
            if (leastOfFr < usage.amount(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * What every workload of the set (the one this was kept for) uses at least, per flavor-resource
     * all of them use; null when the set is empty.
     */
    Usage least(Iterable<WorkloadInfo> set) {
        if (!refreshed(set)) {
            return null;
        }
        Usage.Builder b = new Usage.Builder();
        for (int fr = 0; fr < users.length; fr++) {
            if (users[fr] == count && least[fr] > 0) {
                b.add(fr, least[fr]);
            }
        }
        return b.build();
    }

    /** Works the least amounts out again if a removal made them stale; false when the set is empty. */
    private boolean refreshed(Iterable<WorkloadInfo> set) {
        if (count == 0) {
            return false;
        }
        if (stale) {
            rebuild(set);
        }
        return true;
    }

    private void rebuild(Iterable<WorkloadInfo> set) {
        Arrays.fill(users, 0);
        count = 0;
        stale = false;
        for (WorkloadInfo w : set) {
            added(w.admission().usage());
        }
    }

    private void grow(int fr) {
        if (fr >= users.length) {
            int n = Math.max(fr + 1, users.length * 2);
            least = Arrays.copyOf(least, n);
            atLeast = Arrays.copyOf(atLeast, n);
            users = Arrays.copyOf(users, n);
        }
    }
}
