package vn.loa.controller.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.change.AreaChange;
import vn.loa.controller.area.change.AreaChangeService;
import vn.loa.controller.area.change.ChangeKind;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.health.HealthSampleWriter;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.web.Json;

/**
 * The province report of a month lists the units of that month: after the December 2024 merge and
 * the July 2025 reorganisation, the 2020-era and December-2024-era reports still show the old units,
 * each with the stations it had then.
 */
@Timeout(60)
class ProvinceReportHistoryTest extends DatabaseTestBase {
    private HealthSampleWriter writer;

    @AfterAll
    void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void eachMonthIsReportedWithTheUnitsOfThatMonth() {
        AreaRepository areas = new AreaRepository(jdbc);
        long province = areas.insert(null, "Tỉnh Lạng Sơn", AreaKind.PROVINCE, "20");
        long city = areas.insert(province, "Thành phố Lạng Sơn", AreaKind.DISTRICT, "178");
        long hoangDong = areas.insert(city, "Xã Hoàng Đồng", AreaKind.COMMUNE, "06004");
        long tamThanh = areas.insert(city, "Phường Tam Thanh", AreaKind.COMMUNE, "05974");
        long dongKinh = areas.insert(city, "Phường Đông Kinh", AreaKind.COMMUNE, "05980");
        StationRepository stations = new StationRepository(jdbc);
        stations.create("Đài Hoàng Đồng", hoangDong, "a".repeat(64), List.of(new StationRepository.NewZone("Loa 1", null)));
        stations.create("Đài Đông Kinh", dongKinh, "b".repeat(64), List.of(new StationRepository.NewZone("Loa 1", null)));
        AreaChangeService changes = new AreaChangeService(jdbc, Json.mapper(), Clock.systemUTC());
        long tamThanh2024 = changes.apply(new AreaChange.Reorganise(LocalDate.of(2024, 12, 1), ChangeKind.MERGE,
                List.of(hoangDong, tamThanh), List.of(new AreaChange.NewUnit("Phường Tam Thanh", "05974", null, null)),
                AreaChange.Assignment.NONE), null).successorIds().get(0);
        long ward2025 = changes.apply(new AreaChange.Reorganise(LocalDate.of(2025, 7, 1), ChangeKind.MERGE,
                List.of(tamThanh2024, dongKinh), List.of(new AreaChange.NewUnit("Phường Lương Văn Tri", "05986",
                        null, province)), AreaChange.Assignment.NONE), null).successorIds().get(0);
        changes.apply(new AreaChange.Retire(LocalDate.of(2025, 7, 1), city), null);
        writer = new HealthSampleWriter(jdbc);
        ProvinceReportBuilder builder = new ProvinceReportBuilder(areas, stations, new HealthRepository(jdbc, writer),
                new AlarmRepository(jdbc), new vn.loa.controller.inbox.InboxRepository(jdbc, Json.mapper()), jdbc,
                Clock.systemUTC());

        assertThat(builder.build(YearMonth.of(2020, 6)).communes())
                .extracting(ProvinceReport.Commune::areaId, ProvinceReport.Commune::parentName, ProvinceReport.Commune::stations)
                .containsExactlyInAnyOrder(tuple(hoangDong, "Thành phố Lạng Sơn", 1), tuple(tamThanh, "Thành phố Lạng Sơn", 0),
                        tuple(dongKinh, "Thành phố Lạng Sơn", 1));
        assertThat(builder.build(YearMonth.of(2024, 12)).communes())
                .extracting(ProvinceReport.Commune::areaId, ProvinceReport.Commune::name, ProvinceReport.Commune::stations)
                .containsExactlyInAnyOrder(tuple(tamThanh2024, "Phường Tam Thanh", 1), tuple(dongKinh, "Phường Đông Kinh", 1));
        assertThat(builder.build(YearMonth.of(2025, 7)).communes())
                .extracting(ProvinceReport.Commune::areaId, ProvinceReport.Commune::parentName, ProvinceReport.Commune::stations)
                .containsExactly(tuple(ward2025, "Tỉnh Lạng Sơn", 2));
    }
}
