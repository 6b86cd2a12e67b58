package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.v1.Priority;
import vn.loa.testsupport.FakeClock;

class CapPlannerTest {
    private final CapParser parser = new CapParser();
    private final CapPlanner planner = new CapPlanner(CapPriorityTable.DEFAULT, "vi");
    private final Instant now = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)).instant();

    private CapDecision decide(byte[] xml, boolean trusted) {
        return planner.decide(parser.parse(xml), trusted, CapExamples.STATIONS, CapExamples.GSO, now);
    }

    @Test
    void a1TheWholeProvinceByGsoCodeAtEmergency() {
        CapDecision.Broadcast b = (CapDecision.Broadcast) decide(CapExamples.a1(), true);
        assertThat(b.identifier()).isEqualTo("43b080713727");
        assertThat(b.stationIds()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L);
        assertThat(b.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(b.title()).isEqualTo("CAP: Homeland Security Sets Code ORANGE");
        assertThat(b.content()).isInstanceOfSatisfying(CapDecision.Speech.class, s -> {
            assertThat(s.language()).isEqualTo("en");
            assertThat(s.text()).startsWith("Homeland Security Sets Code ORANGE. The Department of Homeland Security")
                    .contains("System threat level").endsWith("existing plans.");
        });
        assertThat(b.needsApproval()).isFalse();
        assertThat(b.replaces()).isEmpty();
    }

    @Test
    void a2ThePolygonPicksTheCityStationsAndExpires() {
        CapDecision.Broadcast b = (CapDecision.Broadcast) decide(CapExamples.a2(now), true);
        assertThat(b.stationIds()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(b.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(b.expires()).isEqualTo(now.plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        // the original, expired in 2003, airs nothing
        assertThat(decide(CapExamples.original(2).replace("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14",
                "21.80,106.70 21.80,106.80 21.90,106.80 21.90,106.70 21.80,106.70").getBytes(StandardCharsets.UTF_8), true))
                .isInstanceOfSatisfying(CapDecision.NotBroadcast.class,
                        n -> assertThat(n.reason()).isEqualTo(CapDecision.Reason.EXPIRED));
    }

    @Test
    void a3AnUpdateInACircleAtNormalReplacesTheAlertItReferences() {
        CapDecision.Broadcast b = (CapDecision.Broadcast) decide(CapExamples.a3(), true);
        assertThat(b.stationIds()).containsExactly(3L);
        assertThat(b.priority()).isEqualTo(Priority.NORMAL);
        assertThat(b.replaces()).containsExactly("TRI13970876.1");
    }

    @Test
    void a4TheDistrictByGsoCodeInTheFirstLanguageWhenOursIsMissing() {
        CapDecision.Broadcast b = (CapDecision.Broadcast) decide(CapExamples.a4(), true);
        assertThat(b.stationIds()).containsExactlyInAnyOrder(3L, 4L);
        assertThat(b.priority()).isEqualTo(Priority.EMERGENCY);
        assertThat(((CapDecision.Speech) b.content()).language()).isEqualTo("en");
        CapPlanner spanish = new CapPlanner(CapPriorityTable.DEFAULT, "es");
        CapDecision.Broadcast es = (CapDecision.Broadcast) spanish.decide(parser.parse(CapExamples.a4()), true,
                CapExamples.STATIONS, CapExamples.GSO, now);
        assertThat(es.title()).isEqualTo("CAP: Alerta Amber en el condado de Los Ángeles");
        assertThat(((CapDecision.Speech) es.content()).language()).isEqualTo("es");
    }

    @Test
    void anUntrustedCallersAlertWaitsForApproval() {
        assertThat(decide(CapExamples.a1(), false)).isInstanceOfSatisfying(CapDecision.Broadcast.class,
                b -> assertThat(b.needsApproval()).isTrue());
    }

    @Test
    void anAudioResourceIsPlayedInsteadOfTheText() {
        String withAudio = new String(CapExamples.a1(), StandardCharsets.UTF_8).replace("<mimeType>image/gif</mimeType>"
                + "\n            <uri>http://www.dhs.gov/dhspublic/getAdvisoryImage</uri>",
                "<mimeType>audio/mpeg</mimeType>\n            <uri>https://alerts.example.vn/a.mp3</uri>");
        CapDecision.Broadcast b = (CapDecision.Broadcast) decide(withAudio.getBytes(StandardCharsets.UTF_8), true);
        assertThat(b.content()).isInstanceOfSatisfying(CapDecision.Audio.class, a -> {
            assertThat(a.uri()).isEqualTo(java.net.URI.create("https://alerts.example.vn/a.mp3"));
            assertThat(a.mimeType()).isEqualTo("audio/mpeg");
            assertThat(a.orElse().text()).startsWith("Homeland Security Sets Code ORANGE.");
        });
    }

    record Case(String from, String to, CapDecision.Reason reason) {
    }

    @Test
    void whatAirsNothing() {
        String a1 = new String(CapExamples.a1(), StandardCharsets.UTF_8);
        for (Case c : List.of(
                new Case("<status>Actual</status>", "<status>Exercise</status>", CapDecision.Reason.NOT_ACTUAL),
                new Case("<status>Actual</status>", "<status>Test</status>", CapDecision.Reason.NOT_ACTUAL),
                new Case("<msgType>Alert</msgType>", "<msgType>Ack</msgType>", CapDecision.Reason.NOT_AN_ALERT),
                new Case("<msgType>Alert</msgType>", "<msgType>Update</msgType>", CapDecision.Reason.NO_REFERENCE),
                new Case("<msgType>Alert</msgType>", "<msgType>Cancel</msgType>", CapDecision.Reason.NO_REFERENCE),
                new Case("<value>20</value>", "<value>99</value>", CapDecision.Reason.NO_STATION_INSIDE))) {
            assertThat(decide(a1.replace(c.from(), c.to()).getBytes(StandardCharsets.UTF_8), true)).as(c.to())
                    .isInstanceOfSatisfying(CapDecision.NotBroadcast.class, n -> assertThat(n.reason()).isEqualTo(c.reason()));
        }
    }

    @Test
    void aCancelStopsTheAlertsItReferences() {
        String cancel = new String(CapExamples.a1(), StandardCharsets.UTF_8).replace("<msgType>Alert</msgType>",
                "<msgType>Cancel</msgType>").replace("<scope>Public</scope>", "<scope>Public</scope>\n    <references>"
                + "hsas@dhs.gov,43b080713726,2003-04-02T14:39:01-05:00</references>");
        assertThat(decide(cancel.getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo(new CapDecision.Stop("43b080713727", List.of("43b080713726"), false));
        assertThat(decide(cancel.getBytes(StandardCharsets.UTF_8), false))
                .isEqualTo(new CapDecision.Stop("43b080713727", List.of("43b080713726"), true));
    }

    @Test
    void stationsInsideAreTheUnionOfShapesAndGeocodes() {
        CapAlert.Area byCode = new CapAlert.Area("Chi Lăng", new CapArea(List.of(), List.of()),
                List.of(new CapAlert.Geocode("gso", "186"), new CapAlert.Geocode("SAME", "20")));
        CapAlert.Area byCircle = new CapAlert.Area("near station 1", new CapArea(List.of(),
                List.of(CapArea.Circle.parse("21.8537,106.7615 1"))), List.of());
        assertThat(CapTargeting.stationsInside(List.of(byCode, byCircle), CapExamples.STATIONS, CapExamples.GSO, now))
                .isEqualTo(Set.of(1L, 3L, 4L));
    }
}
