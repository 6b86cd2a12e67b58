package vn.loa.agent.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.v1.PlayReport;

class PlayStatsTest {
    private static PlayReport report(PlayReport.Outcome outcome, String reason, Long... zones) {
        return PlayReport.newBuilder().setReportId("r").setOutcome(outcome).setReason(reason)
                .addAllZoneIds(List.of(zones)).build();
    }

    @Test
    void countsFailuresInARowAndResetsOnAPlay() {
        PlayStats s = new PlayStats();
        s.record(report(PlayReport.Outcome.FAILED, "MEDIA_MISSING", 1L));
        s.record(report(PlayReport.Outcome.SKIPPED, "TOO_LATE", 1L));
        s.record(report(PlayReport.Outcome.FAILED, "MEDIA_CORRUPT", 1L));
        assertThat(s.consecutiveFailures()).isEqualTo(2);
        assertThat(s.failuresTotal()).isEqualTo(2);
        s.record(report(PlayReport.Outcome.PLAYED, "", 1L));
        assertThat(s.consecutiveFailures()).isZero();
        assertThat(s.failuresTotal()).isEqualTo(2);
    }

    @Test
    void zonesFailAndRecoverFromReportsAndTests() {
        PlayStats s = new PlayStats();
        s.record(report(PlayReport.Outcome.PLAYED, "ZONES_FAILED:2,3;STARTED_LATE", 1L, 2L, 3L));
        assertThat(s.failedZones()).containsExactlyInAnyOrder(2L, 3L);
        s.record(report(PlayReport.Outcome.FAILED, "ZONES_FAILED", 4L));
        assertThat(s.failedZones()).containsExactlyInAnyOrder(2L, 3L, 4L);
        s.record(report(PlayReport.Outcome.PLAYED, "", 2L));
        assertThat(s.failedZones()).containsExactlyInAnyOrder(3L, 4L);
        s.record(report(PlayReport.Outcome.FAILED, "MEDIA_MISSING", 3L));
        assertThat(s.failedZones()).as("a media failure says nothing about relays").containsExactlyInAnyOrder(3L, 4L);
        s.zoneTested(3, true);
        s.zoneTested(5, false);
        assertThat(s.failedZones()).containsExactlyInAnyOrder(4L, 5L);
    }
}
