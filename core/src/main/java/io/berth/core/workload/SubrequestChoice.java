package io.berth.core.workload;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which {@code firstAvailable} subrequest each request of a workload takes in one charging
 * alternative. Alternatives come in order: the first takes every request's first subrequest; then
 * the last request's choice moves fastest, as in counting (so the earlier a request, the longer its
 * preferred subrequest is kept).
 */
final class SubrequestChoice {
    private final int[] picks;
    private final List<Integer> sizes;
    private int next;
    private final Map<String, Map<String, String>> chosen = new TreeMap<>();

    private SubrequestChoice(int[] picks, List<Integer> sizes) {
        this.picks = picks;
        this.sizes = sizes;
    }

    /** The first alternative, for requests with these numbers of subrequests (in workload order). */
    static SubrequestChoice first(List<Integer> sizes) {
        return new SubrequestChoice(new int[sizes.size()], List.copyOf(sizes));
    }

    /** The index of the subrequest that the next request takes, recorded as chosen. */
    int pick(String podSet, String request, List<String> subrequests) {
        int index = picks[next++];
        chosen.computeIfAbsent(podSet, k -> new TreeMap<>()).put(request, subrequests.get(index));
        return index;
    }

    /** Per pod set, claim/request to the chosen subrequest. */
    Map<String, Map<String, String>> chosen() {
        return chosen;
    }

    /** How many alternatives there are (saturating at Long.MAX_VALUE). */
    long count() {
        long n = 1;
        for (int s : sizes) {
            n = n > Long.MAX_VALUE / s ? Long.MAX_VALUE : n * s;
        }
        return n;
    }

    /** The alternative after this one, or null after the last. */
    SubrequestChoice following() {
        int[] p = picks.clone();
        for (int i = p.length - 1; i >= 0; i--) {
            if (++p[i] < sizes.get(i)) {
                return new SubrequestChoice(p, sizes);
            }
            p[i] = 0;
        }
        return null;
    }
}
