package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.web.Json;

/** Small API steps the resilience tests share: areas, stations, bulletins, schedules, the as-run log. */
final class Fixture {
    private Fixture() {
    }

    record StationRef(long id, String secret, List<Long> zoneIds) {
    }

    static long area(ApiClient api, String name, String kind, Long parentId) {
        Map<String, Object> body = parentId == null ? Map.of("name", name, "kind", kind)
                : Map.of("name", name, "kind", kind, "parentId", parentId);
        ApiClient.Response r = api.post("/api/v1/areas", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static StationRef station(ApiClient api, String name, long areaId) {
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId,
                "zones", List.of(Map.of("name", "Thôn 1"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<Long> zoneIds = new ArrayList<>();
        r.json().get("zones").forEach(n -> zoneIds.add(n.get("id").asLong()));
        return new StationRef(r.json().get("id").asLong(), r.json().get("secret").asText(), zoneIds);
    }

    static long bulletin(ApiClient api, String title, String fileName, byte[] audio) {
        ApiClient.Response r = api.upload("/api/v1/bulletins", title, fileName, audio);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static ObjectNode onceBody(long bulletinId, Instant at, List<Long> stationIds) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", bulletinId).put("title", "Thử nghiệm").put("priority", "NORMAL");
        ObjectNode targets = body.putObject("targets");
        stationIds.forEach(targets.putArray("stationIds")::add);
        targets.putArray("areaIds");
        targets.putArray("zoneIds");
        body.putObject("rule").put("type", "once").put("at", Json.local(at));
        return body;
    }

    static long scheduleOnce(ApiClient api, long bulletinId, Instant at, List<Long> stationIds) {
        ApiClient.Response r = api.post("/api/v1/schedules", onceBody(bulletinId, at, stationIds));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static List<JsonNode> plays(ApiClient api, String query) {
        ApiClient.Response r = api.get("/api/v1/plays" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    /** A mono 16-bit PCM WAV of a tone, built in memory. */
    static byte[] wav(int sampleRate, double seconds, double hz) {
        int n = (int) (sampleRate * seconds);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / sampleRate)));
        }
        return b.array();
    }
}
