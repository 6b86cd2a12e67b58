package vn.loa.hardware.sim;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import vn.loa.hardware.StationHardware;

/**
 * Builds a simulated station that records what it does under one directory: {@code events.jsonl}
 * and one WAV file per play.
 */
public final class SimHardware {
    private SimHardware() {
    }

    public record Devices(StationHardware hardware, SimAmplifier amplifier, SimZoneSwitch zones,
            SimAudioOutput audio, SimSensors sensors) {
    }

    public static Devices create(Path dir, Clock clock, Set<Long> zoneIds) {
        SimEventLog events = new SimEventLog(dir.resolve("events.jsonl"), clock);
        SimAmplifier amplifier = new SimAmplifier(events);
        SimZoneSwitch zones = new SimZoneSwitch(events, zoneIds);
        SimAudioOutput audio = new SimAudioOutput(dir, clock, events);
        SimSensors sensors = new SimSensors();
        StationHardware hw = new StationHardware(amplifier, zones, audio, sensors, List.of(events));
        return new Devices(hw, amplifier, zones, audio, sensors);
    }
}
