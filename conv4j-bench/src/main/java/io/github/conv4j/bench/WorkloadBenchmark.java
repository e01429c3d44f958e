package io.github.conv4j.bench;

import io.github.conv4j.cli.bench.Workload;
import io.github.conv4j.kernel.parallel.Parallel;
import java.util.concurrent.TimeUnit;
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
 * The performance issue's workloads as JMH benchmarks, written as the one-line descriptors that {@code conv4j bench}
 * and {@code bench/compare.py} use (see {@link Workload}). Run a subset with, for example:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -jar conv4j-bench/target/benchmarks.jar WorkloadBenchmark \
 *     -p workload=conv:n8c64h56w56o64k3p1 -p threads=1,2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class WorkloadBenchmark {
    /** The workload line. */
    @Param({
        "conv:c1h6w8k1x2",
        "filter:h2160w3840:k3",
        "filter:h2160w3840:k5",
        "filter:h2160w3840:k1x2",
        "filter:h2160w3840:sobel",
        "filter:h2160w3840:gauss5",
        "filter-into:h2160w3840:k3",
        "filter-into:h2160w3840:k5",
        "filter-into:h2160w3840:k1x2",
        "filter-into:h2160w3840:sobel",
        "filter-into:h2160w3840:gauss5",
        "conv:n1c3h1080w1920k3p1gdw",
        "conv:n1c64h56w56o64k3p1",
        "conv:n8c64h56w56o64k3p1",
        "conv:n1c128h28w28o128k3p1",
        "conv:n8c128h28w28o128k3p1",
        "conv:n1c256h14w14o256k3p1",
        "conv:n8c256h14w14o256k3p1",
        "conv:n1c512h7w7o512k3p1",
        "conv:n8c512h7w7o512k3p1",
        "conv:n1c64h56w56o256k1",
        "conv:n8c64h56w56o256k1",
        "conv:n1c32h112w112o64k1",
        "conv:n1c3h224w224o64k7s2p3",
        "conv:n8c3h224w224o64k7s2p3",
        "conv:n1c32h112w112k3p1gdw",
        "conv:n1c512h14w14k3p1gdw",
        "conv:n1c64h112w112k3s2p1gdw",
        "conv:n1c512h14w14k3s2p1gdw",
        "conv:n1c64h56w56o64k3p2d2",
        "filter:h512w512:k31",
        "conv-bwd:n8c64h56w56o64k3p1",
        "conv-bwd:n8c128h28w28o128k3p1",
        "conv-bwd:n8c256h14w14o256k3p1",
        "conv-bwd:n8c512h7w7o512k3p1",
        "conv-bwd:n1c32h112w112k3p1gdw",
        "conv-bwd:n1c512h14w14k3s2p1gdw",
        "maxpool:n8c64h112w112k3s2p1",
        "avgpool:n8c64h112w112k2"
    })
    public String workload;

    /** Kernel threads. */
    @Param({"1", "2"})
    public int threads;

    private Runnable call;

    /** Sets the thread count and builds the inputs once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Parallel.setThreads(threads);
        call = Workload.parse(workload).prepare();
    }

    /** One call of the workload. */
    @Benchmark
    public void run() {
        call.run();
    }
}
