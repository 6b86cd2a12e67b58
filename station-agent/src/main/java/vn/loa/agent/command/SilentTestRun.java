package vn.loa.agent.command;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.health.PlayStats;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.switching.SwitchFailure;
import vn.loa.hardware.switching.Switched;
import vn.loa.hardware.switching.SwitchingSequence;
import vn.loa.hardware.switching.SwitchingSequence.AmplifierAfter;
import vn.loa.protocol.v1.CommandResult;
import vn.loa.protocol.v1.SilentTest;
import vn.loa.protocol.v1.SilentTestResult;
import vn.loa.protocol.v1.ZoneCheck;

/**
 * Exercises the station without sound, in the station's switching order ({@link SwitchingSequence}):
 * the amplifier on and read back, each zone relay on and read back, then off and read back, the
 * amplifier back as it was. No audio is opened.
 */
final class SilentTestRun {
    private static final Logger log = LoggerFactory.getLogger(SilentTestRun.class);

    private final long stationId;
    private final StationHardware hardware;
    private final PlayStats stats;
    private final SwitchingSequence switching;

    SilentTestRun(long stationId, StationHardware hardware, PlayStats stats, SwitchingSequence switching) {
        this.stationId = stationId;
        this.hardware = hardware;
        this.stats = stats;
        this.switching = switching;
    }

    long windowMillis(int zones) {
        return switching.timings().warmUp().toMillis() + (zones + 1) * 2 * switching.timings().settle().toMillis()
                + 2000;
    }

    CommandResult.Builder run(SilentTest test) {
        List<Long> zones = new ArrayList<>(test.getZoneIdsList());
        if (zones.isEmpty()) {
            zones.addAll(hardware.zones().zones());
        }
        SilentTestResult.Builder detail = SilentTestResult.newBuilder();
        String ampError = "";
        int failed = 0;
        Switched sw = switching.begin("station " + stationId + " silent test", AmplifierAfter.AS_BEFORE);
        try (sw) {
            try {
                sw.amplifierOn();
                if (!hardware.amplifier().isPowered()) {
                    ampError = "does not read back as on";
                }
            } catch (HardwareException e) {
                ampError = e.getMessage();
            }
            for (long zone : zones) {
                String error = checkZone(sw, zone);
                stats.zoneTested(zone, error.isEmpty());
                if (!error.isEmpty()) {
                    failed++;
                    log.error("station {}: silent test: zone {}: {}", stationId, zone, error);
                }
                detail.addZones(ZoneCheck.newBuilder().setZoneId(zone).setOk(error.isEmpty()).setError(error));
            }
        }
        for (SwitchFailure f : sw.release()) {
            if (f.device() == SwitchFailure.Device.AMPLIFIER && ampError.isEmpty()) {
                ampError = "did not switch off: " + f.message();
            }
        }
        if (!sw.amplifierWasOn() && hardware.amplifier().isPowered() && ampError.isEmpty()) {
            ampError = "does not read back as off";
        }
        detail.setAmplifierOk(ampError.isEmpty());
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

    private String checkZone(Switched sw, long zone) {
        try {
            sw.zoneOn(zone);
        } catch (HardwareException e) {
            return "on: " + e.getMessage();
        }
        sw.settle();
        String error = hardware.zones().activeZones().contains(zone) ? "" : "does not read back as on";
        try {
            sw.zoneOff(zone);
        } catch (HardwareException e) {
            return error.isEmpty() ? "off: " + e.getMessage() : error;
        }
        sw.settle();
        if (error.isEmpty() && hardware.zones().activeZones().contains(zone)) {
            error = "does not read back as off";
        }
        return error;
    }
}
