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
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
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
            throw new Rejection(List.of(RejectionCode.SPEECH_UNAVAILABLE.problem("espeak-ng is not installed"),
                    RejectionCode.IN_THE_PAST.problem("startAt", "2026-12-07T11:56:25+07:00")));
        });
        // every problem, code and parameters as the leader found them: the caller's answer is the leader's
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(Rejection.class,
                e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.problems()).extracting(p -> p.code()).containsExactly(
                            RejectionCode.SPEECH_UNAVAILABLE, RejectionCode.IN_THE_PAST);
                    assertThat(e.problems().get(1).jsonParams()).containsEntry("field", "startAt")
                            .containsEntry("value", "2026-12-07T11:56:25+07:00");
                    assertThat(e.getMessage()).isEqualTo("source: espeak-ng is not installed; "
                            + "startAt: 2026-12-07T11:56:25+07:00 is in the past");
                });
    }

    @Test
    void aLeaderThatFailsIsNamedWithItsReason() throws Exception {
        AnnouncementHandOvers leader = node("a", AnnouncementHandOvers.WAIT);
        CompletableFuture<Long> answer = askStandby(node("b", AnnouncementHandOvers.WAIT));
        leader.take(waitingRow(leader), r -> {
            throw new java.io.IOException("disk full");
        });
        assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(Rejection.class,
                e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.LEADER_FAILED);
                    assertThat(e.first().jsonParams()).containsEntry("reason", "disk full");
                });
    }

    @Test
    void aRequestNobodyTookIsWithdrawnAndNeverPlayedLate() {
        AnnouncementHandOvers standby = node("b", Duration.ofMillis(300));
        standby.connect(id -> { }, () -> "node-a, 10.0.0.1:7000", vn.loa.controller.leadership.Fence.NONE);
        assertThatThrownBy(() -> standby.handOver(URGENT)).isInstanceOfSatisfying(Rejection.class, e -> {
            assertThat(e.code()).isEqualTo(RejectionCode.HANDOVER_NOT_TAKEN);
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.first().jsonParams()).containsEntry("leader", "node-a, 10.0.0.1:7000");
        }).hasMessageContaining("nothing was sent");

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
