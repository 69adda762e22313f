package io.berth.core.quota;

/** A node's usage of a flavor-resource as some view of the quota tree sees it. */
@FunctionalInterface
public interface UsageView {
    long usage(QuotaNode node, int fr);
}
