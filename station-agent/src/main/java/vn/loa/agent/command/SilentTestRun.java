package vn.loa.agent.command;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.health.PlayStats;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.SilentTest;
import vn.loa.protocol.v1.SilentTestResult;
import vn.loa.protocol.v1.ZoneCheck;

/**
 * Exercises the station without sound: the amplifier on and read back, each zone relay on and read
 * back, then off and read back, the amplifier back as it was. No audio is opened.
 */
final class SilentTestRun {
    private static final Logger log = LoggerFactory.getLogger(SilentTestRun.class);

    private final long stationId;
    private final StationHardware hardware;
    private final PlayStats stats;
    private final AgentConfig config;
    private final Clock clock;

    SilentTestRun(long stationId, StationHardware hardware, PlayStats stats, AgentConfig config, Clock clock) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.stats = stats;
        this.config = config;
        this.clock = clock;
    }

    long windowMillis(int zones) {
        return config.warmUp().toMillis() + (zones + 1) * 2 * config.zoneSettle().toMillis() + 2000;
    }

    CommandResult.Builder run(SilentTest test) {
        List<Long> zones = new ArrayList<>(test.getZoneIdsList());
        if (zones.isEmpty()) {
            zones.addAll(hardware.zones().zones());
        }
        SilentTestResult.Builder detail = SilentTestResult.newBuilder();
        boolean ampWasOn = hardware.amplifier().isPowered();
        String ampError = "";
        try {
            hardware.amplifier().setPowered(true);
            if (!hardware.amplifier().isPowered()) {
                ampError = "does not read back as on";
            }
        } catch (HardwareException e) {
            ampError = e.getMessage();
        }
        detail.setAmplifierOk(ampError.isEmpty());
        if (!ampWasOn && ampError.isEmpty()) {
            Switching.pause(clock, config.warmUp().toMillis());
        }
        int failed = 0;
        for (long zone : zones) {
            String error = checkZone(zone);
            stats.zoneTested(zone, error.isEmpty());
            if (!error.isEmpty()) {
                failed++;
                log.error("station {}: silent test: zone {}: {}", stationId, zone, error);
            }
            detail.addZones(ZoneCheck.newBuilder().setZoneId(zone).setOk(error.isEmpty()).setError(error));
        }
        if (!ampWasOn) {
            try {
                hardware.amplifier().setPowered(false);
                if (hardware.amplifier().isPowered() && ampError.isEmpty()) {
                    ampError = "does not read back as off";
                    detail.setAmplifierOk(false);
                }
            } catch (HardwareException e) {
                ampError = ampError.isEmpty() ? "did not switch off: " + e.getMessage() : ampError;
                detail.setAmplifierOk(false);
            }
        }
        CommandResult.Builder r = CommandResult.newBuilder().setSilentTest(detail);
        if (!detail.getAmplifierOk() || failed > 0) {
            String msg = (detail.getAmplifierOk() ? "" : "amplifier " + ampError + "; ")
                    + failed + " of " + zones.size() + " zones failed";
            log.warn("station {}: silent test: {}", stationId, msg);
            return r.setStatus(CommandResult.Status.FAILED).setMessage(msg);
        }
        log.info("station {}: silent test passed: amplifier and {} zones read back", stationId, zones.size());
        return r.setStatus(CommandResult.Status.SUCCEEDED)
                .setMessage("amplifier and " + zones.size() + " zones switched and read back");
    }

    private String checkZone(long zone) {
        try {
            hardware.zones().setZone(zone, true);
        } catch (HardwareException e) {
            return "on: " + e.getMessage();
        }
        Switching.pause(clock, config.zoneSettle().toMillis());
        String error = hardware.zones().activeZones().contains(zone) ? "" : "does not read back as on";
        try {
            hardware.zones().setZone(zone, false);
        } catch (HardwareException e) {
            return error.isEmpty() ? "off: " + e.getMessage() : error;
        }
        Switching.pause(clock, config.zoneSettle().toMillis());
        if (error.isEmpty() && hardware.zones().activeZones().contains(zone)) {
            error = "does not read back as off";
        }
        return error;
    }
}
