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
import vn.loa.bench.load.TimedSample;
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

    @Option(names = "--tls", defaultValue = "on", description = "on (default): the stations enroll and speak mutual "
            + "TLS 1.3, as in production; off: plain TCP with station secrets, for comparison")
    String tls;
    @Option(names = "--controller-cpus", description = "pin the controller process to these CPUs (taskset list, e.g. 0)")
    String controllerCpus;
    @Option(names = "--load-cpus", description = "pin the load client's processes to these CPUs (taskset list, e.g. 1)")
    String loadCpus;
    /** Set by a scenario that offers {@code --timed-sample} (fanout); every station timed otherwise. */
    TimedSample timedSample = TimedSample.ALL;

    boolean tlsOn() {
        return switch (tls) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("--tls must be on or off, got " + tls);
        };
    }

    /** What the tables print for the transport of the stations' links. */
    String pinning() {
        return controllerCpus == null && loadCpus == null ? "not pinned"
                : "controller on CPU " + (controllerCpus == null ? "any" : controllerCpus) + ", load on CPU "
                        + (loadCpus == null ? "any" : loadCpus);
    }

    void validate() {
        tlsOn();
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
            if (loadCpus != null) {
                pinSelf(loadCpus);
            }
            return new InProcessLoad(threads, clock, timedSample);
        }
        List<String> cmd = command();
        System.out.printf("load workers: %d × %s%n", processes, String.join(" ", cmd));
        return WorkerPool.start(processes, cmd, dir, threads, clock, timedSample);
    }

    List<String> command() {
        if (workerCommand != null && !workerCommand.isBlank()) {
            return Arrays.asList(workerCommand.trim().split("\\s+"));
        }
        List<String> cmd = new ArrayList<>();
        if (loadCpus != null) {
            cmd.addAll(List.of("taskset", "-c", loadCpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // Netty loads its epoll library
        if (!workerJvm.isBlank()) {
            cmd.addAll(Arrays.asList(workerJvm.trim().split("\\s+")));
        }
        String transport = System.getProperty("loa.transport");
        if (transport != null && cmd.stream().noneMatch(f -> f.startsWith("-Dloa.transport="))) {
            cmd.add("-Dloa.transport=" + transport);
        }
        String clientTls = System.getProperty(vn.loa.bench.load.ClientTls.PROPERTY);
        if (clientTls != null) {
            cmd.add("-D" + vn.loa.bench.load.ClientTls.PROPERTY + "=" + clientTls);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoaBench.class.getName(), "load-worker"));
        return cmd;
    }

    /** The harness holds the stations (or the peers' listeners) itself: every thread of this JVM on those CPUs. */
    static void pinSelf(String cpus) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("taskset", "-a", "-cp", cpus, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("taskset -a -cp " + cpus + " failed: " + out.strip());
        }
    }
}
