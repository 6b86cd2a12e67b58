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
 * Reads the body of {@code POST /api/v1/stations/{id}/commands} into a {@link CommandRequest}, checked against
 * the station (its zones); the web endpoint calls it, {@link CommandService} takes the record.
 */
public final class CommandRequestParser {
    private static final int MAX_TONE_SECONDS = 60;
    private static final int DEFAULT_TONE_SECONDS = 5;
    private static final int MAX_LOG_LINES = 1000;
    private static final long DEFAULT_TIMEOUT_SECONDS = 30;

    /** @throws IllegalArgumentException listing everything wrong with the request */
    public static CommandRequest parse(JsonNode body, Station station) {
        List<String> errors = new ArrayList<>();
        CommandType type = type(body.get("type"), errors);
        List<Long> zoneIds = station.zones().stream().map(Zone::id).toList();
        Map<String, Object> params = new LinkedHashMap<>();
        Command.Builder c = Command.newBuilder();
        long timeout = switch (type) {
            case TEST_TONE -> testTone(body, station.id(), zoneIds, params, c, errors);
            case SILENT_TEST -> silentTest(body, station.id(), zoneIds, params, c, errors);
            case SET_VOLUME -> {
                long percent = integer(body, "percent", -1, 0, 100, errors);
                if (!body.hasNonNull("percent")) {
                    errors.add("percent: required, 0..100");
                }
                params.put("percent", percent);
                c.setSetVolume(SetVolume.newBuilder().setPercent((int) Math.max(0, percent)));
                yield DEFAULT_TIMEOUT_SECONDS;
            }
            case RESTART_AGENT -> {
                c.setRestartAgent(RestartAgent.getDefaultInstance());
                yield DEFAULT_TIMEOUT_SECONDS;
            }
            case SET_LOCAL_MODE -> {
                JsonNode on = body.get("on");
                if (on == null || !on.isBoolean()) {
                    errors.add("on: required, true (local mode: the station to the local mixer) or false");
                }
                boolean local = on != null && on.asBoolean();
                params.put("on", local);
                c.setSetLocalMode(SetLocalMode.newBuilder().setOn(local));
                yield 15;
            }
            case FETCH_LOG -> {
                long lines = integer(body, "maxLines", 200, 1, MAX_LOG_LINES, errors);
                params.put("maxLines", lines);
                c.setFetchLog(FetchLog.newBuilder().setMaxLines((int) lines));
                yield DEFAULT_TIMEOUT_SECONDS;
            }
        };
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        return new CommandRequest(type, c, params, timeout);
    }

    /** @throws IllegalArgumentException when there is no type or it is not one */
    private static CommandType type(JsonNode typeNode, List<String> errors) {
        if (typeNode == null || !typeNode.isTextual()) {
            errors.add("type: required, one of " + List.of(CommandType.values()));
        } else {
            try {
                return CommandType.valueOf(typeNode.asText());
            } catch (IllegalArgumentException e) {
                errors.add("type: '" + typeNode.asText() + "' is not one of " + List.of(CommandType.values()));
            }
        }
        throw new IllegalArgumentException(String.join("; ", errors));
    }

    /** @return the seconds to wait for the answer */
    private static long testTone(JsonNode body, long stationId, List<Long> zoneIds, Map<String, Object> params,
            Command.Builder c, List<String> errors) {
        long zone = integer(body, "zoneId", 0, 1, Long.MAX_VALUE, errors);
        if (zone > 0 && !zoneIds.contains(zone)) {
            errors.add("zoneId: zone " + zone + " is not a zone of station " + stationId + " " + zoneIds);
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
        return seconds + DEFAULT_TIMEOUT_SECONDS;
    }

    /** @return the seconds to wait for the answer */
    private static long silentTest(JsonNode body, long stationId, List<Long> zoneIds, Map<String, Object> params,
            Command.Builder c, List<String> errors) {
        List<Long> zones = new ArrayList<>();
        JsonNode z = body.get("zoneIds");
        if (z != null && !z.isNull()) {
            if (!z.isArray()) {
                errors.add("zoneIds: must be a list of zone ids");
            } else {
                for (JsonNode n : z) {
                    if (!n.canConvertToLong() || !zoneIds.contains(n.asLong())) {
                        errors.add("zoneIds: " + n + " is not a zone of station " + stationId);
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
        return DEFAULT_TIMEOUT_SECONDS + 2L * zones.size();
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

    private CommandRequestParser() {
    }
}
