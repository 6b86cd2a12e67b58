package vn.loa.controller.health;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A station agent in a child JVM — the real {@code loa-agent run} command line, started from the test
 * classpath (so it is always the code under test) — that a test can kill like a power cut.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static AgentProcess start(int controllerPort, long stationId, String secret, Path dir) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            fail("cannot start a child JVM: " + java + " is not executable");
        }
        String classpath = System.getProperty("java.class.path");
        if (classpath == null || !classpath.contains("station-agent") && !classpath.contains("loa-station-agent")) {
            fail("the station agent is not on the test classpath (" + classpath + "); build with "
                    + "./mvnw -B -pl controller -am test");
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("agent-" + stationId + ".log");
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, "vn.loa.agent.cli.AgentCommand", "run",
                "--controller", "127.0.0.1:" + controllerPort, "--station", Long.toString(stationId),
                "--secret", secret, "--data", dir.resolve("agent-data-" + stationId).toString(), "--hardware", "sim"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AgentProcess(p, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, the kernel closes the socket. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            fail("the agent process " + process.pid() + " did not die on SIGKILL");
        }
    }

    Integer exitCode(long waitSeconds) throws InterruptedException {
        return process.waitFor(waitSeconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
