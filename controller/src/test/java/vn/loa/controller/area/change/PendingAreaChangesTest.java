package vn.loa.controller.area.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.leadership.LeaderJobs;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.testsupport.FakeClock;

/**
 * Area changes dated in the future, on a real database with a fake clock: kept pending and untouched before
 * their instant, made by the leader's job at 00:00 in Vietnam (and its plans rebuilt then, not before), never on
 * a standby, made at start when the instant passed while no leader ran; cancelled; failed when no longer possible.
 */
@Timeout(60)
class PendingAreaChangesTest extends DatabaseTestBase {
    /** 23:59:58 in Vietnam on 7 December 2026. */
    private static final Instant EVE = Instant.parse("2026-12-07T16:59:58Z");
    private static final LocalDate NEXT_DAY = LocalDate.parse("2026-12-08");

    private final FakeClock clock = new FakeClock(EVE);

    private PendingAreaChanges pending() {
        return new PendingAreaChanges(jdbc, new AreaChangeService(jdbc, Json.mapper(), clock), Json.mapper(), clock);
    }

    private long admin(String username) {
        return new AccountRepository(jdbc).create(username, "x", Role.ADMIN, null);
    }

    private String name(long areaId) {
        return new AreaRepository(jdbc).findAll().stream().filter(a -> a.id() == areaId).map(Area::name)
                .findFirst().orElse(null);
    }

    private long commune(String name) {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn " + name, AreaKind.PROVINCE, null);
        return areas.insert(province, name, AreaKind.COMMUNE, null);
    }

