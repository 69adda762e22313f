package io.berth.devices.allocator;

import java.math.BigDecimal;
import java.util.Map;

/** One device chosen for a slot during the search; consumed is the capacity taken on a shared device (or empty). */
record Pick(Slot slot, Candidate device, Map<String, BigDecimal> consumed, boolean shared) {
}
