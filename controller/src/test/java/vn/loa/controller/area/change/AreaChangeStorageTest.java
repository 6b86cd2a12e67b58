package vn.loa.controller.area.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.Role;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.MoveSubject;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.Zone;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;
import vn.loa.protocol.v1.Priority;

/**
 * Area changes written to a real database (H2 here, PostgreSQL in {@link AreaChangeStoragePostgresTest}):
 * a merge moves stations, villages and scopes and pins a schedule's targets; a split assigns villages,
 * stations and zones as told; the history still answers for the days before.
 */
@Timeout(60)
class AreaChangeStorageTest extends DatabaseTestBase {
    private static final LocalDate DEC_2024 = LocalDate.of(2024, 12, 1);
    private static final LocalDate JUL_2025 = LocalDate.of(2025, 7, 1);

    private final RuleParser rules = new RuleParser();

    private AreaChangeService service() {
        return new AreaChangeService(jdbc, Json.mapper(), Clock.systemUTC());
    }

    @Test
    void mergingTwoCommunesMovesTheirStationsVillagesAndScopesAndFlagsASchedule() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
        long district = areas.insert(province, "Thành phố Lạng Sơn", AreaKind.DISTRICT, "178");
        long vinhTrai = areas.insert(district, "Phường Vĩnh Trại", AreaKind.COMMUNE, "05977");
        long dongKinh = areas.insert(district, "Phường Đông Kinh", AreaKind.COMMUNE, "05980");
        long khoi1 = areas.insert(vinhTrai, "Khối 1", AreaKind.VILLAGE, null);
        long khoi2 = areas.insert(dongKinh, "Khối 2", AreaKind.VILLAGE, null);
        StationRepository stations = new StationRepository(jdbc);
        long st1 = stations.create("Đài Vĩnh Trại", vinhTrai, "a".repeat(64),
                List.of(new StationRepository.NewZone("Khối 1", khoi1), new StationRepository.NewZone("Chợ", vinhTrai)));
        long st2 = stations.create("Đài Đông Kinh", dongKinh, "b".repeat(64),
                List.of(new StationRepository.NewZone("Khối 2", khoi2)));
        long operator = new AccountRepository(jdbc).create("vinhtrai-" + province, "x", Role.OPERATOR, vinhTrai);
        long bulletin = new BulletinRepository(jdbc).create("Tin", "e".repeat(64), 1, 1, 24_000, null, null);
        ScheduleRepository schedules = new ScheduleRepository(jdbc, Json.mapper(), rules);
        long schedule = schedules.create("Lịch Vĩnh Trại", bulletin, Priority.NORMAL,
                rules.parse(Json.mapper().createObjectNode().put("type", "daily")
                        .put("from", "2025-01-01").set("times", Json.mapper().createArrayNode().add("06:00"))),
                new Targets(List.of(), List.of(vinhTrai), List.of()), null);

        AreaChangeResult result = service().apply(new AreaChange.Reorganise(JUL_2025, ChangeKind.MERGE,
                List.of(vinhTrai, dongKinh), List.of(new AreaChange.NewUnit("Phường Đông Kinh", "05977", null, province)),
                AreaChange.Assignment.NONE), null);

        long merged = result.successorIds().get(0);
        assertThat(areas.findAll()).extracting(Area::id).contains(merged).doesNotContain(vinhTrai, dongKinh);
        Map<Long, Station> byId = new java.util.HashMap<>();
        stations.findAll().forEach(s -> byId.put(s.id(), s));
        assertThat(byId.get(st1).areaId()).isEqualTo(merged);
        assertThat(byId.get(st2).areaId()).isEqualTo(merged);
        assertThat(byId.get(st1).zones()).extracting(Zone::areaId).containsExactly(khoi1, merged);
        assertThat(new AccountRepository(jdbc).find(operator).orElseThrow().account().scopeAreaId()).isEqualTo(merged);
        // the schedule keeps the two zones it reached in Vĩnh Trại, never Đông Kinh's, and waits for review
        assertThat(result.flaggedSchedules()).containsExactly(schedule);
        Targets pinned = schedules.find(schedule).orElseThrow().targets();
        assertThat(pinned.areaIds()).isEmpty();
        assertThat(pinned.zoneIds()).containsExactlyInAnyOrderElementsOf(
                byId.get(st1).zones().stream().map(Zone::id).toList());
        assertThat(jdbc.queryOne("SELECT area_review FROM schedule WHERE id = ?", rs -> rs.getString(1), schedule))
                .get().asString().contains("Phường Vĩnh Trại, Phường Đông Kinh were merged on 2025-07-01");

