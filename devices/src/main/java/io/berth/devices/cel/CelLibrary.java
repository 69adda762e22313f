package io.berth.devices.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Kubernetes' CEL quantity and semver libraries: declarations for the checker, bindings for the runtime. */
final class CelLibrary {
    static final CelType QUANTITY = OpaqueType.create("kubernetes.Quantity");
    static final CelType SEMVER = OpaqueType.create("kubernetes.Semver");

    private final List<CelFunctionDecl> declarations = new ArrayList<>();
    private final List<CelFunctionBinding> bindings = new ArrayList<>();

    CelLibrary() {
        global("quantity", "quantity_string", QUANTITY, SimpleType.STRING);
        bindings.add(CelFunctionBinding.from("quantity_string", String.class, s -> call(() -> QuantityValue.parse(s))));
        global("isQuantity", "is_quantity_string", SimpleType.BOOL, SimpleType.STRING);
        bindings.add(CelFunctionBinding.from("is_quantity_string", String.class, CelLibrary::isQuantity));
        compare("quantity", QUANTITY, QuantityValue.class);
        member("add", "quantity_add_quantity", QUANTITY, QUANTITY, QUANTITY);
        binary("quantity_add_quantity", QuantityValue.class, QuantityValue.class, QuantityValue::add);
        member("add", "quantity_add_int", QUANTITY, QUANTITY, SimpleType.INT);
        binary("quantity_add_int", QuantityValue.class, Long.class, (q, i) -> q.add(QuantityValue.of(i)));
        member("sub", "quantity_sub_quantity", QUANTITY, QUANTITY, QUANTITY);
        binary("quantity_sub_quantity", QuantityValue.class, QuantityValue.class, QuantityValue::sub);
        member("sub", "quantity_sub_int", QUANTITY, QUANTITY, SimpleType.INT);
        binary("quantity_sub_int", QuantityValue.class, Long.class, (q, i) -> q.sub(QuantityValue.of(i)));
        unaryMember("sign", "quantity_sign", SimpleType.INT, QUANTITY, QuantityValue.class, QuantityValue::sign);
        unaryMember("isInteger", "quantity_is_integer", SimpleType.BOOL, QUANTITY, QuantityValue.class,
                QuantityValue::isInteger);
        unaryMember("asInteger", "quantity_as_integer", SimpleType.INT, QUANTITY, QuantityValue.class,
                QuantityValue::asInteger);
        unaryMember("asApproximateFloat", "quantity_as_float", SimpleType.DOUBLE, QUANTITY, QuantityValue.class,
                QuantityValue::asApproximateFloat);

        global("semver", "semver_string", SEMVER, SimpleType.STRING);
        bindings.add(CelFunctionBinding.from("semver_string", String.class, s -> call(() -> SemverValue.parse(s))));
        global("isSemver", "is_semver_string", SimpleType.BOOL, SimpleType.STRING);
        bindings.add(CelFunctionBinding.from("is_semver_string", String.class, SemverValue::isValid));
        compare("semver", SEMVER, SemverValue.class);
        unaryMember("major", "semver_major", SimpleType.INT, SEMVER, SemverValue.class, SemverValue::major);
        unaryMember("minor", "semver_minor", SimpleType.INT, SEMVER, SemverValue.class, SemverValue::minor);
        unaryMember("patch", "semver_patch", SimpleType.INT, SEMVER, SemverValue.class, SemverValue::patch);
    }

    List<CelFunctionDecl> declarations() {
        return declarations;
    }

    List<CelFunctionBinding> bindings() {
        return bindings;
    }

    private static boolean isQuantity(String s) {
        try {
            QuantityValue.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private <T extends Comparable<T>> void compare(String prefix, CelType type, Class<T> cls) {
        member("compareTo", prefix + "_compare_to", SimpleType.INT, type, type);
        binary(prefix + "_compare_to", cls, cls, (a, b) -> (long) Integer.signum(a.compareTo(b)));
        member("isGreaterThan", prefix + "_is_greater_than", SimpleType.BOOL, type, type);
        binary(prefix + "_is_greater_than", cls, cls, (a, b) -> a.compareTo(b) > 0);
        member("isLessThan", prefix + "_is_less_than", SimpleType.BOOL, type, type);
        binary(prefix + "_is_less_than", cls, cls, (a, b) -> a.compareTo(b) < 0);
    }

    private void global(String name, String id, CelType result, CelType... args) {
        declarations.add(CelFunctionDecl.newFunctionDeclaration(name,
                CelOverloadDecl.newGlobalOverload(id, result, args)));
    }

    private void member(String name, String id, CelType result, CelType... args) {
        declarations.add(CelFunctionDecl.newFunctionDeclaration(name,
                CelOverloadDecl.newMemberOverload(id, result, args)));
    }

    private <T> void unaryMember(String name, String id, CelType result, CelType receiver, Class<T> cls,
                                 Function<T, Object> f) {
        member(name, id, result, receiver);
        bindings.add(CelFunctionBinding.from(id, cls, v -> call(() -> f.apply(v))));
    }

    private <A, B> void binary(String id, Class<A> a, Class<B> b, BiFunction<A, B, Object> f) {
        bindings.add(CelFunctionBinding.from(id, a, b, (x, y) -> call(() -> f.apply(x, y))));
    }

    private interface Body {
        Object get();
    }

    /** Runs a function body, turning its exceptions (bad input, overflow) into CEL runtime errors. */
    private static Object call(Body body) throws CelEvaluationException {
        try {
            return body.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw CelEvaluationExceptionBuilder.newBuilder("%s", e.getMessage()).build();
        }
    }
}
