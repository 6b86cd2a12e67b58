package vn.loa.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.DeviceCheck;
import vn.loa.hardware.DeviceFault;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.protocol.v1.Heartbeat;

/**
 * The watcher probes the devices while idle, reports a failing board at once (an immediate heartbeat)
 * with the zones it silences, clears it on recovery, and sends the hardware file's zones. The board
 * itself is a scripted DeviceCheck here; ModbusRtuBoardTest probes a real Modbus server.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HealthWatcherDevicesTest {
    @TempDir
    Path dir;

    /** A board whose state the test sets; counts the probes. */
    static final class ScriptedBoard implements DeviceCheck {
        final AtomicReference<List<DeviceFault>> faults = new AtomicReference<>(List.of());
        final AtomicInteger probes = new AtomicInteger();

        @Override
        public List<DeviceFault> faults() {
            return faults.get();
        }

        @Override
        public List<DeviceFault> probe() {
            probes.incrementAndGet();
            return faults.get();
        }

        @Override
        public Optional<SortedSet<Long>> wiredZones() {
            return Optional.of(new TreeSet<>(Set.of(21L, 22L)));
        }
    }

    @Test
    void aBoardFailingWhileIdleIsReportedAtOnceAndClearedOnRecovery() {
        SimHardware.Devices sim = SimHardware.create(dir, Clock.systemUTC(), Set.of(21L, 22L));
        ScriptedBoard board = new ScriptedBoard();
        StationHardware hardware = new StationHardware(sim.amplifier(), sim.zones(), sim.audio(), sim.sensors(),
                vn.loa.hardware.Bypass.none(), board, List.of());
        List<Heartbeat> sent = new CopyOnWriteArrayList<>();
        try (HealthWatcher watcher = new HealthWatcher(7, hardware, () -> 80, new PlayStats(), new SystemProbe(dir), dir,
                () -> "", () -> true, () -> false)) {
            watcher.start(() -> sent.add(watcher.complete(Heartbeat.newBuilder()).build()));
            assertThat(watcher.complete(Heartbeat.newBuilder()).build().getHardwareZoneIdsList()).containsExactly(21L, 22L);

            await("an idle probe").atMost(Duration.ofSeconds(15)).until(() -> board.probes.get() > 0);
            board.faults.set(List.of(DeviceFault.of("board rs485", "board rs485 (MODBUS 3)", "does not answer",
                    Set.of(21L, 22L), true)));
            await("the fault reported").atMost(Duration.ofSeconds(5)).until(() -> sent.stream()
                    .anyMatch(h -> h.getDeviceFaultsCount() == 1 && h.getDeviceFaults(0).getAmplifier()));
            board.faults.set(List.of());
            await("the recovery reported").atMost(Duration.ofSeconds(5)).until(() -> sent.getLast().getDeviceFaultsCount() == 0);
        }
    }
}