    @Test
    void aChangeDatedTomorrowIsMadeAtMidnightInVietnamByTheLeaderAndThePlansChangeThenNotBefore() {
        clock.set(EVE);
        long commune = commune("Xã Hoàng Đồng");
        PendingAreaChanges pending = pending();
        AtomicInteger plansRebuilt = new AtomicInteger();
        LeaderJobs jobs = new LeaderJobs();
        AreaChangeJob job = new AreaChangeJob(pending, clock, plansRebuilt::incrementAndGet);
        jobs.add("area changes due", job::start, job::stop);
        try {
            jobs.startAll();
            var submitted = pending.submit(new AreaChange.Rename(NEXT_DAY, commune, "Phường Hoàng Đồng", null), admin("pending-1"));
            assertThat(submitted).isInstanceOf(PendingAreaChanges.Kept.class);
            long id = ((PendingAreaChanges.Kept) submitted).pending().id();
            assertThat(((PendingAreaChanges.Kept) submitted).preview().renamed())
                    .containsExactly(new ChangePreview.Named(commune, "Phường Hoàng Đồng"));
            job.wake();
            // before its instant nothing changes, whatever the timer does
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() ->
                    pending.find(id).orElseThrow().state() == PendingAreaChanges.State.PENDING
                            && name(commune).equals("Xã Hoàng Đồng") && plansRebuilt.get() == 0);
            clock.set(EVE.plusSeconds(3)); // 00:00:01 on the 8th in Vietnam
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    pending.find(id).orElseThrow().state() == PendingAreaChanges.State.APPLIED);
            assertThat(name(commune)).isEqualTo("Phường Hoàng Đồng");
            assertThat(pending.find(id).orElseThrow().changeId()).isNotNull();
            await().atMost(Duration.ofSeconds(5)).until(() -> plansRebuilt.get() == 1);
            // the history keeps the earlier name for the days before
            assertThat(new AreaRepository(jdbc).history().at(commune, NEXT_DAY.minusDays(1)).orElseThrow().name())
                    .isEqualTo("Xã Hoàng Đồng");
        } finally {
            jobs.closeAll();
        }
    }

    @Test
    void aStandbyMakesNothingAndTheLeaderMakesAMissedChangeAtItsStart() {
        clock.set(EVE);
        long commune = commune("Xã Mai Pha");
        PendingAreaChanges pending = pending();
        long id = ((PendingAreaChanges.Kept) pending.submit(
                new AreaChange.Rename(NEXT_DAY, commune, "Phường Mai Pha", null), null)).pending().id();
        clock.set(EVE.plus(Duration.ofHours(5))); // the instant passed
        AtomicInteger plansRebuilt = new AtomicInteger();
        LeaderJobs jobs = new LeaderJobs();
        AreaChangeJob job = new AreaChangeJob(pending, clock, plansRebuilt::incrementAndGet);
        jobs.add("area changes due", job::start, job::stop);
        try {
            job.wake(); // a standby: the job is not started, a change dated there wakes nothing
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                    pending.find(id).orElseThrow().state() == PendingAreaChanges.State.PENDING);
            jobs.startAll(); // this node becomes leader
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    pending.find(id).orElseThrow().state() == PendingAreaChanges.State.APPLIED);
            assertThat(name(commune)).isEqualTo("Phường Mai Pha");
            assertThat(plansRebuilt.get()).isEqualTo(1);
        } finally {
            jobs.closeAll();
        }
    }

    @Test
    void aPendingChangeIsCancelledBeforeItsDayAndAMadeOneCannotBe() {
        long commune = commune("Xã Gia Cát");
        PendingAreaChanges pending = pending();
        clock.set(EVE);
        long cancelled = ((PendingAreaChanges.Kept) pending.submit(
                new AreaChange.Rename(NEXT_DAY, commune, "Phường Gia Cát", null), null)).pending().id();
        long admin = admin("pending-3");
        assertThat(pending.cancel(cancelled, admin)).isInstanceOfSatisfying(PendingAreaChanges.Done.class,
                d -> assertThat(d.pending().settledBy()).isEqualTo(admin));
        assertThat(pending.cancel(cancelled, admin)).isInstanceOf(PendingAreaChanges.NotPending.class);
        assertThat(pending.cancel(987_654, admin)).isInstanceOf(PendingAreaChanges.NotFound.class);
        clock.set(EVE.plusSeconds(3));
        pending.applyDue();
        assertThat(name(commune)).isEqualTo("Xã Gia Cát");
        assertThat(pending.find(cancelled).orElseThrow().state()).isEqualTo(PendingAreaChanges.State.CANCELLED);
        clock.set(EVE);
    }

    @Test
    void aChangeNoLongerPossibleOnItsDayFailsWithTheReasonAndTheOthersAreStillMade() {
        long a = commune("Xã Tân Liên");
        long b = commune("Xã Tân Thành");
        PendingAreaChanges pending = pending();
        clock.set(EVE);
        long retire = ((PendingAreaChanges.Kept) pending.submit(new AreaChange.Retire(NEXT_DAY, a), null)).pending().id();
        long rename = ((PendingAreaChanges.Kept) pending.submit(
                new AreaChange.Rename(NEXT_DAY, b, "Phường Tân Thành", null), null)).pending().id();
        // meanwhile a station comes to Tân Liên: it can no longer be retired without a successor
        new StationRepository(jdbc).create("Đài Tân Liên", a, "c".repeat(64), List.of());
        clock.set(EVE.plusSeconds(3));
        List<PendingAreaChanges.Settled> settled = pending.applyDue();
        assertThat(settled).extracting(s -> s.pending().id()).contains(retire, rename);
        var failed = pending.find(retire).orElseThrow();
        assertThat(failed.state()).isEqualTo(PendingAreaChanges.State.FAILED);
        assertThat(failed.outcome()).contains("Đài Tân Liên");
        assertThat(pending.find(rename).orElseThrow().state()).isEqualTo(PendingAreaChanges.State.APPLIED);
        assertThat(name(b)).isEqualTo("Phường Tân Thành");
        clock.set(EVE);
    }

    @Test
    void aChangeRefusedWhenDatedIsNotKeptAndOneTooFarAheadIsRefused() {
        long commune = commune("Xã Yên Trạch");
        PendingAreaChanges pending = pending();
        clock.set(EVE);
        assertThatThrownBy(() -> pending.submit(new AreaChange.Rename(NEXT_DAY, commune, " ", null), null))
                .isInstanceOf(AreaChangeRefused.class).hasMessageContaining("name");
        assertThatThrownBy(() -> pending.submit(new AreaChange.Rename(NEXT_DAY.plusYears(3), commune, "X", null), null))
                .isInstanceOf(PendingAreaChanges.TooFarAhead.class);
        assertThat(pending.list(500)).noneMatch(p -> p.change() instanceof AreaChange.Rename r && r.areaId() == commune);
    }

    @Test
    void everyKindOfChangeIsStoredAndReadBackAsItWas() {
        PendingChangeCodec codec = new PendingChangeCodec(Json.mapper());
        List<AreaChange> changes = List.of(
                new AreaChange.Create(NEXT_DAY, 1L, "Xã Thụy Hùng", AreaKind.COMMUNE, "06300"),
                new AreaChange.Create(NEXT_DAY, null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, null),
                new AreaChange.Rename(NEXT_DAY, 1, "Phường Đông Kinh", "05977"),
                new AreaChange.Rename(NEXT_DAY, 1, "Phường Đông Kinh", null),
                new AreaChange.Move(NEXT_DAY, 2, 3),
                new AreaChange.Retire(NEXT_DAY, 4),
                new AreaChange.Reorganise(NEXT_DAY, ChangeKind.MERGE, List.of(5L, 6L),
                        List.of(new AreaChange.NewUnit("Xã Tràng Định", "06200", AreaKind.COMMUNE, 1L)),
                        AreaChange.Assignment.NONE),
                new AreaChange.Reorganise(NEXT_DAY, ChangeKind.MERGE, List.of(5L, 6L),
                        List.of(new AreaChange.Existing(5)), AreaChange.Assignment.NONE),
                new AreaChange.Reorganise(NEXT_DAY, ChangeKind.SPLIT, List.of(7L),
                        List.of(new AreaChange.NewUnit("Xã Bắc", null, null, null), new AreaChange.Existing(9)),
                        new AreaChange.Assignment(Map.of(10L, 0, 11L, 1), Map.of(12L, 1), Map.of(13L, 0), Map.of(14L, 1))));
        for (AreaChange change : changes) {
            assertThat(codec.read(1, codec.write(change))).as(change.toString()).isEqualTo(change);
        }
    }
}
