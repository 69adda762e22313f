package io.berth.core.assign;

import io.berth.api.kueue.ResourceFlavor;
import io.berth.core.quota.ClusterQueueNode;
import io.berth.core.quota.FlavorResources;
import io.berth.core.quota.ResourceGroupSpec;
import io.berth.core.workload.PodSetRequests;
import io.berth.core.workload.Usage;
import io.berth.core.workload.WorkloadInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The flavor search for one pod set at a given count: resource group by resource group, flavors
 * in order, stopping or going on as flavorFungibility says.
 */
final class PodSetSearch {
    private final FlavorResources frs;
    private final Map<String, ResourceFlavor> flavorSpecs;
    private final QuotaChecker checker;
    private final ClusterQueueNode cq;
    private final WorkloadInfo wl;
    private final PodSetRequests ps;
    private final Usage.Builder assignedBefore;
    private final int count;
    private final int[] resources;
    private final long[] amounts;
    /** Per searched resource, its index in the pod set's requests (-1 for a counted "pods"). */
    private final int[] requestIndex;
    private final String[] flavors;
    /** Per searched resource, the flavor-resource id of the flavor chosen (-1 while none is). */
    private final int[] frIds;
    private final Mode[] modes;
    private final int[] tried;
    private final int psIndex;
    /** The assignment whose flavors alone may be used (Kueue's nomination mapping), or null. */
    private final Assignment pinned;
    private final boolean ignoreUndeclared;
    /** Why better options failed; the lists given here are not changed afterwards, so they are kept as they are. */
    private List<Supplier<String>> reasons = List.of();
    private boolean failed;
    private String noFitReason;
    private int borrowing;

    PodSetSearch(FlavorResources frs, Map<String, ResourceFlavor> flavorSpecs, QuotaChecker checker,
                 ClusterQueueNode cq, WorkloadInfo wl, int psIndex, int count, Usage.Builder assignedBefore,
                 Assignment pinned, boolean ignoreUndeclared) {
        this.ignoreUndeclared = ignoreUndeclared;
        this.pinned = pinned;
        this.frs = frs;
        this.flavorSpecs = flavorSpecs;
        this.checker = checker;
        this.cq = cq;
        this.wl = wl;
        this.ps = wl.podSets().get(psIndex);
        this.psIndex = psIndex;
        this.count = count;
        this.assignedBefore = assignedBefore;
        int pods = frs.resources().find("pods");
        boolean countPods = pods >= 0 && cq.groupOf(pods) != null && indexOf(ps.resources(), pods) < 0;
        int n = ps.resources().length + (countPods ? 1 : 0);
        resources = new int[n];
        amounts = new long[n];
        requestIndex = new int[n];
        Arrays.fill(requestIndex, -1);
        // Requests come in resource name order; "pods" (counted when the queue covers it) joins in place.
        int at = 0;
        for (int r = 0; r < ps.resources().length; r++) {
            if (countPods && at == r && frs.resources().name(ps.resources()[r]).compareTo("pods") > 0) {
                resources[at] = pods;
                amounts[at++] = frs.units().ofUnits("pods", count);
            }
            resources[at] = ps.resources()[r];
            requestIndex[at] = r;
            amounts[at++] = ps.total(r, count);
        }
        if (at < n) {
            resources[at] = pods;
            amounts[at] = frs.units().ofUnits("pods", count);
        }
        flavors = new String[n];
        frIds = new int[n];
        Arrays.fill(frIds, -1);
        modes = new Mode[n];
        tried = new int[n];
        Arrays.fill(tried, -1);
        run();
    }

    boolean failed() {
        return failed;
    }

    String noFitReason() {
        return noFitReason;
    }

    int borrowing() {
        return borrowing;
    }

    PodSetResult result() {
        return new PodSetResult(ps.name(), count, resources, amounts, flavors, frIds, modes, tried,
                Collections.unmodifiableList(reasons));
    }

    /** Adds this pod set's usage to the workload's. */
    void addUsageTo(Usage.Builder usage) {
        for (int r = 0; r < resources.length; r++) {
            if (flavors[r] != null) {
                usage.add(frIds[r], amounts[r]);
            }
        }
    }

    private void run() {
        for (int r = 0; r < resources.length; r++) {
            if (flavors[r] != null) {
                continue;
            }
            ResourceGroupSpec group = cq.groupOf(resources[r]);
            if (group == null) {
                if (amounts[r] == 0 || ignoreUndeclared) {
                    continue;
                }
                String resource = frs.resources().name(resources[r]);
                fail(List.of(() -> "resource " + resource + " unavailable in ClusterQueue"),
                        QuotaFit.NO_MATCHING_FLAVOR);
                return;
            }
            if (!searchGroup(group, resources[r])) {
                return;
            }
        }
    }

    private void fail(List<Supplier<String>> why, String reason) {
        failed = true;
        reasons = why;
        noFitReason = reason;
        Arrays.fill(flavors, null);
        Arrays.fill(frIds, -1);
        Arrays.fill(tried, -1);
    }

