package io.github.conv4j.bench;

import io.github.conv4j.kernel.gemm.Sgemm;
import io.github.conv4j.kernel.parallel.Parallel;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SGEMM throughput: square sizes and the GEMM shapes of im2col convolution (M = output channels, N = output pixels,
 * K = input channels x kernel area: ResNet's 64->64 3x3 layer at 56x56, and 256->256 3x3 at 14x14).
 *
 * <p>The {@code gflops} column is the result to read: each call adds {@code 2*M*N*K / 1e9} to an auxiliary
 * operations counter, so JMH reports GFLOP/s (a per-shape "operations per invocation"). Buffers are allocated once per
 * trial so no page faults are timed. Examples:
 *
 * <pre>
 * java -jar conv4j-bench/target/benchmarks.jar GemmBenchmark -p shape=1024x1024x1024 -p threads=1,2
 * java -jar conv4j-bench/target/benchmarks.jar GemmBenchmark -p shape=64x3136x576 -p kernel=4x2,6x2,4x3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class GemmBenchmark {
    /** M x N x K of C (M x N) = A (M x K) * B (K x N). */
    @Param({"256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "64x3136x576", "256x196x2304"})
    public String shape;

    /** {@link Parallel} threads. */
    @Param({"1", "2"})
    public int threads;

    /** Transposes: NN = A * B, TN = A^T * B, NT = A * B^T (the two backward passes of im2col convolution). */
    @Param({"NN"})
    public String trans;

    /**
     * Forces a register block ({@code 4x2, 6x2, 4x3} = rows x vectors, or {@code scalar}) through the system
     * property {@code conv4j.gemm.kernel}; empty = the tuned default. Works because every parameter set runs in a
     * fresh JVM fork and the property is read on the first multiply.
     */
    @Param({""})
    public String kernel;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Parses the parameters, sets the thread count and kernel, and fills A and B once for the whole trial. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = shape.split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = trans.charAt(0) == 'T';
        transB = trans.charAt(1) == 'T';
        if (!kernel.isEmpty()) {
            System.setProperty("conv4j.gemm.kernel", kernel);
        }
        Parallel.setThreads(threads);
        SplittableRandom random = new SplittableRandom(42);
        a = randomMatrix(random, m * k);
        b = randomMatrix(random, k * n);
        c = new float[m * n];
        System.out.println("# kernel " + Sgemm.kernelName() + ", threads " + Parallel.threads());
    }

    private static float[] randomMatrix(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    /** Counts floating-point work so JMH reports it per second next to the call rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {
        /** Billions of floating-point operations done (2 per multiply-add). */
        public double gflops;

        /** Starts each iteration's count at zero, as JMH expects of an operations counter. */
        @Setup(Level.Iteration)
        public void reset() {
            gflops = 0;
        }
    }

    /**
     * One {@code C = op(A) * op(B)} (beta 0, so C is only written).
     *
     * @param flops the counter that turns the call rate into GFLOP/s
     * @return C, so the work cannot be optimised away
     */
    @Benchmark
    public float[] sgemm(Flops flops) {
        Sgemm.multiply(transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
        flops.gflops += 2e-9 * m * n * k;
        return c;
    }
}
