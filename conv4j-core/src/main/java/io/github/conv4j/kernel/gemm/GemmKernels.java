package io.github.conv4j.kernel.gemm;

import io.github.conv4j.kernel.simd.VectorUnits;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Chooses the micro-kernel. The vector kernels are loaded by name, and only when {@code jdk.incubator.vector} is in
 * the boot layer: a direct reference from here would make class loading or verification touch the Vector API and
 * fail on JVMs started without {@code --add-modules jdk.incubator.vector}.
 */
final class GemmKernels {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /**
     * Register blocks that have a vector kernel class ({@code VectorKernel<rows>x<vectors>}). The one-vector blocks are
     * mainly the narrow partners of the wider ones ({@link #narrowPartner}).
     */
    static final List<String> VECTOR_SHAPES = List.of("4x2", "6x2", "4x3", "6x1", "4x1");

    static final String SCALAR = "scalar";

    private GemmKernels() {}

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The kernel every {@link Sgemm} call uses, chosen once per JVM. */
    static MicroKernel selected() {
        return Selected.KERNEL;
    }

    /**
     * The kernel for a shape name ({@link #VECTOR_SHAPES} or {@link #SCALAR}).
     *
     * @throws IllegalArgumentException for an unknown name, or a vector shape while the module is absent
     */
    static MicroKernel create(String shape) {
        if (SCALAR.equals(shape)) {
            return new ScalarMicroKernel();
        }
        if (!VECTOR_SHAPES.contains(shape)) {
            throw new IllegalArgumentException(
                    "GEMM kernel '" + shape + "' is unknown; expected one of " + VECTOR_SHAPES + " or " + SCALAR);
        }
        if (!vectorModulePresent()) {
            throw new IllegalArgumentException("GEMM kernel '" + shape + "' needs the module " + VECTOR_MODULE
                    + " (run java with --add-modules=" + VECTOR_MODULE + ")");
        }
        return instantiate("VectorKernel" + shape, MicroKernel.class);
    }

    /**
     * The kernel the driver runs on a panel of C at most one vector wide instead of {@code wide}, which would compute
     * a whole vector (or two) of padding there: the one-vector kernel with the same rows, so the row blocking stays the
     * same. Null when {@code wide} is already one vector wide or is not a vector kernel. Both follow the
     * {@link MicroKernel} contract, so which one computes a column never changes its bits.
     */
    static MicroKernel narrowPartner(MicroKernel wide) {
        if (wide == Selected.KERNEL) {
            return Selected.NARROW;
        }
        if (wide == Selected.THREE_VECTORS) {
            return Selected.THREE_NARROW;
        }
        if (wide == Selected.TWO_VECTORS) {
            return Selected.TWO_NARROW;
        }
        return partnerOf(wide);
    }

    private static MicroKernel partnerOf(MicroKernel wide) {
        if (wide instanceof ScalarMicroKernel || !vectorModulePresent()) {
            return null;
        }
        MicroKernel narrow = create(wide.mr() + "x1");
        return narrow.nr() < wide.nr() ? narrow : null;
    }

    /**
     * The kernel for a product of {@code m} rows and {@code n} columns of C (the tail's excluded): the selected one,
     * except where a three-vector kernel with as many rows as fit the registers fits the shape better:
     *
     * <ul>
     *   <li>columns: where the selected kernel's last panel would be a single vector for the narrow partner and the
     *       three-vector kernel covers the columns exactly. The partner runs at two thirds of the wide kernel's rate (6
     *       broadcasts and a load per 6 multiply-adds), so 48 columns ran 20 % slower as 32 + 16 on 6 × 2 than as 48 on
     *       4 × 3 (the 512-channel 7×7 layer, 49 columns);
     *   <li>rows: fewer than {@link GemmTuning#ROW_FIT_MAX_ROWS} rows that the selected kernel's rows do not divide and
     *       the three-vector kernel's do, where the last row block's padding rows are a sizeable share of the work (a
     *       64-row product on 6 × 2 computes 66 rows, the last four through scratch): the 32 → 64 channel 1×1 layer on
     *       112×112 took 0.69 ms on 4 × 3 against 0.88 on 6 × 2, the 128-channel 28×28 layer 0.95 against 1.08; at 256
     *       rows they tie, at 512 6 × 2 is faster. Not where the three-vector kernel's columns cost more than the rows
     *       save ({@link #paddedWork}): the 64 × 64 products of the 64-channel Winograd weight gradient ran as 48 + 16
     *       columns, the last 16 on the narrow partner, and the 128 × 128 ones computed 144 columns.
     * </ul>
     *
     * Where the selected kernel is the three-vector one (JDK 17 on 16-float vectors at half width), the mirror of the first rule: the
     * two-vector kernel with the same rows where the three-vector one would end on its narrow partner and the
     * two-vector one costs less ({@link #twoVectorsPay}). Every kernel computes the same chains, so the choice never
     * changes a bit.
     */
    static MicroKernel forShape(int m, int n) {
        MicroKernel selected = Selected.KERNEL;
        MicroKernel two = Selected.TWO_VECTORS;
        if (two != null) {
            return twoVectorsPay(m, n, selected, two) ? two : selected;
        }
        MicroKernel three = Selected.THREE_VECTORS;
        if (three == null || selected.nr() != 2 * three.nr() / 3) {
            return selected;
        }
        int lanes = three.nr() / 3;
        boolean columnsFit = n % selected.nr() == lanes && n % three.nr() == 0;
        boolean rowsFit = m < GemmTuning.ROW_FIT_MAX_ROWS
                && m % selected.mr() != 0
                && m % three.mr() == 0
                && paddedWork(m, n, three, lanes) < paddedWork(m, n, selected, lanes);
        return columnsFit || rowsFit ? three : selected;
    }

