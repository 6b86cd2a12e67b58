package vn.loa.agent.update;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the packaged unit starts (docs/updates.md): runs the agent from the release {@code current} names (or
 * the packaged jar), restarts it when it ends, and reverts a release on trial that does not mark itself good
 * in time or ends before it does. Decisions are {@link LauncherDecision}'s; this class only starts, waits and
 * stops processes. One thread: the caller's, in {@link #run}.
 */
public final class Launcher {
    private static final Logger log = LoggerFactory.getLogger(Launcher.class);
    /** Replaced in the agent command by the jar to run (also given as LOA_AGENT_JAR). */
    public static final String JAR_TOKEN = "{jar}";
    private static final Duration POLL = Duration.ofMillis(200);

    private final ReleaseDirectory releases;
    private final Path packagedJar;
    private final List<String> command;
    private final Clock clock;
    private final Duration restartDelay;
    private final Duration stopGrace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopping = lock.newCondition();
    private boolean stopped;
    private Process child;

    public Launcher(ReleaseDirectory releases, Path packagedJar, List<String> command, Clock clock, Duration restartDelay,
            Duration stopGrace) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the agent command is empty: give it after --, e.g. -- java -jar {jar} run ...");
        }
        this.releases = releases;
        this.packagedJar = packagedJar;
        this.command = List.copyOf(command);
        this.clock = clock;
        this.restartDelay = restartDelay;
        this.stopGrace = stopGrace;
    }

    /** Runs until {@link #stop}; returns the last agent process's exit code. */
    public int run() throws IOException, InterruptedException {
        int exit = 0;
        while (!isStopped()) {
            LaunchStep step = LauncherDecision.beforeStart(releases.read(), clock.instant());
            if (step instanceof LaunchStep.Revert revert) {
                revert(revert);
                continue;
            }
            LaunchStep.Run run = (LaunchStep.Run) step;
            Path jar = run.version() == null ? packagedJar : releases.jarOf(run.version());
            Process p = start(jar, run.version());
            boolean trialExpired = run.trialDeadline() != null && !awaitGoodOrExit(p, run);
            exit = p.waitFor();
            log.info("agent {} ended with exit code {}", describe(run.version()), exit);
            if (isStopped()) {
                break;
            }
            LaunchStep after = LauncherDecision.afterExit(releases.read(), run.version(), trialExpired,
                    clock.instant());
            if (after instanceof LaunchStep.Revert revert) {
                revert(revert);
            }
            pause(restartDelay);
        }
        return exit;
    }

    /** Stops the agent (SIGTERM, then a kill after the grace) and the loop; safe to call twice, from any thread. */
    public void stop() {
        Process p;
        lock.lock();
        try {
            stopped = true;
            p = child;
            stopping.signalAll();
        } finally {
            lock.unlock();
        }
        if (p != null) {
            terminate(p);
        }
    }

    /**
     * Waits while the release is on trial. True when it marked itself good (or ended: the caller reads why);
     * false when the deadline passed, after ending the process.
     */
    private boolean awaitGoodOrExit(Process p, LaunchStep.Run run) throws InterruptedException, IOException {
        while (true) {
            if (releases.isGood(run.version())) {
                releases.endTrial(run.version());
                log.info("release {} marked itself good: its trial is over", run.version());
                return true;
            }
            Instant now = clock.instant();
            if (!now.isBefore(run.trialDeadline())) {
                log.warn("release {} did not connect and pass its self-test by {}: stopping it", run.version(),
                        run.trialDeadline());
                terminate(p);
                return false;
            }
            long waitMs = Math.min(POLL.toMillis(), Duration.between(now, run.trialDeadline()).toMillis() + 1);
            if (p.waitFor(waitMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
    }

    private Process start(Path jar, String version) throws IOException {
        List<String> cmd = new ArrayList<>(command.size());
        for (String part : command) {
            cmd.add(part.replace(JAR_TOKEN, jar.toString()));
        }
        ProcessBuilder b = new ProcessBuilder(cmd).inheritIO();
        b.environment().put("LOA_AGENT_JAR", jar.toString());
        b.environment().put("LOA_AGENT_RELEASE", version == null ? "" : version);
        lock.lock();
        try {
            if (stopped) {
                throw new IOException("the launcher is stopping");
            }
            child = b.start();
            log.info("agent {} started from {} (pid {})", describe(version), jar, child.pid());
            return child;
        } finally {
            lock.unlock();
        }
    }

    private void revert(LaunchStep.Revert revert) throws IOException {
        releases.revert(revert, clock.instant());
        log.warn("release {} reverted ({}): back to {}", revert.from(), revert.reason(), describe(revert.to()));
    }

    private void terminate(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("agent pid {} did not stop within {} s of SIGTERM: killing it", p.pid(), stopGrace.toSeconds());
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopped() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    private void pause(Duration d) throws InterruptedException {
        lock.lock();
        try {
            long left = d.toNanos();
            while (!stopped && left > 0) {
                left = stopping.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private static String describe(String version) {
        return version == null ? "(packaged jar)" : "release " + version;
    }
}
