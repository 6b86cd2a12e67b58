package vn.loa.controller.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;
import vn.loa.protocol.quiet.QuietHours;

/** A slot a commune accepts inside its quiet hours moves to the next allowed instant (issue 19, through the API). */
@Tag("e2e")
@Timeout(60)
class InboxQuietHoursTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void anAcceptedSlotInQuietHoursMovesToTheirEnd() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient admin = controller.admin();
        long province = ApiFixtures.province(admin);
        long commune = ApiFixtures.area(admin, "Xã Hoàng Văn Thụ", "COMMUNE", province);
        ApiFixtures.station(admin, "Đài xã Hoàng Văn Thụ", commune, 1);
        long quietCommune = ApiFixtures.area(admin, "Xã Tân Thành", "COMMUNE", province);
        ApiFixtures.StationRef quietStation = ApiFixtures.station(admin, "Đài xã Tân Thành", quietCommune, 1);
        ApiFixtures.BulletinRef bulletin = ApiFixtures.uploadWav(admin, "Tin phòng chống rét", TestWav.tone(24_000, 1.0));

        // quiet hours at the second commune's station only, from an hour ago to an hour from now (Vietnam time)
        LocalTime now = LocalTime.now(QuietHours.VIETNAM).withSecond(0).withNano(0);
        LocalTime end = now.plusHours(1);
        ObjectNode rule = ApiClient.json().createObjectNode().put("name", "Giờ nghỉ trưa")
                .put("from", now.minusHours(1).toString()).put("to", end.toString())
                .put("effect", "HOLD_BACK").put("overrideFrom", "PRIORITY");
        rule.put("stationId", quietStation.id());
        ApiClient.Response r = admin.post("/api/v1/quiet-rules", rule);
        assertThat(r.status()).as(r.body()).isEqualTo(201);

        Instant sent = Instant.now();
        ApiClient.Response dispatch = admin.post("/api/v1/dispatches", Map.of("title", "Tin phòng chống rét",
                "bulletinId", bulletin.id(), "level", "NORMAL", "communeIds", List.of(commune, quietCommune),
                "proposedAt", sent.plusSeconds(3 * 3600).toString(), "respondBy", sent.plusSeconds(3600).toString()));
        assertThat(dispatch.status()).as(dispatch.body()).isEqualTo(201);
        long dispatchId = dispatch.json().get("id").asLong();
        Instant slot = sent.plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

        JsonNode quiet = accept(admin, itemOf(admin, dispatchId, quietCommune), slot);
        ZonedDateTime endToday = slot.atZone(QuietHours.VIETNAM).with(end);
        Instant expected = (endToday.toInstant().isBefore(slot) ? endToday.plusDays(1) : endToday).toInstant();
        assertThat(quiet.get("slots")).extracting(n -> Instant.parse(n.asText())).containsExactly(expected);

        // the commune without quiet hours keeps the slot it chose
        JsonNode free = accept(admin, itemOf(admin, dispatchId, commune), slot);
        assertThat(free.get("slots")).extracting(n -> Instant.parse(n.asText())).containsExactly(slot);
    }

    private static JsonNode accept(ApiClient api, long item, Instant slot) {
        ApiClient.Response r = api.post("/api/v1/inbox/" + item + "/accept", Map.of("slots", List.of(slot.toString())));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static long itemOf(ApiClient api, long dispatch, long commune) {
        for (JsonNode i : api.get("/api/v1/inbox").json()) {
            if (i.get("dispatch").get("id").asLong() == dispatch && i.get("communeId").asLong() == commune) {
                return i.get("id").asLong();
            }
        }
        throw new AssertionError("no item of dispatch " + dispatch + " for commune " + commune + " in "
                + api.get("/api/v1/inbox").body());
    }
}
