package vn.loa.agent.config;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.selftest.SelfTest;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.Pause;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;

/**
 * Which hardware file the agent runs, decided once at start (docs/configuration.md): a pushed file under
 * {@code <data>/config/} wins over the packaged one ({@code --hardware-config}, the technician's
 * {@code /etc/loa-agent/hardware.properties}); a staged push is tried first — opened and given a silent self-test
 * of the zones it changes — and becomes the one that runs only if that passes; otherwise the station goes back
 * to its last good file. The outcome is written for the controller ({@link ConfigDirectory#writeResult}).
 */
public final class ConfigTrial {
    private static final Logger log = LoggerFactory.getLogger(ConfigTrial.class);

    /** Opens real devices for a hardware file (the agent's {@code HardwareBuilder}). */
    @FunctionalInterface
    public interface Opener {
        StationHardware open(HardwareConfig config, Clock clock) throws HardwareException;
    }

    /**
     * The file to run: its parsed configuration, or empty for simulated hardware (no file at all).
     *
     * @param source where it came from, for the log
     */
    public record Choice(Optional<HardwareConfig> config, String source) {
    }

    private ConfigTrial() {
    }

    /**
     * @param packaged the {@code --hardware-config} file, or null (simulated hardware)
     * @throws HardwareConfigException when the last good file itself does not parse (a broken conffile)
     */
    public static Choice choose(long stationId, Path dataDir, Path packaged, Opener opener, Clock clock)
            throws IOException, HardwareConfigException {
        ConfigDirectory dir = new ConfigDirectory(dataDir);
        Optional<Path> lastGoodFile = dir.current().or(() -> Optional.ofNullable(packaged));
        Optional<HardwareConfig> lastGood = lastGoodFile.isPresent()
                ? Optional.of(HardwareConfigParser.parse(lastGoodFile.get())) : Optional.empty();
        Choice fallback = new Choice(lastGood, lastGoodFile.map(Path::toString).orElse("simulated hardware"));
        Optional<ConfigDirectory.Staged> staged = dir.staged();
        if (staged.isEmpty()) {
            return fallback;
        }
        long pushId = staged.get().pushId();
        HardwareConfig trial;
        try {
            trial = HardwareConfigParser.parse(staged.get().text(), "config push " + pushId);
        } catch (HardwareConfigException e) {
            return failed(dir, stationId, pushId, ConfigDirectory.Outcome.FAILED, e.getMessage(), List.of(), fallback);
        }
        List<Long> zones = ChangedZones.toTest(lastGood.orElse(null), trial);
        String problem = selfTest(opener, trial, zones, clock);
        if (problem != null) {
            return failed(dir, stationId, pushId, ConfigDirectory.Outcome.ROLLED_BACK, problem, zones, fallback);
        }
        dir.promoteStaged();
        dir.writeResult(new ConfigDirectory.Result(pushId, ConfigDirectory.Outcome.APPLIED,
                "silent self-test passed: zones " + zones, zones));
        log.info("station {}: pushed hardware file {} applied: silent self-test of zones {} passed", stationId, pushId,
                zones);
        return new Choice(Optional.of(trial), dir.current().orElseThrow().toString());
    }

    /** Null when the hardware opened and every zone (and the amplifier) switched and read back; else why not. */
    private static String selfTest(Opener opener, HardwareConfig config, List<Long> zones, Clock clock) {
        StationHardware hw;
        try {
            hw = opener.open(config, clock);
        } catch (HardwareException | RuntimeException e) {
            return "the hardware does not open: " + e.getMessage();
        }
        try (hw) {
            SelfTest test = new SelfTest(hw, config.timings().warmUp(), Duration.ZERO, true, clock,
                    Pause.parking(clock, () -> true));
            List<String> failed = test.run(zones).stream().filter(r -> !r.passed())
                    .map(r -> "zone " + r.zone() + ": " + String.join("; ", r.problems())).toList();
            List<String> problems = new java.util.ArrayList<>(failed);
            hw.devices().faults().forEach(f -> problems.add(f.device() + ": " + f.problem()));
            return problems.isEmpty() ? null : String.join(" | ", problems);
        } catch (RuntimeException e) {
            return "the self-test failed: " + e;
        }
    }

    private static Choice failed(ConfigDirectory dir, long stationId, long pushId, ConfigDirectory.Outcome outcome,
            String reason, List<Long> zones, Choice fallback) throws IOException {
        dir.dropStaged();
        dir.writeResult(new ConfigDirectory.Result(pushId, outcome, reason, zones));
        log.error("station {}: pushed hardware file {} {}: {}; back to {}", stationId, pushId, outcome, reason,
                fallback.source());
        return fallback;
    }
}
