package vn.loa.controller.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.exchange.FakeUpstream;
import vn.loa.controller.outbound.OutboundPolicy;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.testsupport.FakeClock;

/**
 * The outbox sender, one pass at a time on a fake clock, against a real HTTP receiver on loopback: it rests as the
 * retry schedule says, raises its alarm after the threshold and clears it when the endpoint answers, delivers in
 * order, and sets a message the receiver refuses for good aside without blocking the queue.
 */
@Timeout(60)
class OutboxSenderTest extends DatabaseTestBase {
    private static final String SECRET = "outbox-test-secret-0123456789";
    private final FakeClock clock = new FakeClock(System.currentTimeMillis());
    private FakeUpstream upstream;

    @AfterEach
    void close() {
        if (upstream != null) {
            upstream.close();
        }
    }

    private long endpoint(String url, String secret) {
        return jdbc.inTransaction(c -> OutboxRepository.insertEndpoint(c, Purpose.WEBHOOK, URI.create(url), secret,
                Set.of(), null, clock.instant()));
    }

    private void enqueue(long endpoint, String key) {
        jdbc.inTransaction(c -> OutboxRepository.enqueueFor(c, endpoint, key, "{\"key\":\"" + key + "\"}", clock.instant()));
    }

    private OutboxSender sender(OutboxRepository repository, AlarmService alarms) {
        return new OutboxSender(repository, new HttpPush(OutboundPolicy.allowing(java.util.List.of("127.0.0.1")),
                java.time.Duration.ofSeconds(5)), RetrySchedule.DEFAULT, alarms, 3, java.time.Duration.ofSeconds(1), clock);
    }

    @Test
    void aDownEndpointRestsRaisesItsAlarmAndGetsEverythingInOrderWhenBack() throws Exception {
        upstream = new FakeUpstream(SECRET);
        upstream.down();
        OutboxRepository repository = new OutboxRepository(jdbc);
        AlarmService alarms = new AlarmService(new AlarmRepository(jdbc), clock);
        OutboxSender sender = sender(repository, alarms);
        long id = endpoint(upstream.url(), SECRET);
        enqueue(id, "a");
        enqueue(id, "b");
        AlarmKey down = new AlarmKey(AlarmKind.OUTBOUND_ENDPOINT_DOWN, Long.toString(id));

        for (int failures = 1; failures <= 3; failures++) {
            assertThat(sender.runOnce()).isZero();
            OutboundEndpoint e = repository.find(id).orElseThrow();
            assertThat(e.failures()).isEqualTo(failures);
            assertThat(e.nextAttemptAt()).isEqualTo(clock.instant().plus(RetrySchedule.DEFAULT.after(failures)));
            assertThat(alarms.conditionActive(OutboxSender.CONTROLLER, down)).isEqualTo(failures >= 3);
            // resting: a pass before the rest is over tries nothing
            assertThat(sender.runOnce()).isZero();
            assertThat(repository.find(id).orElseThrow().failures()).isEqualTo(failures);
            clock.advance(RetrySchedule.DEFAULT.after(failures));
        }

        upstream.up();
        assertThat(sender.runOnce()).isEqualTo(2);
        assertThat(upstream.accepted()).extracting(FakeUpstream.Received::key).containsExactly("a", "b");
        assertThat(repository.find(id).orElseThrow().failures()).isZero();
        assertThat(alarms.conditionActive(OutboxSender.CONTROLLER, down)).isFalse();
        assertThat(repository.pending(id, 10)).isEmpty();
        assertThat(sender.runOnce()).as("nothing is sent twice").isZero();
        assertThat(upstream.deliveries("a")).isEqualTo(1);
    }

    @Test
    void aMessageTheReceiverRefusesForGoodIsSetAsideAndTheQueueMovesOn() throws Exception {
        upstream = new FakeUpstream(SECRET);
        OutboxRepository repository = new OutboxRepository(jdbc);
        OutboxSender sender = sender(repository, new AlarmService(new AlarmRepository(jdbc), clock));
        long wrong = endpoint(upstream.url(), "not-the-receivers-secret-000");
        long right = endpoint(upstream.url(), SECRET);
        enqueue(wrong, "x");
        enqueue(wrong, "y");
        enqueue(right, "z");

        assertThat(sender.runOnce()).isEqualTo(1);
        assertThat(upstream.refused()).isEqualTo(2);
        assertThat(upstream.accepted()).extracting(FakeUpstream.Received::key).containsExactly("z");
        assertThat(repository.pending(wrong, 10)).isEmpty();
        assertThat(repository.counts().get(wrong)).containsEntry("REFUSED", 2L);
        assertThat(repository.find(wrong).orElseThrow().failures()).isZero();
    }
}