    /** Tries the flavors of one resource group; false when none can be used. */
    private boolean searchGroup(ResourceGroupSpec group, int firstResource) {
        var fungibility = cq.fungibility();
        List<Supplier<String>> groupReasons = new ArrayList<>();
        String leastSevere = null;
        String[] best = null;
        int[] bestFrs = null;
        Mode[] bestModes = null;
        long[] bestAmounts = null;
        int bestBorrow = 0;
        GranularMode bestMode = GranularMode.WORST;
        ScanProgress progress = wl.scanProgress();
        int f = progress == null ? 0 : progress.nextFlavor(psIndex, firstResource);
        int attempted = -1;
        for (; f < group.flavors().length; f++) {
            attempted = f;
            String name = group.flavorNames()[f];
            if (pinned != null && !name.equals(pinnedFlavor(firstResource))) {
                groupReasons.add(() -> "skipping flavor " + name + " as it is not found in the nomination mapping for resource "
                        + frs.resources().name(firstResource));
                continue;
            }
            String mismatch = FlavorMatcher.mismatch(name, flavorSpecs.get(name), ps.template());
            if (mismatch == null && dependsOnFlavor(group)) {
                mismatch = ps.flavorDependent().mismatch(name);
            }
            if (mismatch != null) {
                String why = mismatch;
                groupReasons.add(() -> why);
                leastSevere = lessSevere(leastSevere, QuotaFit.NO_MATCHING_FLAVOR);
                continue;
            }
            GranularMode representative = GranularMode.BEST;
            String flavorNoFit = null;
            String[] assigned = new String[resources.length];
            int[] assignedFrs = new int[resources.length];
            Mode[] assignedModes = new Mode[resources.length];
            long[] assignedAmounts = new long[resources.length];
            int maxBorrow = 0;
            for (int r = 0; r < resources.length; r++) {
                int idx = indexOf(group.resources(), resources[r]);
                if (idx < 0) {
                    continue;
                }
                int fr = group.frIds()[f][idx];
                assignedAmounts[r] = amountIn(r, name);
                QuotaFit fit = checker.check(cq, wl, fr, assignedBefore.get(fr), assignedAmounts[r]);
                if (fit.message() != null) {
                    groupReasons.add(fit.message());
                }
                if (fit.noFitReason() != null) {
                    flavorNoFit = fit.noFitReason();
                }
                maxBorrow = Math.max(maxBorrow, fit.borrow());
                GranularMode mode = new GranularMode(fit.outcome(), fit.borrow());
                if (representative.isPreferredOver(mode, fungibility)) {
                    representative = mode;
                }
                if (representative.outcome() == GranularMode.Outcome.NO_FIT) {
                    continue;
                }
                assigned[r] = name;
                assignedFrs[r] = fr;
                assignedModes[r] = fit.outcome().mode();
            }
            if (representative.outcome() == GranularMode.Outcome.NO_FIT) {
                leastSevere = lessSevere(leastSevere, flavorNoFit == null ? QuotaFit.WAITING_FOR_QUOTA : flavorNoFit);
            }
            boolean stop = !representative.shouldTryNextFlavor(fungibility);
            if (stop || representative.isPreferredOver(bestMode, fungibility)) {
                best = assigned;
                bestFrs = assignedFrs;
                bestModes = assignedModes;
                bestAmounts = assignedAmounts;
                bestBorrow = maxBorrow;
                bestMode = representative;
            }
            if (stop) {
                break;
            }
        }
        if (best == null) {
            fail(groupReasons, leastSevere == null ? QuotaFit.NO_MATCHING_FLAVOR : leastSevere);
            return false;
        }
        for (int r = 0; r < resources.length; r++) {
            if (best[r] != null) {
                flavors[r] = best[r];
                frIds[r] = bestFrs[r];
                modes[r] = bestModes[r];
                amounts[r] = bestAmounts[r];
                tried[r] = attempted == group.flavors().length - 1 ? -1 : attempted;
            }
        }
        borrowing = Math.max(borrowing, bestBorrow);
        if (bestMode.outcome() != GranularMode.Outcome.FIT) {
            if (reasons.isEmpty()) {
                reasons = groupReasons;
            } else {
                List<Supplier<String>> all = new ArrayList<>(reasons);
                all.addAll(groupReasons);
                reasons = all;
            }
        }
        return true;
    }

    /** The flavor the pinned assignment gave this pod set's resource, or null. */
    private String pinnedFlavor(int resource) {
        PodSetResult pin = pinned.podSet(ps.name());
        return pin == null ? null : pin.flavorOf(resource);
    }

    /** Whether some resource of the group is charged by the flavor tried (devices counted on its nodes). */
    private boolean dependsOnFlavor(ResourceGroupSpec group) {
        if (ps.flavorDependent() == null) {
            return false;
        }
        for (int r : group.resources()) {
            if (ps.flavorDependent().charges(r)) {
                return true;
            }
        }
        return false;
    }

    /** The amount of searched resource r in the flavor: fixed, unless the flavor decides it. */
    private long amountIn(int r, String flavor) {
        if (ps.flavorDependent() == null || requestIndex[r] < 0) {
            return amounts[r];
        }
        return PodSetRequests.total(ps.perPodIn(requestIndex[r], flavor), count);
    }

    private static String lessSevere(String a, String b) {
        if (a == null) {
            return b;
        }
        return QuotaFit.severity(b) < QuotaFit.severity(a) ? b : a;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
