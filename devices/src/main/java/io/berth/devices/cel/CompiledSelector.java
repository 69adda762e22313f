package io.berth.devices.cel;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationListener;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/** One compiled selector expression; {@link #matches} evaluates it for a device within the step limit. */
public final class CompiledSelector {
    private final String expression;
    private final CelRuntime.Program program;
    private final long stepLimit;
    private final boolean loops;

    CompiledSelector(String expression, CelRuntime.Program program, long stepLimit, boolean loops) {
        this.expression = expression;
        this.program = program;
        this.stepLimit = stepLimit;
        this.loops = loops;
    }

    public String expression() {
        return expression;
    }

    /** Whether the device satisfies the expression; a runtime error or the step limit throws SelectorException. */
    public boolean matches(DeviceInput device) throws SelectorException {
        Map<String, Object> vars = device.activation();
        Object result;
        try {
            // Without comprehensions every sub-expression is evaluated at most once, so the cost is bounded by
            // the expression's size; with them, evaluation steps are counted against the limit.
            result = loops ? program.trace(vars, new StepCounter(stepLimit)) : program.eval(vars);
        } catch (CelEvaluationException e) {
            throw new SelectorException(runtimeError(e));
        } catch (StepLimitExceeded e) {
            throw new SelectorException(e.getMessage());
        } catch (RuntimeException e) {
            StepLimitExceeded limit = findLimit(e);
            throw new SelectorException(limit != null ? limit.getMessage()
                    : "CEL runtime error: " + DeviceSelectors.oneLine(e.getMessage()));
        }
        if (!(result instanceof Boolean b)) {
            throw new SelectorException("CEL runtime error: expression must evaluate to bool, got "
                    + (result == null ? "null" : result.getClass().getSimpleName() + " " + result));
        }
        return b;
    }

    private static String runtimeError(CelEvaluationException e) {
        StepLimitExceeded limit = findLimit(e);
        if (limit != null) {
            return limit.getMessage();
        }
        String m = DeviceSelectors.oneLine(e.getMessage());
        m = m.replaceFirst("^evaluation error(?: at <input>:\\d+)?: ", "");
        m = m.replaceAll("key '([^']*)' is not present in map\\.?", "no such key: $1");
        return "CEL runtime error: " + m;
    }

    private static StepLimitExceeded findLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StepLimitExceeded s) {
                return s;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Counts evaluated sub-expressions and stops the evaluation past the limit. */
    private static final class StepCounter implements CelEvaluationListener {
        private final long limit;
        private long steps;

        StepCounter(long limit) {
            this.limit = limit;
        }

        @Override
        public void callback(dev.cel.common.ast.CelExpr expr, Object evaluatedResult) {
            if (++steps > limit) {
                throw new StepLimitExceeded(limit);
            }
        }
    }

    static final class StepLimitExceeded extends RuntimeException {
        StepLimitExceeded(long limit) {
            super("CEL runtime error: operation cancelled: actual cost limit exceeded (more than " + limit
                    + " evaluation steps)");
        }
    }
}
