package vn.loa.agent.player;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.sim.SimHardware;
import vn.loa.hardware.switching.SwitchingSequence;

/**
 * A simulated station (one zone, id 1) whose amplifier is already warm, and a play sequence on it with no
 * warm-up and no settle: the start instant is a stream's only wait. Station id 42, the system clock.
 */
record WarmSimStation(SimHardware.Devices devices, PlaySequence sequence) implements AutoCloseable {
    static WarmSimStation at(Path sim) throws Exception {
        SimHardware.Devices devices = SimHardware.create(sim, Clock.systemUTC(), Set.of(1L));
        StationHardware hardware = new StationHardware(devices.amplifier(), devices.zones(), devices.audio(),
                devices.sensors(), List.of());
        hardware.amplifier().setPowered(true);
        return new WarmSimStation(devices, new PlaySequence(42, hardware,
                new SwitchingSequence.Timings(Duration.ZERO, Duration.ZERO), Clock.systemUTC(), () -> true));
    }

    @Override
    public void close() throws Exception {
        devices.hardware().close();
    }
}
