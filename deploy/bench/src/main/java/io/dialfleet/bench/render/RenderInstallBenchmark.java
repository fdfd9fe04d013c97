package io.dialfleet.bench.render;

import io.dialfleet.agent.install.FileChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Render and install a mixed 10,000-peer server, every file rewritten (see {@link RenderInstall}). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RenderInstallBenchmark {

    @Param("10000")
    public int peers;

    @Param("1")
    public long seed;

    /** Where the files are written: a directory created in it and removed afterwards. */
    @Param("/tmp")
    public String parent;

    private Path directory;
    private RenderInstall work;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        directory = Files.createTempDirectory(Files.createDirectories(Path.of(parent)), "render-install-");
        work = new RenderInstall(peers, seed, directory);
    }

    @Benchmark
    public List<FileChange> renderAndInstall() {
        return work.renderAndInstall();
    }

    @TearDown(Level.Trial)
    public void clean() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + directory, e);
        }
    }
}
