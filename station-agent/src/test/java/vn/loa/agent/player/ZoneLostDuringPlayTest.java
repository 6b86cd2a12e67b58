package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.ZoneSwitch;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;

/** A relay board that stops answering while the audio plays: its zone is reported failed, the others played. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ZoneLostDuringPlayTest {
    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    /** Zones that read back; zone 2's board is unplugged once switched on. */
    private static final class ReadBackZones implements ZoneSwitch {
        private final ZoneSwitch inner;

        ReadBackZones(ZoneSwitch inner) {
            this.inner = inner;
        }

        @Override
        public Set<Long> zones() {
            return inner.zones();
        }

        @Override
        public void setZone(long zoneId, boolean on) throws HardwareException {
            inner.setZone(zoneId, on);
        }

        @Override
        public Set<Long> activeZones() {
            return inner.activeZones();
        }

        @Override
        public Optional<Boolean> readBack(long zoneId) throws HardwareException {
            if (zoneId == 2) {
                throw new HardwareException("board tang1 on /dev/ttyUSB0: no answer within 250 ms");
            }
            return Optional.of(inner.activeZones().contains(zoneId));
        }
    }

    @Test
    void theZoneThatFailedDuringThePlayIsNamedInTheReport() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1, 2, 3);
        StationHardware hw = new StationHardware(h.devices.amplifier(), new ReadBackZones(h.devices.zones()), h.audio,
                h.devices.sensors(), List.of());
        h.synchronise();
        PlanItem item = PlayerHarness.item("news", h.clock.millis() + 800, 1, 2, 3);
        h.plan(item);
        h.cacheMedia(item);
        Player player = new Player(h.config.stationId(), h.config.timings(), h.clock,
                new Player.Store(h.plans, h.cache, h.journal), hw,
                file -> new SineSource(PlayerHarness.AMPLITUDE, PlayerHarness.DURATION_MS, -1), h.reports::add);
        try {
            player.start();
            PlayReport report = h.awaitReports(1).get(0);
            assertThat(report.getOutcome()).isEqualTo(PlayReport.Outcome.PLAYED);
            assertThat(report.getReason()).isEqualTo("ZONES_FAILED:2");
        } finally {
            player.close();
        }
    }
}
