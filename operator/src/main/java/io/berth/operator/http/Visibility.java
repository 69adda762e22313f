package io.berth.operator.http;

import io.berth.operator.status.QueueSnapshot;
import io.berth.operator.status.QueueSnapshot.PendingEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kueue's visibility API (visibility.kueue.x-k8s.io/v1beta2): the pending workloads of a
 * ClusterQueue or of a LocalQueue, in queue order, with their positions in both, paged by limit
 * (default 1000) and offset.
 */
public final class Visibility {
    public static final String PREFIX = "/apis/visibility.kueue.x-k8s.io/v1beta2/";
    private static final Pattern CLUSTER_QUEUE = Pattern.compile("clusterqueues/([^/]+)/pendingworkloads/?");
    private static final Pattern LOCAL_QUEUE = Pattern.compile("namespaces/([^/]+)/localqueues/([^/]+)/pendingworkloads/?");
    private static final int DEFAULT_LIMIT = 1000;

    /** Thrown for a bad limit or offset: answered with 400 and this message. */
    public static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private Visibility() {
    }

    /** The PendingWorkloadsSummary for a path under PREFIX, or null when no such queue (404). */
    public static Map<String, Object> pendingWorkloads(QueueSnapshot snapshot, String path, Map<String, String> query) {
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : path;
        List<PendingEntry> entries;
        Matcher cq = CLUSTER_QUEUE.matcher(rest);
        Matcher lq = LOCAL_QUEUE.matcher(rest);
        if (cq.matches()) {
            var view = snapshot.clusterQueues().get(cq.group(1));
            if (view == null) {
                return null;
            }
            entries = view.pending();
        } else if (lq.matches()) {
            var view = snapshot.localQueues().get(lq.group(1) + "/" + lq.group(2));
            if (view == null) {
                return null;
            }
            entries = view.pending();
        } else {
            return null;
        }
        int limit = number(query, "limit", DEFAULT_LIMIT);
        int offset = number(query, "offset", 0);
        List<Object> items = new ArrayList<>();
        for (int i = offset; i < entries.size() && items.size() < limit; i++) {
            PendingEntry e = entries.get(i);
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("name", e.name());
            meta.put("namespace", e.namespace());
            meta.put("creationTimestamp", e.creationTimestamp() == null ? null : e.creationTimestamp().toString());
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("metadata", meta);
            item.put("priority", e.priority());
            item.put("localQueueName", e.localQueue());
            item.put("positionInClusterQueue", e.positionInClusterQueue());
            item.put("positionInLocalQueue", e.positionInLocalQueue());
            items.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "PendingWorkloadsSummary");
        out.put("apiVersion", "visibility.kueue.x-k8s.io/v1beta2");
        out.put("metadata", Map.of());
        out.put("items", items);
        return out;
    }

    private static int number(Map<String, String> query, String name, int orElse) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return orElse;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequest(name + ": invalid value \"" + v + "\": expected a non-negative integer");
    }
}
