package vn.loa.controller.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;
import vn.loa.protocol.v1.Command;
import vn.loa.protocol.v1.FetchLog;
import vn.loa.protocol.v1.RestartAgent;
import vn.loa.protocol.v1.SetLocalMode;
import vn.loa.protocol.v1.SetVolume;
import vn.loa.protocol.v1.SilentTest;
import vn.loa.protocol.v1.TestTone;

/**
 * A command request from the API, checked against the station: the wire command, the parameters as
 * stored, and how long to wait for the answer.
 */
record CommandRequest(CommandType type, Command.Builder command, Map<String, Object> params, long timeoutSeconds) {
    static final int MAX_TONE_SECONDS = 60;
    static final int DEFAULT_TONE_SECONDS = 5;
    static final int MAX_LOG_LINES = 1000;

    /** @throws IllegalArgumentException listing everything wrong with the request */
    static CommandRequest parse(JsonNode body, Station station) {
        List<String> errors = new ArrayList<>();
        JsonNode typeNode = body.get("type");
        CommandType type = null;
        if (typeNode == null || !typeNode.isTextual()) {
            errors.add("type: required, one of " + List.of(CommandType.values()));
        } else {
            try {
                type = CommandType.valueOf(typeNode.asText());
            } catch (IllegalArgumentException e) {
                errors.add("type: '" + typeNode.asText() + "' is not one of " + List.of(CommandType.values()));
            }
        }
        if (type == null) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        Command.Builder c = Command.newBuilder();
        long timeout = 30;
        List<Long> zoneIds = station.zones().stream().map(Zone::id).toList();
        switch (type) {
            case TEST_TONE -> {
                long zone = integer(body, "zoneId", 0, 1, Long.MAX_VALUE, errors);
                if (zone > 0 && !zoneIds.contains(zone)) {
                    errors.add("zoneId: zone " + zone + " is not a zone of station " + station.id() + " " + zoneIds);
                }
                long seconds = integer(body, "seconds", DEFAULT_TONE_SECONDS, 1, MAX_TONE_SECONDS, errors);
                long freq = integer(body, "frequencyHz", 1000, 50, 10_000, errors);
                long level = integer(body, "levelDbfs", -12, -60, -3, errors);
                if (zone == 0 && !body.hasNonNull("zoneId")) {
                    errors.add("zoneId: required");
                }
                params.put("zoneId", zone);
                params.put("seconds", seconds);
                params.put("frequencyHz", freq);
                params.put("levelDbfs", level);
                c.setTestTone(TestTone.newBuilder().setZoneId(zone).setSeconds((int) seconds)
                        .setFrequencyHz((int) freq).setLevelDbfs(level));
                timeout = seconds + 30;
            }
            case SILENT_TEST -> {
                List<Long> zones = new ArrayList<>();
                JsonNode z = body.get("zoneIds");
                if (z != null && !z.isNull()) {
                    if (!z.isArray()) {
                        errors.add("zoneIds: must be a list of zone ids");
                    } else {
                        for (JsonNode n : z) {
                            if (!n.canConvertToLong() || !zoneIds.contains(n.asLong())) {
                                errors.add("zoneIds: " + n + " is not a zone of station " + station.id());
                            } else {
                                zones.add(n.asLong());
                            }
                        }
                    }
                }
                if (zones.isEmpty()) {
                    zones.addAll(zoneIds);
                }
                params.put("zoneIds", zones);
                c.setSilentTest(SilentTest.newBuilder().addAllZoneIds(zones));
                timeout = 30 + 2L * zones.size();
            }
            case SET_VOLUME -> {
                long percent = integer(body, "percent", -1, 0, 100, errors);
                if (!body.hasNonNull("percent")) {
                    errors.add("percent: required, 0..100");
                }
                params.put("percent", percent);
                c.setSetVolume(SetVolume.newBuilder().setPercent((int) Math.max(0, percent)));
            }
            case RESTART_AGENT -> c.setRestartAgent(RestartAgent.getDefaultInstance());
            case SET_LOCAL_MODE -> {
                JsonNode on = body.get("on");
                if (on == null || !on.isBoolean()) {
                    errors.add("on: required, true (local mode: the station to the local mixer) or false");
                }
                boolean local = on != null && on.asBoolean();
                params.put("on", local);
                c.setSetLocalMode(SetLocalMode.newBuilder().setOn(local));
                timeout = 15;
            }
            case FETCH_LOG -> {
                long lines = integer(body, "maxLines", 200, 1, MAX_LOG_LINES, errors);
                params.put("maxLines", lines);
                c.setFetchLog(FetchLog.newBuilder().setMaxLines((int) lines));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new CommandRequest(type, c, params, timeout);
    }

    private static long integer(JsonNode body, String field, long fallback, long min, long max, List<String> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            errors.add(field + ": must be a whole number " + min + ".." + max);
            return fallback;
        }
        return v.asLong();
    }
}
