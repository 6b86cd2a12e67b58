package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lead before an announcement's common start, and a late joiner's own lead. */
@Timeout(10)
class LeadTest {
    private static final long DEFAULT = AnnouncementService.DEFAULT_LEAD_MS;

    @Test
    void aCommuneOrAThousandStationsKeepTheDefault() {
        assertThat(AnnouncementService.lead(DEFAULT, 0, 1)).isEqualTo(800);
        assertThat(AnnouncementService.lead(DEFAULT, 0, 37)).isEqualTo(800);
        assertThat(AnnouncementService.lead(DEFAULT, 0, 1_000)).isEqualTo(800);
        assertThat(AnnouncementService.lead(DEFAULT, 0, 0)).isEqualTo(800);
    }

    @Test
    void theLongestWarmUpOfTheConnectedTargetsPlusTheMarginWins() {
        // agent defaults: 0.5 s warm-up + 0.1 s settle
        assertThat(AnnouncementService.lead(DEFAULT, 600, 37)).isEqualTo(900);
        // a hardware file's default warm-up of 1.5 s
        assertThat(AnnouncementService.lead(DEFAULT, 1_600, 1)).isEqualTo(1_900);
    }

    @Test
    void growsWithTheConnectedTargetsBeyondAThousand() {
        assertThat(AnnouncementService.lead(DEFAULT, 0, 2_000)).isEqualTo(900);
        assertThat(AnnouncementService.lead(DEFAULT, 0, 10_000)).isEqualTo(1_700);
        assertThat(AnnouncementService.lead(DEFAULT, 1_600, 10_000)).isEqualTo(2_800);
    }

    @Test
    void aLateJoinerGetsItsOwnWarmUp() {
        assertThat(AnnouncementService.joinLead(DEFAULT, 0)).isEqualTo(800);
        assertThat(AnnouncementService.joinLead(DEFAULT, 400)).isEqualTo(800);
        assertThat(AnnouncementService.joinLead(DEFAULT, 2_600)).isEqualTo(2_900);
    }
}
