package vn.loa.controller.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.rule.OnceRule;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.testsupport.FakeClock;

/**
 * The inbox on a real database (H2 here, PostgreSQL in {@link InboxStoragePostgresTest}): a normal
 * bulletin to three communes (accepted at a slot, declined, expired), a priority one moved within and
 * outside its window, an emergency sent at once, and an unapproved bulletin kept back.
 */
@Timeout(60)
class InboxStorageTest extends DatabaseTestBase {
    private final FakeClock clock = new FakeClock(Instant.now());
    private final AtomicInteger changed = new AtomicInteger();
    private final List<List<Long>> emergencies = new ArrayList<>();

    private InboxService service() {
        return new InboxService(jdbc, new InboxRepository(jdbc, Json.mapper()), (title, bulletin, communes, by) -> {
            emergencies.add(communes);
            return 99;
        }, changed::incrementAndGet, clock);
    }

    @Test
    void normalPriorityAndEmergencyFollowTheirRules() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
        long a = areas.insert(province, "Xã Đội Cấn", AreaKind.COMMUNE, "06001");
        long b = areas.insert(province, "Xã Kiên Mộc", AreaKind.COMMUNE, "06002");
        long c = areas.insert(province, "Xã Bắc Sơn", AreaKind.COMMUNE, "06003");
        AreaTree tree = new AreaTree(areas.findAll());
        long bulletin = new BulletinRepository(jdbc).create("Tin phòng chống rét", "e".repeat(64), 1, 1, 24_000, null, null);
        InboxService inbox = service();
        InboxRepository repo = new InboxRepository(jdbc, Json.mapper());
        ScheduleRepository schedules = new ScheduleRepository(jdbc, Json.mapper(), new RuleParser());
        Instant now = clock.instant();

        long normal = inbox.send(new InboxService.NewDispatch("Tin phòng chống rét", bulletin, Level.NORMAL,
                now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(1)), null, List.of(a, b, c), Source.PERSON,
                null, null), tree).dispatchId();
        List<InboxItem> items = repo.itemsOf(normal);
        assertThat(items).extracting(InboxItem::state).containsOnly(ItemState.PENDING);
        Instant slot = now.plus(Duration.ofHours(2));
        InboxItem accepted = inbox.answer(items.get(0).id(), new Answer.Accept(List.of(slot)), null);
        assertThat(accepted.state()).isEqualTo(ItemState.ACCEPTED);
        List<Long> carried = repo.schedulesOf(accepted.id());
        assertThat(carried).hasSize(1);
        assertThat(schedules.find(carried.get(0)).orElseThrow().rule()).isEqualTo(new OnceRule(slot,
                java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        assertThat(schedules.find(carried.get(0)).orElseThrow().targets().areaIds()).containsExactly(a);
        inbox.answer(items.get(1).id(), new Answer.Decline("Xã đang có lễ hội"), null);
        clock.advance(Duration.ofMinutes(61));
        assertThatThrownBy(() -> inbox.answer(items.get(2).id(), new Answer.Accept(List.of()), null))
                .isInstanceOf(InboxRefused.class).hasMessageContaining("EXPIRED");
        Dispatch sent = repo.dispatch(normal).orElseThrow();
        assertThat(repo.itemsOf(normal).stream().map(i -> inbox.stateForSender(sent, i)).toList())
                .containsExactly(ItemState.ACCEPTED, ItemState.DECLINED, ItemState.EXPIRED);
        assertThat(repo.itemsOf(normal).get(1).reason()).isEqualTo("Xã đang có lễ hội");

        now = clock.instant();
        Instant proposed = now.plus(Duration.ofHours(1));
        int before = changed.get();
        long priority = inbox.send(new InboxService.NewDispatch("Lịch cắt điện", bulletin, Level.PRIORITY, proposed,
                null, Duration.ofMinutes(30), List.of(a, b), Source.PERSON, null, null), tree).dispatchId();
        assertThat(changed.get()).isGreaterThan(before);
        List<InboxItem> prio = repo.itemsOf(priority);
        assertThat(prio).extracting(InboxItem::state).containsOnly(ItemState.SCHEDULED);
        Instant moved = proposed.plus(Duration.ofMinutes(20));
        inbox.answer(prio.get(0).id(), new Answer.Move(moved), null);
        assertThat(schedules.find(repo.schedulesOf(prio.get(0).id()).get(0)).orElseThrow().rule())
                .isEqualTo(new OnceRule(moved, java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        assertThatThrownBy(() -> inbox.answer(prio.get(1).id(), new Answer.Move(proposed.plus(Duration.ofMinutes(45))),
                null)).isInstanceOf(InboxRefused.class).hasMessageContaining("outside the window");
        assertThat(schedules.find(repo.schedulesOf(prio.get(1).id()).get(0)).orElseThrow().rule())
                .isEqualTo(new OnceRule(proposed, java.time.ZoneId.of("Asia/Ho_Chi_Minh")));

        InboxService.Sent urgent = inbox.send(new InboxService.NewDispatch("Lũ quét", bulletin, Level.EMERGENCY, null,
                null, null, List.of(a, b, c), Source.PERSON, null, null), tree);
        assertThat(urgent.announcementId()).isEqualTo(99L);
        assertThat(emergencies).containsExactly(List.of(a, b, c));

        jdbc.update("UPDATE bulletin SET approval = 'PENDING' WHERE id = ?", bulletin);
        assertThatThrownBy(() -> inbox.send(new InboxService.NewDispatch("Chờ duyệt", bulletin, Level.NORMAL,
                clock.instant().plus(Duration.ofHours(3)), clock.instant().plus(Duration.ofHours(1)), null, List.of(a),
                Source.PERSON, null, null), tree)).isInstanceOf(InboxRefused.class).hasMessageContaining("approved");
    }
}
