package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Announcements as stored, against a real database (H2 here, PostgreSQL in
 * {@link AnnouncementStoragePostgresTest}); the batched writing of station states is {@link StateWriterTest}'s.
 */
@Timeout(60)
class AnnouncementStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.5Z");

    private AnnouncementRepository.Stored create(AnnouncementRepository repo, int stations, AnnouncementSource source) {
        Map<Long, SortedSet<Long>> zones = new HashMap<>();
        Map<Long, StationState> initial = new HashMap<>();
        for (long s = 1; s <= stations; s++) {
            zones.put(s, new TreeSet<>(s == 1 ? List.of() : List.of(s * 10, s * 10 + 1)));
            initial.put(s, s % 3 == 0 ? StationState.OFFLINE : StationState.PENDING);
        }
        return repo.create(new AnnouncementRepository.NewAnnouncement("Cảnh báo lũ quét", "EMERGENCY", source,
                null, true, 2, "{\"areaIds\":[1]}", T0, null), zones, initial, () -> T0.plusMillis(800));
    }

    @Test
    void anAnnouncementForThousandsOfStationsIsStoredAndReadBack() {
        AnnouncementRepository repo = new AnnouncementRepository(jdbc);
        var stored = create(repo, 2_500, new AnnouncementSource.FromText("Lũ quét trên suối Nậm Cắt", "vi"));

        assertThat(stored.startAt()).isEqualTo(T0.plusMillis(800));
        AnnouncementView v = repo.find(stored.id()).orElseThrow();
        assertThat(v.title()).isEqualTo("Cảnh báo lũ quét");
        assertThat(v.sourceType()).isEqualTo("TEXT");
        assertThat(v.state()).isEqualTo("ACTIVE");
        assertThat(v.startAt()).isEqualTo(T0.plusMillis(800));
        assertThat(v.stations()).hasSize(2_500);
        assertThat(v.stations().get(0).zoneIds()).isEmpty();
        assertThat(v.stations().get(1).zoneIds()).containsExactly(20L, 21L);
        assertThat(v.stations().get(2).state()).isEqualTo(StationState.OFFLINE);
        assertThat(repo.recentIds(1)).containsExactly(stored.id());
    }

    @Test
    void announcementsLeftActiveByAStoppedControllerAreClosed() {
        AnnouncementRepository repo = new AnnouncementRepository(jdbc);
        long abandoned = create(repo, 3, new AnnouncementSource.Live()).id();
        repo.updateStation(abandoned, 1, StationState.DONE, T0, T0.plusSeconds(5), "", 0);
        repo.updateStation(abandoned, 2, StationState.PLAYING, T0, null, "", 3);
        long finished = create(repo, 1, new AnnouncementSource.Live()).id();
        repo.updateState(finished, "DONE", T0.plusSeconds(9));

        assertThat(repo.closeAbandoned()).isGreaterThanOrEqualTo(1);

        AnnouncementView v = repo.find(abandoned).orElseThrow();
        assertThat(v.state()).isEqualTo("FAILED");
        assertThat(v.stations()).extracting(AnnouncementView.Station::state)
                .containsExactly(StationState.DONE, StationState.FAILED, StationState.OFFLINE);
        assertThat(v.stations().get(1).reason()).isEqualTo("CONTROLLER_RESTARTED");
        assertThat(v.stations().get(1).underruns()).isEqualTo(3);
        assertThat(v.stations().get(0).endedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(repo.find(finished).orElseThrow().state()).isEqualTo("DONE");
        assertThat(repo.recentIds(2)).containsExactly(finished, abandoned);
    }
}