        AreaHistory history = areas.history();
        LocalDate june = LocalDate.of(2025, 6, 15);
        assertThat(history.treeAt(june).get(khoi1).orElseThrow().parentId()).isEqualTo(vinhTrai);
        assertThat(history.treeAt(JUL_2025).get(khoi1).orElseThrow().parentId()).isEqualTo(merged);
        assertThat(history.treeAt(june).contains(merged)).isFalse();
        assertThat(history.placeAt(MoveSubject.STATION, st1, merged, june)).isEqualTo(vinhTrai);
        assertThat(history.placeAt(MoveSubject.STATION, st2, merged, june)).isEqualTo(dongKinh);
        assertThat(history.resolveCode("05980", JUL_2025)).containsExactly(merged);
        assertThat(history.resolveCode("05977", june)).containsExactly(vinhTrai);
    }

    @Test
    void splittingACommuneAssignsVillagesStationsAndZonesAsToldAndRefusesWhatIsLeftOpen() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn (tách)", AreaKind.PROVINCE, "20");
        long kienMoc = areas.insert(province, "Xã Kiên Mộc", AreaKind.COMMUNE, "06100");
        long neighbour = areas.insert(province, "Xã Bắc Sơn", AreaKind.COMMUNE, "06103");
        long na = areas.insert(kienMoc, "Thôn Nà", AreaKind.VILLAGE, null);
        long khuoi = areas.insert(kienMoc, "Thôn Khuổi", AreaKind.VILLAGE, null);
        StationRepository stations = new StationRepository(jdbc);
        long st = stations.create("Đài Kiên Mộc", kienMoc, "c".repeat(64),
                List.of(new StationRepository.NewZone("Nà", na), new StationRepository.NewZone("Khuổi", khuoi),
                        new StationRepository.NewZone("UBND", kienMoc)));
        List<Long> zones = stations.find(st).orElseThrow().zones().stream().map(Zone::id).toList();
        List<AreaChange.Successor> parts = List.of(new AreaChange.NewUnit("Xã Kiên Mộc mới", "07001", null, null),
                new AreaChange.Existing(neighbour));

        assertThatThrownBy(() -> service().apply(new AreaChange.Reorganise(DEC_2024, ChangeKind.SPLIT,
                List.of(kienMoc), parts, new AreaChange.Assignment(Map.of(na, 0), Map.of(), Map.of(), Map.of())), null))
                .isInstanceOf(AreaChangeRefused.class)
                .satisfies(e -> assertThat(((AreaChangeRefused) e).problems()).anyMatch(p -> p.contains("Thôn Khuổi"))
                        .anyMatch(p -> p.contains("Đài Kiên Mộc")).anyMatch(p -> p.contains("UBND")));
        assertThat(areas.findAll()).extracting(Area::id).contains(kienMoc); // nothing written

        AreaChangeResult result = service().apply(new AreaChange.Reorganise(DEC_2024, ChangeKind.SPLIT,
                List.of(kienMoc), parts, new AreaChange.Assignment(Map.of(na, 0, khuoi, 1), Map.of(st, 0),
                        Map.of(zones.get(2), 1), Map.of())), null);

        long newUnit = result.successorIds().get(0);
        AreaHistory history = areas.history();
        assertThat(history.treeAt(DEC_2024).get(na).orElseThrow().parentId()).isEqualTo(newUnit);
        assertThat(history.treeAt(DEC_2024).get(khuoi).orElseThrow().parentId()).isEqualTo(neighbour);
        assertThat(history.treeAt(DEC_2024).get(newUnit).orElseThrow().parentId()).isEqualTo(province);
        Station moved = stations.find(st).orElseThrow();
        assertThat(moved.areaId()).isEqualTo(newUnit);
        assertThat(moved.zones()).extracting(Zone::areaId).containsExactly(na, khuoi, neighbour);
        assertThat(history.placeAt(MoveSubject.ZONE, zones.get(2), neighbour, LocalDate.of(2024, 11, 30)))
                .isEqualTo(kienMoc);
        assertThat(history.resolveCode("06100", DEC_2024)).containsExactlyInAnyOrder(newUnit, neighbour);
    }

    @Test
    void renameMoveAndRetireKeepTheEarlierVersions() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn (đổi)", AreaKind.PROVINCE, "20");
        long district = areas.insert(province, "Huyện Cao Lộc", AreaKind.DISTRICT, "180");
        long commune = areas.insert(district, "Thị trấn Cao Lộc", AreaKind.COMMUNE, "06001");

        service().apply(new AreaChange.Rename(DEC_2024, commune, "Xã Cao Lộc", "06001"), null);
        assertThatThrownBy(() -> service().apply(new AreaChange.Retire(JUL_2025, district), null))
                .isInstanceOf(AreaChangeRefused.class).hasMessageContaining("still has areas under it");
        service().apply(new AreaChange.Move(JUL_2025, commune, province), null);
        service().apply(new AreaChange.Retire(JUL_2025, district), null);
        assertThatThrownBy(() -> service().apply(new AreaChange.Rename(DEC_2024, commune, "Xã Khác", null), null))
                .isInstanceOf(AreaChangeRefused.class).hasMessageContaining("date order");
        assertThatThrownBy(() -> service().apply(new AreaChange.Rename(LocalDate.now().plusDays(3), commune, "X", null),
                null)).isInstanceOf(AreaChangeRefused.class).hasMessageContaining("after today");

        AreaHistory history = areas.history();
        Area in2020 = history.at(commune, LocalDate.of(2020, 6, 1)).orElseThrow();
        assertThat(in2020.name()).isEqualTo("Thị trấn Cao Lộc");
        assertThat(in2020.parentId()).isEqualTo(district);
        Area in2025 = history.at(commune, LocalDate.of(2025, 2, 1)).orElseThrow();
        assertThat(in2025.name()).isEqualTo("Xã Cao Lộc");
        assertThat(in2025.parentId()).isEqualTo(district);
        assertThat(history.at(commune, JUL_2025).orElseThrow().parentId()).isEqualTo(province);
        assertThat(history.at(district, JUL_2025)).isEmpty();
        assertThat(history.at(district, LocalDate.of(2025, 6, 30))).isPresent();
    }

    @Test
    void anOfficialUnitListCreatesRenamesAndMovesByGsoCode() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn (danh mục)", AreaKind.PROVINCE, "920");
        long district = areas.insert(province, "Huyện Văn Quan", AreaKind.DISTRICT, "9183");
        long commune = areas.insert(district, "Xã Tú Xuyên", AreaKind.COMMUNE, "906211");
        String csv = "\uFEFFcode,name,kind,parent_code\r\n"
                + "906999,Thôn Bản Mới,VILLAGE,906500\r\n"
                + "906211,Xã Tú Xuyên mới,COMMUNE,920\r\n"
                + "906500,Xã Văn Quan,COMMUNE,920\r\n";

        AreaChangeService.Imported imported = service().importUnits(csv, JUL_2025, null);

        assertThat(imported.created()).hasSize(2);
        assertThat(imported.changes()).hasSize(2); // renamed, then moved under the province
        var today = new vn.loa.controller.area.AreaTree(areas.findAll());
        Area tuXuyen = today.get(commune).orElseThrow();
        assertThat(tuXuyen.name()).isEqualTo("Xã Tú Xuyên mới");
        assertThat(tuXuyen.parentId()).isEqualTo(province);
        Area village = today.get(imported.created().get(1)).orElseThrow();
        assertThat(village.name()).isEqualTo("Thôn Bản Mới");
        assertThat(village.parentId()).isEqualTo(imported.created().get(0));
        assertThat(areas.history().at(commune, LocalDate.of(2025, 6, 30)).orElseThrow().name()).isEqualTo("Xã Tú Xuyên");
        assertThat(areas.history().at(imported.created().get(0), LocalDate.of(2025, 6, 30))).isEmpty();
        assertThatThrownBy(() -> service().importUnits("code,name,kind,parent_code\n906777,Xã Lạ,HAMLET,920\n"
                + "906778,Xã Mồ Côi,COMMUNE,123456\n", JUL_2025, null)).isInstanceOf(AreaChangeRefused.class)
                .hasMessageContaining("line 2").hasMessageContaining("parent code 123456");
    }
}
