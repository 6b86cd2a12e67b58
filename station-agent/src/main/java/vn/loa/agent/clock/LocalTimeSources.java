package vn.loa.agent.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * What the machine itself knows about the time, read from files so that tests can point elsewhere:
 * systemd-timesyncd's flag file (it exists while the system clock is NTP-synchronised; what
 * {@code timedatectl} reports as "System clock synchronized") and a real-time clock's seconds since
 * the epoch (Pi 5's RTC, DS3231 HATs: {@code /sys/class/rtc/rtc0/since_epoch}).
 *
 * @param ntpSynchronisedFlag present while the system clock is NTP-synchronised
 * @param rtcSinceEpoch       the RTC's seconds since the epoch (absent: no RTC)
 * @param gpsd                gpsd's JSON service (station.properties {@code gpsd = HOST:PORT}), or null: no GPS
 */
public record LocalTimeSources(Path ntpSynchronisedFlag, Path rtcSinceEpoch, GpsdAddress gpsd) {
    public LocalTimeSources(Path ntpSynchronisedFlag, Path rtcSinceEpoch) {
        this(ntpSynchronisedFlag, rtcSinceEpoch, null);
    }

    /** The paths of a Raspberry Pi OS / Debian machine. */
    public static LocalTimeSources linux() {
        return new LocalTimeSources(Path.of("/run/systemd/timesync/synchronized"),
                Path.of("/sys/class/rtc/rtc0/since_epoch"));
    }

    /** The same, with GPS time from gpsd at this address. */
    public LocalTimeSources withGpsd(GpsdAddress address) {
        return new LocalTimeSources(ntpSynchronisedFlag, rtcSinceEpoch, address);
    }

    /** No local source (tests of today's behaviour). */
    public static LocalTimeSources none(Path dir) {
        return new LocalTimeSources(dir.resolve("no-ntp-flag"), dir.resolve("no-rtc"));
    }

    public boolean ntpSynchronised() {
        return Files.exists(ntpSynchronisedFlag);
    }

    /** The RTC's reading, when there is one and it holds a plausible time (after 2020). */
    public OptionalLong rtcEpochSeconds() {
        try {
            long s = Long.parseLong(Files.readString(rtcSinceEpoch, StandardCharsets.US_ASCII).trim());
            return s > 1_577_836_800L ? OptionalLong.of(s) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
