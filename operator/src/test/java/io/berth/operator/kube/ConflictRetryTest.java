package io.berth.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictRetryTest {
    private static ConfigMap at(String resourceVersion) {
        return new ConfigMapBuilder().withNewMetadata().withName("m").withResourceVersion(resourceVersion).endMetadata()
                .build();
    }

    private static KubernetesClientException status(int code) {
        return new KubernetesClientException("status " + code, code, null);
    }

    @Test
    void conflictIsRetriedFromAFreshRead() {
        List<String> writtenFrom = new ArrayList<>();
        int[] fresh = {1};
        ConfigMap result = ConflictRetry.update(() -> at("1"), () -> at(String.valueOf(++fresh[0])),
                current -> at(current.getMetadata().getResourceVersion()),
                changed -> {
                    writtenFrom.add(changed.getMetadata().getResourceVersion());
                    if (writtenFrom.size() < 3) {
                        throw status(409);
                    }
                    return at("10");
                });
        assertThat(writtenFrom).containsExactly("1", "2", "3");
        assertThat(result.getMetadata().getResourceVersion()).isEqualTo("10");
    }

    @Test
    void noChangeMeansNoWrite() {
        ConfigMap current = at("5");
        ConfigMap result = ConflictRetry.update(() -> current, () -> at("6"), c -> null, c -> {
            throw new AssertionError("nothing to write");
        });
        assertThat(result).isSameAs(current);
    }

    @Test
    void goneObjectIsNull() {
        assertThat(ConflictRetry.update(() -> null, () -> at("1"), c -> c, c -> c)).isNull();
        assertThat(ConflictRetry.<ConfigMap>update(() -> at("1"), () -> at("2"), c -> c, c -> {
            throw status(404);
        })).isNull();
    }

    @Test
    void persistentConflictAndOtherErrorsSurface() {
        int[] writes = {0};
        assertThatThrownBy(() -> ConflictRetry.<ConfigMap>update(() -> at("1"), () -> at("1"), c -> c, c -> {
            writes[0]++;
            throw status(409);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(writes[0]).isEqualTo(ConflictRetry.ATTEMPTS);
        assertThatThrownBy(() -> ConflictRetry.<ConfigMap>update(() -> at("1"), () -> at("1"), c -> c, c -> {
            throw status(500);
        })).hasMessage("status 500");
    }
}