    /**
     * Whether a product whose three-vector kernel (selected on JDK 17 with 16-float vectors) would end on a single
     * vector for the narrow partner runs faster on the two-vector kernel with the same rows: where its columns, at
     * {@link GemmTuning#TWO_VECTOR_COST_SIXTEENTHS} of the three-vector kernel's cost per column, cost less in all.
     * The 64 columns of the 64-channel Winograd products and weight gradient (48 + 16 against 32 + 32): the 4 × 1
     * partner took a third of JDK 17's 64-channel backward pass.
     */
    private static boolean twoVectorsPay(int m, int n, MicroKernel three, MicroKernel two) {
        int lanes = two.nr() / 2;
        return n % three.nr() == lanes
                && GemmTuning.TWO_VECTOR_COST_SIXTEENTHS * paddedWork(m, n, two, lanes)
                        < 16 * paddedWork(m, n, three, lanes);
    }

    /**
     * The block's share of a product: its rows rounded up to whole blocks, times its columns rounded up to whole panels,
     * a last panel of one vector counted 1.5 times (the narrow partner's rate) and a wider partial one at the full
     * panel width (zero columns computed).
     */
    private static long paddedWork(int m, int n, MicroKernel kernel, int lanes) {
        int nr = kernel.nr();
        int rest = n % nr;
        double columns = n - rest + (rest == 0 ? 0 : rest <= lanes ? 1.5 * lanes : nr);
        return (long) (GemmTuning.roundUp(m, kernel.mr()) * columns);
    }

    /** Floats per preferred vector, or 0 when the Vector API is absent. */
    static int vectorLanes() {
        return vectorModulePresent()
                ? instantiate("VectorLanes", IntSupplier.class).getAsInt()
                : 0;
    }

    private static <T> T instantiate(String simpleName, Class<T> type) {
        try {
            return Class.forName(GemmKernels.class.getPackageName() + "." + simpleName)
                    .asSubclass(type)
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load " + simpleName, e);
        }
    }

    private static MicroKernel choose() {
        String forced = System.getProperty(GemmTuning.KERNEL_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            return create(forced.trim());
        }
        if (!vectorModulePresent()) {
            return new ScalarMicroKernel();
        }
        return create(
                GemmTuning.defaultVectorKernel(Runtime.version().feature(), vectorLanes(), VectorUnits.fullWidth512()));
    }

    /** Holder, so the choice (and a possible reflective load) happens on first use, not when this class loads. */
    private static final class Selected {
        static final MicroKernel KERNEL = choose();
        static final MicroKernel NARROW = partnerOf(KERNEL);
        static final MicroKernel THREE_VECTORS = threeVectors(KERNEL);

        static final MicroKernel THREE_NARROW = THREE_VECTORS == null ? null : partnerOf(THREE_VECTORS);

        static final MicroKernel TWO_VECTORS = twoVectors(KERNEL);

        static final MicroKernel TWO_NARROW = TWO_VECTORS == null ? null : partnerOf(TWO_VECTORS);

        /**
         * 4 × 3 beside a two-vector selected kernel with 32 vector registers (16-float vectors; with 16 registers 4 × 3
         * spills on JDK 25) and not forced by the property; otherwise null.
         */
        private static MicroKernel threeVectors(MicroKernel kernel) {
            if (!alternativesAllowed(kernel)) {
                return null;
            }
            MicroKernel three = create("4x3");
            return kernel.nr() * 3 == three.nr() * 2 ? three : null;
        }

        /**
         * The two-vector kernel with the selected kernel's rows, beside a three-vector selected kernel on 16-float
         * vectors (JDK 17's 4 × 3 where 512-bit vectors run at half width) and not forced by the property; otherwise null.
         */
        private static MicroKernel twoVectors(MicroKernel kernel) {
            if (!alternativesAllowed(kernel) || kernel.nr() != 3 * vectorLanes()) {
                return null;
            }
            return create(kernel.mr() + "x2");
        }

        /**
         * Whether a kernel other than the selected one may take a shape: not when the property forces a kernel, not
         * for the scalar one, and only on 16-float vectors (32 registers), where the alternatives were measured.
         */
        private static boolean alternativesAllowed(MicroKernel kernel) {
            String forced = System.getProperty(GemmTuning.KERNEL_PROPERTY);
            return (forced == null || forced.isBlank())
                    && !(kernel instanceof ScalarMicroKernel)
                    && vectorModulePresent()
                    && vectorLanes() >= 16;
        }
    }
}
