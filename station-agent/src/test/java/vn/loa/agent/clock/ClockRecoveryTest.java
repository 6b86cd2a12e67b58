package vn.loa.agent.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the time comes from at start, before the controller answers. */
class ClockRecoveryTest {
    private static final long NOW_MS = 1_796_000_000_000L;
    private static final long HOUR_MS = 3_600_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case                                   | saved boot | saved offset | saved age h | saved on NTP | boot   | NTP   | RTC s (rel. to system) | source   | offset us
            "same boot: restored                      | b1         | 7000000      | 1           | false        | b1     | false | -                      | RESTORED | 7000000",
            "same boot but too old: nothing           | b1         | 7000000      | 49          | false        | b1     | false | -                      | NONE     | 0",
            "reboot, NTP, offset learnt on NTP: kept  | b1         | 7000000      | 1           | true         | b2     | true  | -                      | NTP      | 7000000",
            "reboot, NTP, offset learnt unsynced: 0   | b1         | 7000000      | 1           | false        | b2     | true  | -                      | NTP      | 0",
            "reboot, NTP, no saved state: 0           | -          | 0            | 0           | false        | b2     | true  | -                      | NTP      | 0",
            "reboot, NTP beats RTC                    | -          | 0            | 0           | false        | b2     | true  | 30                     | NTP      | 0",
            "reboot, RTC 30 s ahead of the system     | -          | 0            | 0           | false        | b2     | false | 30                     | RTC      | 30000000",
            "reboot, RTC within a second: system      | -          | 0            | 0           | false        | b2     | false | 0                      | RTC      | 0",
            "reboot, RTC plus the learnt offset       | b1         | 2000000      | 1           | true         | b2     | false | -60                    | RTC      | -58000000",
            "reboot, nothing: unknown                 | b1         | 7000000      | 1           | true         | b2     | false | -                      | NONE     | 0",
            "no boot id: never restored               | ''         | 7000000      | 1           | false        | ''     | false | -                      | NONE     | 0"})
    void decides(String name, String savedBoot, long savedOffset, long ageHours, boolean savedOnNtp, String boot,
            boolean ntp, Long rtcAheadSeconds, ClockSource source, long offsetUs) {
        ClockRecovery.Saved saved = savedBoot == null ? null
                : new ClockRecovery.Saved(savedBoot, savedOffset, NOW_MS - ageHours * HOUR_MS, savedOnNtp);
        OptionalLong rtc = rtcAheadSeconds == null ? OptionalLong.empty() : OptionalLong.of(NOW_MS / 1000 + rtcAheadSeconds);
        assertThat(ClockRecovery.decide(saved, boot, NOW_MS, ntp, rtc))
                .isEqualTo(new ClockRecovery.Recovery(source, offsetUs));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // case                                      | saved boot | saved offset | saved on NTP | boot | NTP   | RTC s | GPS offset us | source   | offset us
            "reboot, only GPS: GPS                       | -          | 0            | false        | b2   | false | -     | 3600250000    | GPS      | 3600250000",
            "reboot, GPS plus the offset learnt on NTP   | b1         | 2000000      | true         | b2   | false | -     | -400000       | GPS      | 1600000",
            "reboot, GPS, offset learnt unsynced: GPS    | b1         | 2000000      | false        | b2   | false | -     | -400000       | GPS      | -400000",
            "reboot, NTP beats GPS                       | -          | 0            | false        | b2   | true  | -     | 5000000       | NTP      | 0",
            "reboot, RTC beats GPS                       | -          | 0            | false        | b2   | false | 30    | 5000000       | RTC      | 30000000",
            "same boot: restored beats GPS               | b2         | 7000000      | false        | b2   | false | -     | 5000000       | RESTORED | 7000000",
            "reboot, GPS without a fix: unknown          | b1         | 7000000      | true         | b2   | false | -     | -             | NONE     | 0"})
    void decidesWithGps(String name, String savedBoot, long savedOffset, boolean savedOnNtp, String boot, boolean ntp,
            Long rtcAheadSeconds, Long gpsOffsetUs, ClockSource source, long offsetUs) {
        ClockRecovery.Saved saved = savedBoot == null ? null
                : new ClockRecovery.Saved(savedBoot, savedOffset, NOW_MS - HOUR_MS, savedOnNtp);
        OptionalLong rtc = rtcAheadSeconds == null ? OptionalLong.empty() : OptionalLong.of(NOW_MS / 1000 + rtcAheadSeconds);
        OptionalLong gps = gpsOffsetUs == null ? OptionalLong.empty() : OptionalLong.of(gpsOffsetUs);
        assertThat(ClockRecovery.decide(saved, boot, NOW_MS, ntp, rtc, gps))
                .isEqualTo(new ClockRecovery.Recovery(source, offsetUs));
    }
}
