package io.dialfleet.bench.render;

import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.events.PeerConfigSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** PeerConfigRenderer alone: one server's five files from its snapshot, per protocol/stack and size. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderBenchmark {

    @Param({"100", "1000", "10000"})
    public int peers;

    @Param({"CHAN_SIP", "PJSIP", "IAX2"})
    public String renderCase;

    @Param("1")
    public long seed;

    private final PeerConfigRenderer renderer = new PeerConfigRenderer();
    private PeerConfigSnapshot snapshot;
    private RenderCase kind;

    @Setup
    public void prepare() {
        kind = RenderCase.valueOf(renderCase);
        snapshot = SyntheticServer.of(kind, peers, seed, "bench");
    }

    @Benchmark
    public RenderedConfig render() {
        return renderer.render(snapshot, kind.stack());
    }
}
