package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.loa.protocol.v1.Heartbeat;

/** Which conditions a heartbeat shows, with the thresholds and their hysteresis. */
class AlarmRulesTest {
    private final AlarmRules rules = new AlarmRules(AlarmThresholds.defaults());

    private static Heartbeat.Builder healthy() {
        return Heartbeat.newBuilder().setClockSynchronised(true).setSensorsKnown(true).setMainsPresent(true)
                .setDiskFreeBytes(4L << 30).setDiskTotalBytes(16L << 30).setCpuTemperatureC(50);
    }

    @Test
    void aHealthyStationShowsNothing() {
        assertThat(rules.conditions(healthy().build(), Set.of(), true)).isEmpty();
    }

    @Test
    void sensorInputsCountOnlyWhenTheyCanBeRead() {
        Heartbeat faulty = healthy().setAmplifierFault(true).setMainsPresent(false).setDoorOpen(true).build();
        assertThat(rules.conditions(faulty, Set.of(), false).keySet()).containsExactlyInAnyOrder(
                AlarmKey.of(AlarmKind.AMPLIFIER_FAULT), AlarmKey.of(AlarmKind.MAINS_LOST), AlarmKey.of(AlarmKind.DOOR_OPEN));
        Heartbeat unreadable = faulty.toBuilder().setSensorsKnown(false).setSensorsError("bus timeout").build();
        assertThat(rules.conditions(unreadable, Set.of(), false)).isEmpty();
    }

    @Test
    void temperatureAndDiskHaveHysteresis() {
        AlarmKey hot = AlarmKey.of(AlarmKind.TEMPERATURE_HIGH);
        AlarmKey disk = AlarmKey.of(AlarmKind.DISK_LOW);
        assertThat(rules.conditions(healthy().setCpuTemperatureC(76).build(), Set.of(), true)).containsKey(hot);
        assertThat(rules.conditions(healthy().setCpuTemperatureC(72).build(), Set.of(), true)).doesNotContainKey(hot);
        assertThat(rules.conditions(healthy().setCpuTemperatureC(72).build(), Set.of(hot), true)).containsKey(hot);
        assertThat(rules.conditions(healthy().setCpuTemperatureC(69).build(), Set.of(hot), true)).doesNotContainKey(hot);
        assertThat(rules.conditions(healthy().clearCpuTemperatureC().build(), Set.of(hot), true))
                .as("an unknown temperature is no alarm").doesNotContainKey(hot);

        assertThat(rules.conditions(healthy().setDiskFreeBytes(200L << 20).build(), Set.of(), true)).containsKey(disk);
        assertThat(rules.conditions(healthy().setDiskFreeBytes(300L << 20).build(), Set.of(), true)).doesNotContainKey(disk);
        assertThat(rules.conditions(healthy().setDiskFreeBytes(300L << 20).build(), Set.of(disk), true)).containsKey(disk);
        assertThat(rules.conditions(healthy().setDiskFreeBytes(400L << 20).build(), Set.of(disk), true)).doesNotContainKey(disk);
    }

    @Test
    void clockZonesAndPlayFailures() {
        Heartbeat unsynced = healthy().setClockSynchronised(false).build();
        assertThat(rules.conditions(unsynced, Set.of(), false)).as("within the grace period").isEmpty();
        assertThat(rules.conditions(unsynced, Set.of(), true)).containsKey(AlarmKey.of(AlarmKind.CLOCK_UNSYNCHRONISED));

        assertThat(rules.conditions(healthy().addFailedZoneIds(7).addFailedZoneIds(9).build(), Set.of(), true).keySet())
                .containsExactlyInAnyOrder(AlarmKey.zone(7), AlarmKey.zone(9));

        assertThat(rules.conditions(healthy().setConsecutivePlayFailures(2).build(), Set.of(), true)).isEmpty();
        assertThat(rules.conditions(healthy().setConsecutivePlayFailures(3).build(), Set.of(), true))
                .containsKey(AlarmKey.of(AlarmKind.PLAY_FAILURES));
    }

    @Test
    void eachFailingDeviceIsItsOwnAlarmNamingWhatFallsSilent() {
        Heartbeat h = healthy().addDeviceFaults(vn.loa.protocol.v1.DeviceFault.newBuilder().setDevice("board rs485")
                        .setDescription("board rs485 (MODBUS address 3 on /dev/loa-rs485)").setProblem("does not answer")
                        .addZoneIds(21).addZoneIds(22).setAmplifier(true))
                .addDeviceFaults(vn.loa.protocol.v1.DeviceFault.newBuilder().setDevice("board lcus")
                        .setDescription("board lcus").setProblem("unplugged").addZoneIds(5))
                .build();
        var found = rules.conditions(h, Set.of(), true);
        assertThat(found.keySet()).containsExactlyInAnyOrder(AlarmKey.device("board rs485"), AlarmKey.device("board lcus"));
        assertThat(found.get(AlarmKey.device("board rs485"))).contains("does not answer").contains("every zone is silent");
        assertThat(found.get(AlarmKey.device("board lcus"))).contains("silent zones: 5");
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "hardware {0} vs controller {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "1,2 | 1,2 | ''",
            "1,2,9 | 1,2 | the hardware file wires zones the controller does not have for this station: 9",
            "1 | 1,2 | zones of this station not in its hardware file (they cannot play): 2",
            "7 | 1 | the hardware file wires zones the controller does not have for this station: 7; zones of this station not in its hardware file (they cannot play): 1"})
    void zonesMismatchSaysWhichSide(String hardware, String controller, String expected) {
        assertThat(AlarmRules.zonesMismatch(ids(hardware), ids(controller))).isEqualTo(expected);
    }

    @Test
    void zonesAreComparedOnlyWhenBothSidesKnowThem() {
        AlarmKey mismatch = AlarmKey.of(AlarmKind.ZONES_MISMATCH);
        Heartbeat wired = healthy().setHardwareZonesKnown(true).addHardwareZoneIds(9).build();
        assertThat(rules.conditions(wired, Set.of(), true, java.util.Optional.of(Set.of(1L)))).containsKey(mismatch);
        assertThat(rules.conditions(wired, Set.of(), true, java.util.Optional.empty())).isEmpty();
        Heartbeat simulated = healthy().build();
        assertThat(rules.conditions(simulated, Set.of(), true, java.util.Optional.of(Set.of(1L)))).isEmpty();
    }

    private static Set<Long> ids(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Long::valueOf)
                .collect(java.util.stream.Collectors.toSet());
    }
}
