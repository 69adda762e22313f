package io.berth.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Optimistic writes: every update carries the resourceVersion it was computed from; on 409
 * Conflict the object is read again from the API server and the change recomputed. A change that
 * is already there is not written at all, which keeps the loop from feeding on its own echoes.
 */
public final class ConflictRetry {
    /** Enough for a busy object; a persistent conflict is a bug worth surfacing. */
    static final int ATTEMPTS = 8;

    private ConflictRetry() {
    }

    /** What to write: the changed copy, or null when nothing needs to change. */
    public interface Change<T> {
        T apply(T current);
    }

    /**
     * Applies change to the first of cached (may be stale) then fresh copies and writes it.
     *
     * @return the object as written, the current object when no write was needed, or null when it is gone
     */
    public static <T extends HasMetadata> T update(Supplier<T> cached, Supplier<T> fresh, Change<T> change,
                                                   UnaryOperator<T> write) {
        T current = cached.get();
        for (int attempt = 1; ; attempt++) {
            if (current == null) {
                return null;
            }
            T changed = change.apply(current);
            if (changed == null) {
                return current;
            }
            try {
                return write.apply(changed);
            } catch (KubernetesClientException e) {
                if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                    return null;
                }
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
                current = fresh.get();
            }
        }
    }
}
