package vn.loa.controller.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A controller or agent in a child JVM started from the test classpath — the real command line, so
 * always the code under test — that a test can SIGKILL like a power cut. The one way tests run an agent
 * in its own process; {@link TestAgent} runs one in the test's JVM.
 */
public final class ChildJvm implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "resilience-admin-password";

    private final Process process;
    private final Path log;

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildJvm start(String mainClass, List<String> args, Path log, Map<String, String> env) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            fail("cannot start a child JVM: " + java + " is not executable");
        }
        String classpath = System.getProperty("java.class.path");
        if (classpath == null || classpath.isBlank()) {
            fail("no java.class.path to start a child JVM with");
        }
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, mainClass));
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new ChildJvm(pb.start(), log);
    }

    /** {@code loa-controller serve} on fixed loopback ports, plain TCP and HTTP, a known admin password. */
    public static ChildJvm controller(Path data, int httpPort, int agentPort, Path log) throws IOException {
        return start("vn.loa.controller.cli.ControllerCommand", List.of("serve", "--data", data.toString(),
                "--http-port", Integer.toString(httpPort), "--agent-port", Integer.toString(agentPort),
                "--bind", "127.0.0.1", "--agent-tls", "off", "--http-tls", "off",
                // the test's own flood of API calls from 127.0.0.1 is a trusted proxy's: not rate-limited, as the
                // benchmark harness does (issue 13 removed the loopback exemption; RateLimitTest tests the limiter)
                "--trusted-proxy", "127.0.0.1"), log,
                Map.of("LOA_ADMIN_PASSWORD", ADMIN_PASSWORD));
    }

    /** {@code loa-agent run} on simulated hardware, with the station secret; {@code extra} options are appended. */
    public static ChildJvm agent(int controllerPort, long stationId, String secret, Path data, Path log, String... extra)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--controller", "127.0.0.1:" + controllerPort,
                "--station", Long.toString(stationId), "--secret", secret, "--data", data.toString(), "--hardware", "sim"));
        args.addAll(List.of(extra));
        return start("vn.loa.agent.cli.AgentCommand", args, log, Map.of());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no flush; the kernel closes the sockets. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            fail("process " + process.pid() + " did not die on SIGKILL");
        }
    }

    /** The exit code, or null if the process is still running after {@code waitSeconds}. */
    public Integer exitCode(long waitSeconds) throws InterruptedException {
        return process.waitFor(waitSeconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The log, or why it could not be read (for a failure message built lazily). */
    public String logOrWhy() {
        try {
            return log();
        } catch (IOException e) {
            return "(its log could not be read: " + e + ")";
        }
    }

    public static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
