package vn.loa.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.loa.bench.stats.ProcStats;

/**
 * The real controller as a separate process ({@code loa-controller.jar serve}) on free loopback
 * ports, so that its CPU and memory are measured alone. Its output goes to {@code controller.log} and
 * its GC log to {@code gc.log} in the work directory. Stopped (SIGTERM, then killed after 20 s) on close.
 */
public final class ControllerProcess implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("committed (\\d+)K, used (\\d+)K");
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used (\\d+)M, capacity (\\d+)M");
    /** Serial GC (what the JVM picks on one CPU, e.g. under taskset -c 0): the young and old generations. */
    private static final Pattern SERIAL_GENERATION = Pattern.compile("(?:DefNew|Tenured)\\s+total (\\d+)K, used (\\d+)K");

    private final Process process;
    private final int httpPort;
    private final int agentPort;
    private final Path dir;
    private final String host;

    private ControllerProcess(Process process, int httpPort, int agentPort, Path dir, String host) {
        this.process = process;
        this.httpPort = httpPort;
        this.agentPort = agentPort;
        this.dir = dir;
        this.host = host;
    }

    /** Starts it on loopback and waits (at most 90 s) until its health endpoint answers. */
    public static ControllerProcess start(Path jar, Path dir, String adminPassword, List<String> jvmFlags)
            throws IOException, InterruptedException {
        return start(jar, dir, adminPassword, jvmFlags, "127.0.0.1", false, null);
    }

    /**
     * Starts it listening on {@code bind} (127.0.0.1; 0.0.0.0 or an interface's address when load
     * workers on other machines must reach it) and waits (at most 90 s) until its health endpoint answers.
     * {@code agentTls}: the agent port requires mutual TLS 1.3 (as in production) instead of plain TCP with
     * station secrets. {@code cpus}: a {@code taskset} CPU list the process is pinned to (null: not pinned).
     */
    /**
     * The JVM flags the installed package's launcher gives the controller (packaging/src/deb/controller/files/
     * loa-controller), so that the figures are those of an installed controller: G1, half the memory at most, and
     * compact object headers from JDK 25 (the harness runs the controller on its own JDK).
     */
    static List<String> launcherFlags(int jdkFeature) {
        List<String> flags = new ArrayList<>(List.of("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50"));
        if (jdkFeature >= 25) {
            flags.add("-XX:+UseCompactObjectHeaders");
        }
        return flags;
    }

    public static ControllerProcess start(Path jar, Path dir, String adminPassword, List<String> jvmFlags, String bind,
            boolean agentTls, String cpus) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("controller jar " + jar.toAbsolutePath()
                    + " not found: build it first (./mvnw -pl benchmark -am package -DskipTests) or pass --controller-jar");
        }
        Files.createDirectories(dir);
        int http = freePort();
        int agent = freePort();
        List<String> cmd = new ArrayList<>();
        if (cpus != null && !cpus.isBlank()) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(launcherFlags(Runtime.version().feature()));
        cmd.addAll(jvmFlags); // after the launcher's: a flag given here wins
        cmd.add("-Xlog:gc:file=" + dir.resolve("gc.log"));
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--data", dir.resolve("controller").toString(),
                "--http-port", Integer.toString(http), "--agent-port", Integer.toString(agent), "--bind", bind,
                // the agent port as in production (mutual TLS) or plain TCP + station secrets for comparison;
                // plain HTTP for the harness's own API calls either way
                "--agent-tls", agentTls ? "on" : "off", "--http-tls", "off",
                // the harness's own API calls (127.0.0.1) as a trusted proxy's: not rate-limited, as before
                // issue 13 removed the loopback exemption; load from other 127.x addresses is limited as usual
                "--trusted-proxy", "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("controller.log").toFile()));
        pb.environment().put("LOA_ADMIN_PASSWORD", adminPassword);
        // the harness itself talks to it over loopback unless it listens on one address only
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        ControllerProcess c = new ControllerProcess(pb.start(), http, agent, dir, host);
        try {
            c.awaitHealthy(Duration.ofSeconds(90));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Api api = new Api(baseUrl());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the controller exited with " + process.exitValue() + "; see " + dir.resolve("controller.log"));
            }
            try {
                HttpResponse<Void> r = api.http().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        throw new IOException("the controller did not answer on " + baseUrl() + " within " + timeout.toSeconds() + " s");
    }

    /** The gateway's start line from the controller's log (transport and TLS engine), or "?". */
    public String gatewayLine() {
        try (var lines = Files.lines(dir.resolve("controller.log"))) {
            return lines.filter(l -> l.contains("station gateway listening")).reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf("station gateway listening"))).orElse("?");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }

    public int agentPort() {
        return agentPort;
    }

    public ProcStats.Sample sample() {
        return ProcStats.sample(pid());
    }

    /** Heap in use after a full collection, kB (via jcmd GC.run + GC.heap_info). */
    public long heapUsedAfterGcKb() throws IOException, InterruptedException {
        return heapAfterGc().usedKb();
    }

    /** The heap right after a full GC: what is live, and what the JVM keeps committed for it. */
    public record Heap(long committedKb, long usedKb) {
    }

    public Heap heapAfterGc() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapOf(jcmd("GC.heap_info"));
    }

    /** What {@code jcmd GC.heap_info} says of the heap: G1 (the default), ZGC, or Serial (one CPU). */
    static Heap heapOf(String info) throws IOException {
        Matcher m = HEAP_USED.matcher(info);
        if (m.find()) {
            return new Heap(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        Matcher z = Z_HEAP.matcher(info); // ZGC reports in MB
        if (z.find()) {
            return new Heap(Long.parseLong(z.group(2)) * 1024, Long.parseLong(z.group(1)) * 1024);
        }
        Matcher serial = SERIAL_GENERATION.matcher(info);
        long committed = 0;
        long used = 0;
        int generations = 0;
        while (serial.find()) {
            committed += Long.parseLong(serial.group(1));
            used += Long.parseLong(serial.group(2));
            generations++;
        }
        if (generations == 2) {
            return new Heap(committed, used);
        }
        throw new IOException("cannot read the heap from jcmd GC.heap_info: " + info);
    }

    private String jcmd(String what) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + what + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
