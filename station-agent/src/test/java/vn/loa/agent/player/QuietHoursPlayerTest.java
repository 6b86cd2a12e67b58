package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static vn.loa.agent.player.PlayerHarness.AMPLITUDE;
import static vn.loa.agent.player.PlayerHarness.item;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * The station keeps the quiet hours of its stored plan by itself (no controller in these tests, as when
 * the link is down): an item in quiet hours is reported SKIPPED/QUIET_HOURS and nothing switches on; an
 * item under a time-of-day rule is quieter on the recording by the rule's decibels; a restarted agent
 * reads the rules back from its plan on disk.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class QuietHoursPlayerTest {
    private static final double RMS_DBFS = 20 * Math.log10(AMPLITUDE / Math.sqrt(2) / 32768.0);

    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    /** A rule in force from an hour ago to an hour from now, Vietnam time (past midnight when it must). */
    private static QuietRule aroundNow(String name, QuietRule.Effect effect, double gainDb) {
        LocalTime now = LocalTime.ofInstant(Instant.now(), QuietHours.VIETNAM).withSecond(0).withNano(0);
        return new QuietRule(1, name, now.minusHours(1), now.plusHours(1), Set.of(), effect, gainDb, Priority.PRIORITY,
                Set.of());
    }

    private void plan(QuietRule rule, PlanItem... items) throws IOException {
        h.plans.save(PlanSync.newBuilder().setVersion("v" + System.nanoTime()).addAllItems(List.of(items))
                .addQuietRules(rule.toProto()).setTimeZone("Asia/Ho_Chi_Minh").build());
        h.cacheMedia(items);
    }

    @Test
    void anItemInQuietHoursIsSkippedWithATypedReasonAndNothingSwitchesOn() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1, 2);
        h.synchronise();
        PlanItem normal = item("night", h.clock.millis() + 800, 1, 2);
        PlanItem urgent = item("urgent", h.clock.millis() + 1600, 1).toBuilder().setPriority(Priority.PRIORITY).build();
        plan(aroundNow("Giờ nghỉ đêm", QuietRule.Effect.HOLD_BACK, 0), normal, urgent);
        h.start();

        List<PlayReport> reports = h.awaitReports(2);
        assertThat(reports.get(0).getItemId()).isEqualTo("night");
        assertThat(reports.get(0).getOutcome()).isEqualTo(PlayReport.Outcome.SKIPPED);
        assertThat(reports.get(0).getReason()).isEqualTo("QUIET_HOURS");
        // the rule lets PRIORITY through
        assertThat(reports.get(1).getItemId()).isEqualTo("urgent");
        assertThat(reports.get(1).getOutcome()).isEqualTo(PlayReport.Outcome.PLAYED);
        h.awaitSilentAndOff();
        assertThat(SimRecordings.describe(h.events())).containsExactly("amplifier on", "zone 1 on", "audio start",
                "audio stop", "zone 1 off", "amplifier off");
    }

    @Test
    void theTimeOfDayGainIsOnTheRecording() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        PlanItem early = item("early", h.clock.millis() + 800, 1);
        plan(aroundNow("Sáng sớm nhỏ tiếng", QuietRule.Effect.ATTENUATE, -6), early);
        h.start();

        PlayReport report = h.awaitReports(1).get(0);
        assertThat(report.getOutcome()).isEqualTo(PlayReport.Outcome.PLAYED);
        assertThat((double) report.getRmsDbfs()).as("measured level").isCloseTo(RMS_DBFS - 6, within(0.1));
        h.awaitSilentAndOff();
        short[] played = SimRecordings.readWav(h.wavs().get(0)).samples();
        int peak = 0;
        for (short s : played) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertThat(peak).as("peak on the recording").isCloseTo((int) Math.round(AMPLITUDE * Math.pow(10, -6 / 20.0)), within(2));
    }

    @Test
    void aRestartedAgentKeepsTheQuietHoursOfItsStoredPlan() throws Exception {
        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        PlanItem later = item("later", h.clock.millis() + 2000, 1);
        plan(aroundNow("Giờ nghỉ đêm", QuietRule.Effect.HOLD_BACK, 0), later);
        h.close();

        h = new PlayerHarness(root, "boot-2", 1);
        assertThat(h.plans.load().getQuietRulesCount()).as("the rules read back from disk").isEqualTo(1);
        h.synchronise();
        h.start();
        PlayReport report = h.awaitReports(1).get(0);
        assertThat(report.getOutcome()).isEqualTo(PlayReport.Outcome.SKIPPED);
        assertThat(report.getReason()).isEqualTo("QUIET_HOURS");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !h.devices.amplifier().isPowered());
    }
}
