package vn.loa.agent.health;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.DeviceFault;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.Heartbeat;

/**
 * Keeps the station's health current: polls the devices every second and the machine every few
 * seconds on its own thread (a slow sensor bus never stalls the link), fills the heartbeat from that
 * cache, and calls {@code onChange} at once when anything a technician would act on changes — a
 * fault input, mains, the door, relays, a failed zone, a failing device, what plays, the clock. While
 * nothing sounds it also probes the relay boards (docs/hardware.md#faults).
 */
public final class HealthWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthWatcher.class);
    private static final long POLL_MS = 1000;
    private static final int SYSTEM_EVERY = 5;
    /** Relay boards are probed every 10 polls while nothing sounds: a board that died is seen within ~10 s (+ its timeout). */
    private static final int PROBE_EVERY = 10;

    private final long stationId;
    private final StationHardware hardware;
    private final IntSupplier volumePercent;
    private final PlayStats stats;
    private final SystemProbe probe;
    private final Path dataDir;
    private final Supplier<String> playing;
    private final BooleanSupplier clockSynchronised;
    private final BooleanSupplier soundOn;
    private final ScheduledExecutorService poller;
    private volatile Runnable onChange = () -> { };
    private volatile State state;
    private volatile SystemProbe.Stats system = new SystemProbe.Stats(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalLong.empty(), OptionalLong.empty());
    private long polls;
    private String lastSensorError = "";
    private List<DeviceFault> lastFaults = List.of();

    /** The devices as last read, and what else counts as a change worth reporting at once. */
    record State(boolean sensorsKnown, String sensorsError, SensorReadings sensors, boolean amplifierPowered,
            Set<Long> relaysOn, Set<Long> failedZones, int consecutiveFailures, String playing,
            boolean clockSynchronised, int volumePercent, List<DeviceFault> deviceFaults) {
    }

    /**
     * @param soundOn whether a stream is meant to be sounding now (an item plays or a test tone runs)
     */
    public HealthWatcher(long stationId, StationHardware hardware, IntSupplier volumePercent, PlayStats stats,
            SystemProbe probe, Path dataDir, Supplier<String> playing, BooleanSupplier clockSynchronised,
            BooleanSupplier soundOn) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.volumePercent = volumePercent;
        this.soundOn = soundOn;
        this.stats = stats;
        this.probe = probe;
        this.dataDir = dataDir;
        this.playing = playing;
        this.clockSynchronised = clockSynchronised;
        this.poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-" + stationId).daemon(true).factory());
    }

    /** Reads everything once (so the first heartbeat is complete), then polls. */
    public void start(Runnable onChange) {
        this.onChange = onChange;
        system = probe.read();
        state = readState();
        poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Polls now (tests and commands that just switched something). */
    public void pollNow() {
        poller.execute(this::poll);
    }

    private void poll() {
        try {
            if (++polls % SYSTEM_EVERY == 0) {
                system = probe.read();
            }
            if (polls % PROBE_EVERY == 0 && !soundOn.getAsBoolean() && !hardware.amplifier().isPowered()) {
                hardware.devices().probe(); // idle: nothing else uses the boards' ports now (they are locked anyway)
            }
            State now = readState();
            State before = state;
            state = now;
            if (!now.equals(before)) {
                log.debug("station {}: health changed: {}", stationId, now);
                onChange.run();
            }
        } catch (RuntimeException e) {
            log.error("station {}: reading the station's health failed: {}", stationId, e.toString(), e);
        }
    }

    private State readState() {
        boolean known = true;
        String error = "";
        SensorReadings readings = SensorReadings.NOMINAL;
        try {
            readings = Objects.requireNonNull(hardware.sensors().read(), "sensors returned nothing");
        } catch (HardwareException | RuntimeException e) {
            known = false;
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (!error.equals(lastSensorError)) {
            if (error.isEmpty()) {
                log.info("station {}: sensor inputs readable again", stationId);
            } else {
                log.error("station {}: cannot read the sensor inputs: {}", stationId, error);
            }
            lastSensorError = error;
        }
        List<DeviceFault> faults = hardware.devices().faults();
        if (!faults.equals(lastFaults)) {
            for (DeviceFault f : faults) {
                if (!lastFaults.contains(f)) {
                    log.error("station {}: {} fails: {} (zones silent: {}{})", stationId, f.description(), f.problem(),
                            f.zones(), f.amplifier() ? ", and the amplifier" : "");
                }
            }
            if (faults.isEmpty()) {
                log.info("station {}: every device works again", stationId);
            }
            lastFaults = faults;
        }
        return new State(known, error, readings, hardware.amplifier().isPowered(),
                new TreeSet<>(hardware.zones().activeZones()), new TreeSet<>(stats.failedZones()),
                stats.consecutiveFailures(), playing.get(), clockSynchronised.getAsBoolean(),
                volumePercent.getAsInt(), faults);
    }

    /** Adds the station's health to a heartbeat being built (never blocks: cached values only). */
    public Heartbeat.Builder complete(Heartbeat.Builder b) {
        State s = state;
        SystemProbe.Stats sys = system;
        sys.load1m().ifPresent(b::setCpuLoad1M);
        sys.temperatureC().ifPresent(b::setCpuTemperatureC);
        sys.memoryTotalBytes().ifPresent(b::setMemoryTotalBytes);
        sys.memoryAvailableBytes().ifPresent(b::setMemoryAvailableBytes);
        b.setDiskTotalBytes(dataDir.toFile().getTotalSpace());
        if (s != null) {
            b.setSensorsKnown(s.sensorsKnown()).setSensorsError(s.sensorsError())
                    .setAmplifierPowered(s.amplifierPowered())
                    .setAmplifierFault(s.sensorsKnown() && s.sensors().amplifierFault())
                    .setMainsPresent(!s.sensorsKnown() || s.sensors().mainsPresent())
                    .setDoorOpen(s.sensorsKnown() && s.sensors().doorOpen())
                    .addAllRelaysOn(List.copyOf(s.relaysOn()));
            for (DeviceFault f : s.deviceFaults()) {
                b.addDeviceFaults(vn.loa.protocol.v1.DeviceFault.newBuilder().setDevice(f.device())
                        .setDescription(f.description()).setProblem(f.problem()).addAllZoneIds(f.zones())
                        .setAmplifier(f.amplifier()));
            }
        }
        hardware.devices().wiredZones().ifPresent(z -> b.setHardwareZonesKnown(true).addAllHardwareZoneIds(z));
        b.addAllFailedZoneIds(List.copyOf(new TreeSet<>(stats.failedZones())));
        if (soundOn.getAsBoolean()) {
            AudioLevels levels = hardware.audio().levels();
            if (levels.samples() > 0) {
                b.setOutputLevelDbfs(levels.rmsDbfs());
            }
        }
        return b.setVolumePercent(volumePercent.getAsInt()).setPlayFailuresTotal(stats.failuresTotal())
                .setConsecutivePlayFailures(stats.consecutiveFailures()).setStreamUnderruns(stats.streamUnderruns())
                .setSentAtMs(System.currentTimeMillis());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("station {}: the health poller did not stop in 5 s", stationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
