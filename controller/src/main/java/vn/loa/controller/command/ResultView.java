package vn.loa.controller.command;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.protocol.v1.CommandResult;

/** A command result as the API shows it. */
final class ResultView {
    private ResultView() {
    }

    static Map<String, Object> of(CommandResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.getStatus().name());
        m.put("message", r.getMessage());
        m.put("startedAtMs", r.getStartedAtMs() == 0 ? null : r.getStartedAtMs());
        m.put("finishedAtMs", r.getFinishedAtMs() == 0 ? null : r.getFinishedAtMs());
        switch (r.getDetailCase()) {
            case TEST_TONE -> {
                var t = r.getTestTone();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("zoneId", t.getZoneId());
                d.put("playedMs", t.getPlayedMs());
                d.put("rmsDbfs", t.getPlayedMs() == 0 ? null : t.getRmsDbfs());
                d.put("amplifierReadBack", t.getAmplifierReadBack());
                d.put("relayReadBack", t.getRelayReadBack());
                m.put("testTone", d);
            }
            case SILENT_TEST -> {
                var s = r.getSilentTest();
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("amplifierOk", s.getAmplifierOk());
                d.put("zones", s.getZonesList().stream().map(z -> {
                    Map<String, Object> zm = new LinkedHashMap<>();
                    zm.put("zoneId", z.getZoneId());
                    zm.put("ok", z.getOk());
                    zm.put("error", z.getError().isEmpty() ? null : z.getError());
                    return zm;
                }).toList());
                m.put("silentTest", d);
            }
            case VOLUME -> m.put("volume", Map.of("percent", r.getVolume().getPercent()));
            case LOG -> m.put("log", Map.of("lines", r.getLog().getLinesList()));
            case DETAIL_NOT_SET -> {
                // status and message say it all
            }
        }
        return m;
    }
}
