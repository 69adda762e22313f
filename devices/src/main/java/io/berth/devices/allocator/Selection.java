package io.berth.devices.allocator;

import io.berth.api.core.Toleration;
import io.berth.api.resource.CelSelector;
import io.berth.api.resource.DeviceTaint;
import io.berth.devices.cel.DeviceSelectors;
import io.berth.devices.cel.SelectorException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a device is selectable for a slot: the class's selectors, then the request's, each evaluated
 * once per (slot, device) and remembered, errors included. Also the taint check.
 */
final class Selection {
    private static final byte UNKNOWN = 0;
    private static final byte YES = 1;
    private static final byte NO = 2;
    private static final byte FAILED = 3;

    private final DeviceSelectors selectors;
    private final List<String> claimNames;
    private final Map<Integer, byte[]> results = new HashMap<>();
    private final Map<Long, String> errors = new HashMap<>();
    private final int devices;


    Selection(DeviceSelectors selectors, List<String> claimNames, int devices) {
        this.selectors = selectors;
        this.claimNames = claimNames;
        this.devices = devices;
    }

    boolean selectable(Slot slot, Candidate c) throws AllocationError {
        byte[] row = results.computeIfAbsent(slot.key, k -> new byte[devices]);
        switch (row[c.order]) {
            case YES:
                return true;
            case NO:
                return false;
            case FAILED:
                throw new AllocationError(errors.get(((long) slot.key << 32) | c.order));
            default:
                break;
        }
        try {
            boolean ok = matches(slot.deviceClass.selectors(), "class " + slot.deviceClass.metadata().name(), c)
                    && matches(slot.spec.selectors(), "claim " + claimNames.get(slot.claim), c);
            row[c.order] = ok ? YES : NO;
            return ok;
        } catch (AllocationError e) {
            row[c.order] = FAILED;
            errors.put(((long) slot.key << 32) | c.order, e.getMessage());
            throw e;
        }
    }

    private boolean matches(List<CelSelector> list, String owner, Candidate c) throws AllocationError {
        for (int i = 0; i < list.size(); i++) {
            String expression = list.get(i).expression();
            Object result = c.selectorResult(expression);
            if (result == null) {
                try {
                    result = selectors.compile(expression).matches(c.celInput());
                } catch (SelectorException e) {
                    result = e;
                }
                c.rememberSelector(expression, result);
            }
            if (result instanceof SelectorException e) {
                throw new AllocationError(owner + ": selector #" + i + ": " + e.getMessage());
            }
            if (!(Boolean) result) {
                return false;
            }
        }
        return true;
    }

    /** Every taint with effect NoSchedule or NoExecute must be tolerated; other effects do not block. */
    static boolean tolerated(Slot slot, Candidate c) {
        for (DeviceTaint t : c.device.taints()) {
            if (!"NoSchedule".equals(t.effect()) && !"NoExecute".equals(t.effect())) {
                continue;
            }
            boolean ok = false;
            for (Toleration tol : slot.spec.tolerations()) {
                if (tol.tolerates(t.asTaint())) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
