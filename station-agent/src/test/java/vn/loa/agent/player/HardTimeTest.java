package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlayReport.Outcome;

/**
 * Rivendell-style hard time: what a plan item does when another item still plays at its instant —
 * CUT what plays, play NEXT however late, or WAIT at most so long.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HardTimeTest {
    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    /** A two-second item "long" at +1 s, and a second item at +1.6 s with the given hard time. */
    private List<PlayReport> run(PlanItem.HardTime mode, long maxWaitMs) throws IOException {
        return run(mode, maxWaitMs, 2);
    }

    private List<PlayReport> run(PlanItem.HardTime mode, long maxWaitMs, int reports) throws IOException {
        h = new PlayerHarness(root, "boot-1", 1);
        h.sourceFactory = () -> new SineSource(PlayerHarness.AMPLITUDE, 2000, -1);
        h.synchronise();
        long now = h.clock.millis();
        PlanItem first = PlayerHarness.item("long", now + 1000, 1);
        PlanItem.Builder sb = PlayerHarness.item("second", now + 1600, 1).toBuilder().setHardTime(mode);
        PlanItem second = (maxWaitMs > 0 ? sb.setMaxWaitMs(maxWaitMs) : sb).build();
        h.plan(first, second);
        h.cacheMedia(first, second);
        h.start();
        return h.awaitReports(reports);
    }

    private static PlayReport of(List<PlayReport> reports, String itemId) {
        return reports.stream().filter(r -> r.getItemId().equals(itemId)).findFirst().orElseThrow();
    }

    @Test
    void cutStopsWhatPlaysAndStartsOnTime() throws IOException {
        List<PlayReport> reports = run(PlanItem.HardTime.CUT, 0, 3);
        PlayReport cut = of(reports, "long");
        PlayReport second = of(reports, "second");
        assertThat(cut.getOutcome()).isEqualTo(Outcome.PREEMPTED);
        assertThat(cut.getReason()).isEqualTo("CUT_BY:second");
        assertThat(second.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(second.getStartedAtMs()).isCloseTo(second.getPlannedAtMs(), within(150L));
        // on_preempt RESUME (the default): the rest afterwards (PreemptionOnRecordingsTest shows it on the recordings)
        assertThat(reports.get(2).getItemId()).isEqualTo("long");
        assertThat(reports.get(2).getReason()).isEqualTo("RESUMED_AFTER:second");
    }

    @Test
    void nextPlaysAsSoonAsTheStationIsFreeHoweverLate() throws IOException {
        List<PlayReport> reports = run(PlanItem.HardTime.NEXT, 0);
        PlayReport first = of(reports, "long");
        PlayReport second = of(reports, "second");
        assertThat(first.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(second.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(second.getStartedAtMs()).isGreaterThanOrEqualTo(first.getEndedAtMs());
        assertThat(second.getReason()).contains("STARTED_LATE");
    }

    @Test
    void waitGivesUpWhenTheStationIsNotFreeInTime() throws IOException {
        List<PlayReport> reports = run(PlanItem.HardTime.WAIT, 300);
        assertThat(of(reports, "long").getOutcome()).isEqualTo(Outcome.PLAYED);
        PlayReport second = of(reports, "second");
        assertThat(second.getOutcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(second.getReason()).isEqualTo("TOO_LATE");
    }

    @Test
    void waitWithinItsLimitPlaysLate() throws IOException {
        List<PlayReport> reports = run(PlanItem.HardTime.WAIT, 5000);
        PlayReport second = of(reports, "second");
        assertThat(second.getOutcome()).isEqualTo(Outcome.PLAYED);
        assertThat(second.getStartedAtMs()).isGreaterThanOrEqualTo(of(reports, "long").getEndedAtMs());
    }
}
