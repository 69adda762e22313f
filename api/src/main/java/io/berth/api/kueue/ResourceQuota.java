package io.berth.api.kueue;

/** Quota of one resource in one flavor, in milli-units; null limits mean "no limit". */
public record ResourceQuota(String name, long nominalQuota, Long borrowingLimit, Long lendingLimit) {
}
