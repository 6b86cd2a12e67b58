package vn.loa.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import vn.loa.bench.load.BenchClock;
import vn.loa.bench.load.InProcessLoad;
import vn.loa.bench.load.LoadStations;
import vn.loa.bench.load.WorkerPool;

/** Where the lightweight stations run: in the harness, or split over load worker processes (local or remote). */
final class LoadOptions {
    @Option(names = "--load-processes", defaultValue = "1",
            description = "processes holding the stations: 1 = in the harness itself (default), K > 1 = K load workers, "
                    + "each with a contiguous slice of the fleet")
    int processes;
    @Option(names = "--worker-jvm", defaultValue = "", description = "extra JVM flags of each load worker, e.g. -Xmx512m")
    String workerJvm;
    @Option(names = "--worker-command", description = "how to start a load worker (split on spaces), e.g. \"ssh host java "
            + "-jar /path/loa-benchmark.jar load-worker\"; default: this JVM's java [--worker-jvm] -cp <this jar> "
            + "vn.loa.bench.LoaBench load-worker")
    String workerCommand;
    @Option(names = "--controller-host", defaultValue = "127.0.0.1",
            description = "the controller's address the stations dial (a remote worker needs a reachable one)")
    String controllerHost;
    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address the controller listens on (0.0.0.0 for workers on other machines)")
    String bind;

    void validate() {
        if (processes < 1) {
            throw new IllegalArgumentException("--load-processes must be at least 1, got " + processes);
        }
        if (processes == 1 && workerCommand != null) {
            throw new IllegalArgumentException("--worker-command needs --load-processes 2 or more (1 = in-process)");
        }
    }

    LoadStations start(Path dir, int threads, BenchClock clock) throws IOException, InterruptedException {
        validate();
        if (processes == 1) {
            return new InProcessLoad(threads, clock);
        }
        List<String> cmd = command();
        System.out.printf("load workers: %d × %s%n", processes, String.join(" ", cmd));
        return WorkerPool.start(processes, cmd, dir, threads, clock);
    }

    List<String> command() {
        if (workerCommand != null && !workerCommand.isBlank()) {
            return Arrays.asList(workerCommand.trim().split("\\s+"));
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty loads its epoll library
        if (!workerJvm.isBlank()) {
            cmd.addAll(Arrays.asList(workerJvm.trim().split("\\s+")));
        }
        String transport = System.getProperty("loa.transport");
        if (transport != null && cmd.stream().noneMatch(f -> f.startsWith("-Dloa.transport="))) {
            cmd.add("-Dloa.transport=" + transport);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoaBench.class.getName(), "load-worker"));
        return cmd;
    }
}
