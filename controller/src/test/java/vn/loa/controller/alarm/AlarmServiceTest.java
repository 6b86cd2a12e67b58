package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.storage.Jdbc;

/** The alarm life cycle on the real database, one station at a time and many stations at once. */
@Timeout(120)
class AlarmServiceTest {
    /** The database under test: H2 here, PostgreSQL in {@link AlarmServicePostgresTest}. */
    TestDatabase database() {
        return TestDatabase.H2;
    }

    private TestDatabase.Opened opened;
    private static final AlarmKey DOOR = AlarmKey.of(AlarmKind.DOOR_OPEN);
    private static final Map<AlarmKey, String> DOOR_OPEN = Map.of(DOOR, "the cabinet door is open");

    @TempDir
    Path dir;

    private Database db;
    private AlarmRepository repository;

    @BeforeEach
    void open() {
        opened = database().openFresh(dir);
        db = opened.db();
        repository = new AlarmRepository(new Jdbc(db));
    }

    @AfterEach
    void close() {
        opened.close();
    }

    private record Told(long stationId, long alarmId, String event, AlarmState state, boolean conditionActive,
            AlarmState storedState, boolean storedConditionActive) {
    }

    private AlarmService service(List<Told> told) {
        AlarmService alarms = new AlarmService(repository, Clock.systemUTC());
        alarms.addListener((a, event) -> {
            Alarm stored = repository.find(a.id()).orElseThrow();
            told.add(new Told(a.stationId(), a.id(), event, a.state(), a.conditionActive(), stored.state(),
                    stored.conditionActive()));
        });
        return alarms;
    }

    @Test
    void aLatchedAlarmIsStoredBeforeListenersHearAndSurvivesARestart() {
        List<Told> told = Collections.synchronizedList(new ArrayList<>());
        AlarmService alarms = service(told);

        alarms.assess(1, AlarmRules.HEARTBEAT_KINDS, Map.of());
        assertThat(told).as("a healthy station that was healthy: nothing happens").isEmpty();
        assertThat(alarms.activeConditions(1)).isEmpty();

        alarms.assess(1, AlarmRules.HEARTBEAT_KINDS, DOOR_OPEN);
        alarms.assess(1, AlarmRules.HEARTBEAT_KINDS, DOOR_OPEN); // the same condition again changes nothing
        assertThat(alarms.activeConditions(1)).containsExactly(DOOR);
        assertThat(alarms.conditionActive(1, DOOR)).isTrue();
        alarms.assess(1, java.util.EnumSet.of(AlarmKind.STATION_OFFLINE), Map.of()); // other kinds: untouched
        assertThat(alarms.conditionActive(1, DOOR)).isTrue();
        alarms.assess(1, AlarmRules.HEARTBEAT_KINDS, Map.of());
        assertThat(alarms.activeConditions(1)).isEmpty();
        assertThat(alarms.openCounts().get(AlarmKind.DOOR_OPEN)).containsEntry(AlarmState.ACTIVE, 1);

        long id = told.get(0).alarmId();
        assertThat(told).containsExactly(
                new Told(1, id, AlarmEvent.RAISED, AlarmState.ACTIVE, true, AlarmState.ACTIVE, true),
                new Told(1, id, AlarmEvent.RETURNED, AlarmState.ACTIVE, false, AlarmState.ACTIVE, false));

        // a restarted controller knows the latched alarm: the condition coming back recurs on it
        List<Told> afterRestart = Collections.synchronizedList(new ArrayList<>());
        AlarmService restarted = service(afterRestart);
        assertThat(restarted.openCounts().get(AlarmKind.DOOR_OPEN)).containsEntry(AlarmState.ACTIVE, 1);
        restarted.assess(1, AlarmRules.HEARTBEAT_KINDS, DOOR_OPEN);
        assertThat(restarted.acknowledge(id, "kỹ thuật viên", "đã kiểm tra")).get()
                .extracting(Alarm::state).isEqualTo(AlarmState.ACKNOWLEDGED);
        assertThat(restarted.acknowledge(id, "kỹ thuật viên", "again")).get().as("acknowledging again changes nothing")
                .extracting(Alarm::state).isEqualTo(AlarmState.ACKNOWLEDGED);
        restarted.assess(1, AlarmRules.HEARTBEAT_KINDS, Map.of());
        assertThat(afterRestart).extracting(Told::event).containsExactly(AlarmEvent.RECURRED, AlarmEvent.ACKNOWLEDGED,
                AlarmEvent.CLEARED);
        assertThat(afterRestart).allSatisfy(t -> {
            assertThat(t.storedState()).isEqualTo(t.state());
            assertThat(t.storedConditionActive()).isEqualTo(t.conditionActive());
        });
        assertThat(restarted.openCounts().get(AlarmKind.DOOR_OPEN)).containsEntry(AlarmState.ACTIVE, 0)
                .containsEntry(AlarmState.ACKNOWLEDGED, 0);
        assertThat(repository.events(id)).extracting(AlarmEvent::kind).containsExactly(AlarmEvent.RAISED,
                AlarmEvent.RETURNED, AlarmEvent.RECURRED, AlarmEvent.ACKNOWLEDGED, AlarmEvent.RETURNED,
                AlarmEvent.CLEARED);

        // cleared: the condition coming back raises a new alarm
        restarted.assess(1, AlarmRules.HEARTBEAT_KINDS, DOOR_OPEN);
        assertThat(afterRestart.get(afterRestart.size() - 1).event()).isEqualTo(AlarmEvent.RAISED);
        assertThat(afterRestart.get(afterRestart.size() - 1).alarmId()).isNotEqualTo(id);
    }

    @Test
    void stationsJudgedAtOnceKeepEachStationsOrder() throws Exception {
        int stations = 40;
        int toggles = 10;
        List<Told> told = Collections.synchronizedList(new ArrayList<>());
        AlarmService alarms = service(told);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (long s = 1; s <= stations; s++) {
                long station = s;
                // one station's judging is serialised (as HealthMonitor's lanes do); stations run in parallel
                done.add(pool.submit(() -> {
                    for (int i = 0; i < toggles; i++) {
                        alarms.assess(station, AlarmRules.HEARTBEAT_KINDS, DOOR_OPEN);
                        alarms.assess(station, AlarmRules.HEARTBEAT_KINDS, Map.of());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Long, List<String>> byStation = new ConcurrentHashMap<>();
        for (Told t : told) {
            byStation.computeIfAbsent(t.stationId(), k -> new ArrayList<>()).add(t.event());
            assertThat(t.storedState()).isEqualTo(t.state());
        }
        List<String> expected = new ArrayList<>(List.of(AlarmEvent.RAISED, AlarmEvent.RETURNED));
        for (int i = 1; i < toggles; i++) {
            expected.addAll(List.of(AlarmEvent.RECURRED, AlarmEvent.RETURNED));
        }
        assertThat(byStation).hasSize(stations);
        byStation.forEach((station, events) -> assertThat(events).as("station " + station).isEqualTo(expected));
        assertThat(alarms.openCounts().get(AlarmKind.DOOR_OPEN)).containsEntry(AlarmState.ACTIVE, stations);
        for (long s = 1; s <= stations; s++) {
            Alarm a = repository.find(new AlarmRepository.Filter(null, s, AlarmKind.DOOR_OPEN, null, null, 10)).get(0);
            assertThat(a.occurrences()).isEqualTo(toggles);
            assertThat(repository.events(a.id())).extracting(AlarmEvent::kind).isEqualTo(expected);
        }
    }
}
