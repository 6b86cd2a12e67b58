package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;

/** {@code cap_alert} and {@code announcement.cap_identifier} (migration V13) on H2; on PostgreSQL in {@link CapStoragePostgresTest}. */
@Timeout(60)
class CapStorageTest extends DatabaseTestBase {
    private static final Instant T0 = Instant.parse("2026-12-07T04:30:00.123456Z");

    @Test
    void anAlertComesBackAsStoredAndItsAnnouncementIsFoundByIdentifier() {
        CapRepository repo = new CapRepository(jdbc);
        byte[] xml = CapExamples.a4();
        CapAlert alert = new CapParser().parse(xml);
        String text = new String(xml, StandardCharsets.UTF_8);
        long id = repo.insert(alert, text, null, T0, false, CapRecord.State.PENDING_APPROVAL, "waits for approval: …");
        CapRecord r = repo.find(id).orElseThrow();
        assertThat(r.identifier()).isEqualTo("KAR0-0306112239-SW");
        assertThat(r.sent()).isEqualTo(Instant.parse("2003-06-12T05:39:00Z"));
        assertThat(r.receivedAt()).isEqualTo(T0);
        assertThat(r.trusted()).isFalse();
        assertThat(r.state()).isEqualTo(CapRecord.State.PENDING_APPROVAL);
        assertThat(r.announcementId()).isNull();
        assertThat(repo.xml(id)).contains(text);

        long announcement = jdbc.insert("INSERT INTO announcement (title, priority, source_type, text, voice, chime, "
                + "repeat_count, targets_json, start_at, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                "CAP: Amber Alert", "EMERGENCY", "TEXT", "Bà con chú ý", "vi", true, 1, "{}", T0, "ACTIVE", T0);
        repo.tagAnnouncement(announcement, alert.identifier());
        repo.settle(id, CapRecord.State.AIRED, "EMERGENCY to stations [3, 4]", announcement);
        repo.reviewed(id, "admin", T0);
        assertThat(repo.find(id).orElseThrow()).satisfies(a -> {
            assertThat(a.state()).isEqualTo(CapRecord.State.AIRED);
            assertThat(a.announcementId()).isEqualTo(announcement);
            assertThat(a.detail()).isEqualTo("EMERGENCY to stations [3, 4]");
        });
        assertThat(repo.announcementsOf("KAR0-0306112239-SW")).containsExactly(announcement);
        assertThat(repo.announcementsOf("other")).isEmpty();
        assertThat(repo.recent(10)).extracting(CapRecord::id).contains(id);
    }
}
