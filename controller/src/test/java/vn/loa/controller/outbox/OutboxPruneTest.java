package vn.loa.controller.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.testsupport.FakeClock;

/**
 * The sender's retention: a message delivered or refused more than {@link OutboxSender#RETENTION} ago is deleted,
 * a more recent one and a pending one (whatever its age) stay, and a pruned key is not queued again by the sender.
 */
@Timeout(60)
class OutboxPruneTest extends DatabaseTestBase {
    @Test
    void messagesDoneLongerAgoThanTheRetentionAreDeletedPendingOnesNever() {
        FakeClock clock = new FakeClock(System.currentTimeMillis());
        OutboxRepository repository = new OutboxRepository(jdbc);
        OutboxSender sender = new OutboxSender(repository, new HttpPush(OutboundPolicy.allowing(List.of("127.0.0.1")),
                Duration.ofSeconds(5)), RetrySchedule.DEFAULT, new AlarmService(new AlarmRepository(jdbc), clock), 3,
                Duration.ofSeconds(1), clock);
        long endpoint = jdbc.inTransaction(c -> OutboxRepository.insertEndpoint(c, Purpose.WEBHOOK,
                URI.create("http://127.0.0.1:9/hook"), "prune-test-secret-0123456789", Set.of(), null, clock.instant()));
        for (String key : List.of("old-delivered", "old-refused", "old-pending", "new-delivered")) {
            jdbc.inTransaction(c -> OutboxRepository.enqueueFor(c, endpoint, key, "{}", clock.instant()));
        }
        done("old-delivered", Verdict.DELIVERED, repository, clock);
        done("old-refused", Verdict.REFUSED, repository, clock);
        clock.advance(OutboxSender.RETENTION.minus(Duration.ofHours(1)));
        done("new-delivered", Verdict.DELIVERED, repository, clock);

        assertThat(sender.prune()).as("nothing is older than the retention yet").isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(sender.prune()).isEqualTo(2);
        assertThat(keys()).containsExactlyInAnyOrder("old-pending", "new-delivered");
        assertThat(sender.prune()).isZero();
        clock.advance(Duration.ofDays(365));
        assertThat(sender.prune()).isEqualTo(1);
        assertThat(keys()).containsExactly("old-pending");
    }

    private void done(String key, Verdict verdict, OutboxRepository repository, FakeClock clock) {
        OutboxEntry entry = jdbc.queryOne("SELECT id, endpoint_id, record_key, body, attempts FROM outbox "
                + "WHERE record_key = ?", rs -> new OutboxEntry(rs.getLong(1), rs.getLong(2), rs.getString(3),
                rs.getString(4), rs.getInt(5)), key).orElseThrow();
        repository.attempted(entry, verdict, null, clock.instant());
    }

    private List<String> keys() {
        return jdbc.query("SELECT record_key FROM outbox", rs -> rs.getString(1));
    }
}
