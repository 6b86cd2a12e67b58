package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.StationAgent;
import vn.loa.agent.clock.ClockSource;
import vn.loa.agent.clock.LocalTimeSources;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * A station that reboots while its controller is down (another boot id), with a system clock 7 s behind the
 * controller's: with an NTP-synchronised system clock (an injected timesyncd flag) it takes the time from it plus
 * the controller's offset it learnt before, and plays its next item within {@value #TOLERANCE_MS} ms of the
 * planned instant; without any time source it stays unsynchronised and plays nothing (today's behaviour).
 */
@Tag("e2e")
@Timeout(120)
class RebootWithoutControllerTest {
    /** The documented tolerance after a reboot on an NTP-synchronised clock (docs/resilience.md). */
    static final long TOLERANCE_MS = 1_000;
    /** The station's system clock is this far behind the controller's. */
    static final Duration SYSTEM_BEHIND = Duration.ofSeconds(7);

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aRebootedStationWithNtpPlaysOnTimeWithoutItsController() throws Exception {
        Prepared p = prepare(true);
        TestAgent rebooted = running.keep(TestAgent.start(p.agentPort, p.stationId, p.secret, dir, p.clocks("boot-2")));
        assertThat(rebooted.agent().clock().source()).isEqualTo(ClockSource.NTP);
        assertThat(rebooted.agent().clock().isSynchronised()).isTrue();

        AtomicReference<Instant> started = new AtomicReference<>();
        await("the item to start").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(20)).until(() -> {
            if (!rebooted.recordings().isEmpty()) {
                started.compareAndSet(null, Instant.now());
                return true;
            }
            return false;
        });
        long lateMs = Duration.between(p.planned, started.get()).toMillis();
        assertThat(Math.abs(lateMs)).as("start vs planned, ms (the system clock is 7 s behind)")
                .isLessThan(TOLERANCE_MS);
    }

    @Test
    void withoutATimeSourceARebootedStationWaitsForItsController() throws Exception {
        Prepared p = prepare(false);
        TestAgent rebooted = running.keep(TestAgent.start(p.agentPort, p.stationId, p.secret, dir, p.clocks("boot-2")));
        assertThat(rebooted.agent().clock().source()).isEqualTo(ClockSource.NONE);
        Duration untilPastPlanned = Duration.between(Instant.now(), p.planned.plusSeconds(3));
        await("nothing to play").during(untilPastPlanned).atMost(untilPastPlanned.plusSeconds(5))
                .until(() -> rebooted.recordings().isEmpty() && !rebooted.agent().clock().isSynchronised());
    }

    private record Prepared(int agentPort, long stationId, String secret, Instant planned, Path ntpFlag, Path root) {
        StationAgent.ClockSetup clocks(String bootId) {
            return new StationAgent.ClockSetup(Clock.offset(Clock.systemUTC(), SYSTEM_BEHIND.negated()), () -> bootId,
                    new LocalTimeSources(ntpFlag, root.resolve("no-rtc")));
        }
    }

    /**
     * A station that learnt the controller's clock (7 s ahead of its system clock), holds a plan with an item
     * 25 s ahead and its audio; then the controller and the station stop.
     */
    private Prepared prepare(boolean ntp) throws Exception {
        Path ntpFlag = dir.resolve("timesync-synchronized");
        if (ntp) {
            Files.writeString(ntpFlag, "");
        }
        TestController controller = TestController.start(dir.resolve("controller"));
        try {
            ApiClient api = controller.admin();
            long province = Fixture.area(api, "Tỉnh Lào Cai", "PROVINCE", null);
            Fixture.StationRef s = Fixture.station(api, "Đài xã Y Tý", province);
            Prepared p0 = new Prepared(controller.agentPort(), s.id(), s.secret(), null, ntpFlag, dir);
            Instant planned;
            try (TestAgent before = TestAgent.start(p0.agentPort, s.id(), s.secret(), dir, p0.clocks("boot-1"))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> before.agent().isConnected()
                        && before.agent().clock().source() == ClockSource.CONTROLLER);
                assertThat(before.agent().clock().offsetUs()).isCloseTo(SYSTEM_BEHIND.toNanos() / 1000,
                        org.assertj.core.data.Offset.offset(200_000L));
                long bulletin = Fixture.bulletin(api, "Bản tin sáng", "tin.wav", Fixture.wav(16_000, 1.0, 440));
                planned = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
                Fixture.scheduleOnce(api, bulletin, planned, List.of(s.id()));
                await("plan and audio on the station").atMost(Duration.ofSeconds(15)).until(() ->
                        before.agent().plan().getItemsList().stream().anyMatch(i -> i.getPlannedAtMs() == planned.toEpochMilli())
                                && before.agent().outboxPending() == 0 && mediaCached(before));
            }
            return new Prepared(p0.agentPort, s.id(), s.secret(), planned, ntpFlag, dir);
        } finally {
            controller.close();
        }
    }

    private static boolean mediaCached(TestAgent agent) throws java.io.IOException {
        Path media = agent.dataDir().resolve("cache");
        if (!Files.isDirectory(media)) {
            return false;
        }
        try (var files = Files.list(media)) {
            return files.anyMatch(f -> f.toString().endsWith(".lop"));
        }
    }
}
