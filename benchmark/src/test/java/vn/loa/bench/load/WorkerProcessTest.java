package vn.loa.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.bench.LoaBench;

/**
 * Real load worker JVMs (the benchmark's own main, {@code load-worker}) driven over their pipes: the
 * clock exchange comes out near zero on one host, a worker that dies fails the harness with its name
 * and log, a worker whose input ends exits by itself.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WorkerProcessTest {
    @TempDir
    Path dir;

    private static List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), LoaBench.class.getName(), "load-worker");
    }

    @Test
    void clocksOnOneHostAgreeAndADeadWorkerIsNamedWithItsLog() throws Exception {
        try (WorkerPool pool = WorkerPool.start(2, command(), dir, 1, new BenchClock())) {
            List<String> report = pool.clockReport();
            assertThat(report).hasSize(2);
            assertThat(report.get(0)).startsWith("load worker 1: harness clock − worker clock over the pipe")
                    .contains("best of " + (WorkerPool.CLOCK_EXCHANGES - 1) + " exchanges");
            assertThat(pool.cpu()).hasSize(2).allSatisfy(s -> assertThat(s.rssKb()).isPositive());
            assertThat(pool.processes()).isEqualTo(2);

            WorkerProcess second = pool.workers().get(1);
            ClockCheck offset = pool.pipeClock(0);
            // same machine, same wall clock: the offset is within its uncertainty plus the µs rounding of two reads
            assertThat(Math.abs(offset.offsetUs())).isLessThanOrEqualTo(offset.uncertaintyUs() + 1_000);

            ProcessHandle dying = ProcessHandle.of(second.pid()).orElseThrow();
            dying.destroyForcibly();
            await().atMost(Duration.ofSeconds(30)).until(() -> !dying.isAlive());
            assertThatThrownBy(pool::cpu).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("load worker 2 (pid " + second.pid() + ") failed")
                    .hasMessageContaining(dir.resolve("load-worker-2.log").toString());
        }
    }

    @Test
    void aWorkerWhoseInputEndsExitsByItselfAndLogsWhy() throws Exception {
        Path log = dir.resolve("w.log");
        WorkerProcess w = WorkerProcess.start(1, command(), log, new ControlCodec());
        try {
            assertThat(w.request(ControlMessages.TIME, new ControlMessages.Time(5, 0, 0), ControlMessages.Time.class,
                    Duration.ofSeconds(60)).t0()).isEqualTo(5);
            assertThatThrownBy(() -> w.request("dance", null, ControlMessages.Time.class, Duration.ofSeconds(30)))
                    .hasMessageContaining("refused 'dance'").hasMessageContaining("unknown control message type");
            w.closeInput();
            await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(w.pid()).map(p -> !p.isAlive()).orElse(true));
            assertThat(Files.readString(log)).contains("control input ended");
        } finally {
            w.close();
        }
    }
}
