package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.protocol.v1.Priority;
import vn.loa.testsupport.FakeClock;

/** A standby's request goes to the leader once: answered with the leader's id or refusal, or withdrawn unplayed. */
@Timeout(30)
class AnnouncementHandOversTest extends DatabaseTestBase {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
    private final List<AnnouncementService.Request> created = new CopyOnWriteArrayList<>();
    private static final AnnouncementService.Request URGENT = new AnnouncementService.Request("Lũ về", Priority.EMERGENCY,
            new Targets(List.of(3L), List.of(), List.of(9L)), new AnnouncementSource.FromText("Sơ tán ngay", "vi", "vi"),
            true, 2, Instant.parse("2026-12-07T03:05:00Z"), 11L);

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM announcement_handover");
        created.clear();
    }

    private AnnouncementHandOvers node(String id, Duration wait) {
        return new AnnouncementHandOvers(jdbc, Json.mapper(), clock, id, wait);
    }

    private CompletableFuture<Long> askStandby(AnnouncementHandOvers standby) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return standby.handOver(URGENT);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofVirtual().start(r));
    }

    private long waitingRow(AnnouncementHandOvers leader) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !leader.waiting().isEmpty());
        return leader.waiting().getFirst();
    }

    @Test
    void theLeaderCreatesTheRequestOnceAndTheStandbyAnswersWithItsId() throws Exception {
        AnnouncementHandOvers leader = node("a", AnnouncementHandOvers.WAIT);
        CompletableFuture<Long> answer = askStandby(node("b", AnnouncementHandOvers.WAIT));
        long row = waitingRow(leader);

        leader.take(row, r -> {
            created.add(r);
            return 42;
        });
        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(42);
        assertThat(created).containsExactly(URGENT); // every field carried through the row
        leader.take(row, r -> {
            created.add(r);
            return 43;
        });
        assertThat(created).hasSize(1);
        assertThat(leader.waiting()).isEmpty();
    }

    @Test
    void theLeadersRefusalReachesTheCallerAsItIs() throws Exception {
        AnnouncementHandOvers leader = node("a", AnnouncementHandOvers.WAIT);
        CompletableFuture<Long> answer = askStandby(node("b", AnnouncementHandOvers.WAIT));
        leader.take(waitingRow(leader), r -> {
            throw new AnnouncementService.Invalid(List.of("source: espeak-ng is not installed"), true);
        });
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AnnouncementService.Invalid.class).hasMessage("source: espeak-ng is not installed")
                .satisfies(e -> assertThat(((AnnouncementService.Invalid) e).unavailable()).isTrue());
    }

    @Test
    void aRequestNobodyTookIsWithdrawnAndNeverPlayedLate() {
        AnnouncementHandOvers standby = node("b", Duration.ofMillis(300));
        standby.connect(id -> { }, () -> "node-a, 10.0.0.1:7000", vn.loa.controller.leadership.Fence.NONE);
        assertThatThrownBy(() -> standby.handOver(URGENT)).isInstanceOf(AnnouncementService.Invalid.class)
                .hasMessageContaining("node-a, 10.0.0.1:7000").hasMessageContaining("nothing was sent")
                .satisfies(e -> assertThat(((AnnouncementService.Invalid) e).unavailable()).isTrue());

        AnnouncementHandOvers leader = node("a", AnnouncementHandOvers.WAIT);
        assertThat(leader.waiting()).isEmpty();
        long row = jdbc.queryOne("SELECT id FROM announcement_handover", rs -> rs.getLong(1)).orElseThrow();
        leader.take(row, r -> {
            created.add(r);
            return 1;
        });
        assertThat(created).isEmpty();
    }
}
