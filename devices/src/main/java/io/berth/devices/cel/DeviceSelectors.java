package io.berth.devices.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.StructType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles DRA device selectors ({@code device.driver}, {@code device.attributes[domain][id]},
 * {@code device.capacity[domain][id]}, {@code device.allowMultipleAllocations}) with Kubernetes'
 * quantity and semver functions, cel.bind, and the string and list extensions. Each expression is
 * compiled once and cached; results that cannot be a bool are rejected when compiling; every
 * evaluation is bounded by a step limit. Thread-safe.
 */
public final class DeviceSelectors {
    /** Kubernetes' cost limit for one device selector expression, used here as a step limit. */
    public static final long DEFAULT_STEP_LIMIT = 1_000_000;

    private static final Map<String, CelType> DEVICE_FIELDS = Map.of(
            "driver", SimpleType.STRING,
            "attributes", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN)),
            "capacity", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, CelLibrary.QUANTITY)),
            "allowMultipleAllocations", SimpleType.BOOL);
    private static final StructType DEVICE = StructType.create("kubernetes.Device",
            ImmutableSet.copyOf(DEVICE_FIELDS.keySet()), name -> Optional.ofNullable(DEVICE_FIELDS.get(name)));

    private final Cel cel;
    private final long stepLimit;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    public DeviceSelectors() {
        this(DEFAULT_STEP_LIMIT);
    }

    public DeviceSelectors(long stepLimit) {
        this.stepLimit = stepLimit;
        CelLibrary library = new CelLibrary();
        CelOptions options = CelOptions.current().comprehensionMaxIterations((int) Math.min(stepLimit, Integer.MAX_VALUE))
                .build();
        this.cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setTypeProvider(new DeviceTypes())
                .addVar("device", DEVICE)
                .addFunctionDeclarations(library.declarations())
                .addFunctionBindings(library.bindings())
                .addCompilerLibraries(CelExtensions.bindings(), CelExtensions.strings(), CelExtensions.lists())
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists())
                .build();
    }

    /** The compiled selector for an expression; a compile error is thrown (and cached) as SelectorException. */
    public CompiledSelector compile(String expression) throws SelectorException {
        Compiled c = cache.computeIfAbsent(expression, this::doCompile);
        if (c.error != null) {
            throw new SelectorException(c.error);
        }
        return c.selector;
    }

    /** The compile error of an expression, or null when it compiles (for checks at read time). */
    public String compileError(String expression) {
        try {
            compile(expression);
            return null;
        } catch (SelectorException e) {
            return e.getMessage();
        }
    }

    private Compiled doCompile(String expression) {
        try {
            CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
            var type = ast.getResultType();
            if (type != SimpleType.BOOL && type != SimpleType.DYN) {
                return new Compiled(null, "CEL compile error: must evaluate to bool, but evaluates to " + type.name());
            }
            boolean loops = CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .anyMatch(n -> n.getKind() == CelExpr.ExprKind.Kind.COMPREHENSION);
            return new Compiled(new CompiledSelector(expression, cel.createProgram(ast), stepLimit, loops), null);
        } catch (CelValidationException e) {
            return new Compiled(null, "CEL compile error: " + oneLine(e.getMessage()));
        } catch (CelEvaluationException e) {
            return new Compiled(null, "CEL compile error: " + oneLine(e.getMessage()));
        }
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.replaceFirst("^ERROR: <input>:", "").replaceAll("\\s*\\n\\s*\\|.*", "").strip()
                .replaceAll("\\s*\\n\\s*", "; ");
    }

    /** Makes the checker find the device type's fields (the runtime sees the device as a map). */
    private static final class DeviceTypes implements CelTypeProvider {
        @Override
        public ImmutableCollection<CelType> types() {
            return ImmutableList.of(DEVICE);
        }

        @Override
        public Optional<CelType> findType(String typeName) {
            return DEVICE.name().equals(typeName) ? Optional.of(DEVICE) : Optional.empty();
        }
    }

    private record Compiled(CompiledSelector selector, String error) {
    }
}
