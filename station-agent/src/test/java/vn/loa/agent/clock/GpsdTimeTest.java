package vn.loa.agent.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPS time from a real gpsd, fed NMEA sentences by gpsfake (Debian's gpsd and gpsd-clients): a station rebooted
 * with no controller, no NTP and no RTC, its system clock an hour behind, takes its time from GPS.
 */
@Tag("needs-tools")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GpsdTimeTest {
    private static final Duration SYSTEM_BEHIND = Duration.ofHours(1);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("ddMMyy").withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Process gpsfake;

    @AfterEach
    void stopGpsfake() throws InterruptedException {
        if (gpsfake != null) {
            gpsfake.descendants().forEach(ProcessHandle::destroy);
            gpsfake.destroy();
            if (!gpsfake.waitFor(10, TimeUnit.SECONDS)) {
                gpsfake.descendants().forEach(ProcessHandle::destroyForcibly);
                gpsfake.destroyForcibly();
            }
        }
    }

    @Test
    void aRebootedStationWithoutNtpOrRtcTakesItsTimeFromGpsd() throws Exception {
        int port = startGpsfake();
        Clock system = Clock.offset(Clock.systemUTC(), SYSTEM_BEHIND.negated());
        StationClock clock = new StationClock(system, dir, () -> "boot-2", LocalTimeSources.none(dir)
                .withGpsd(new GpsdAddress("127.0.0.1", port)));
        clock.restore();
        assertThat(clock.source()).isEqualTo(ClockSource.NONE);

        try (GpsdTime gps = new GpsdTime(new GpsdAddress("127.0.0.1", port), clock::localMicros, clock::gpsReading)) {
            gps.start();
            await("GPS time taken").atMost(Duration.ofSeconds(30)).until(() -> clock.source() == ClockSource.GPS);
            assertThat(clock.isSynchronised()).isTrue();
            // what gpsd says, read independently: GPS time minus the (true) system clock, now
            long gpsVsTrueUs = independentReading(port);
            long expectedUs = gpsVsTrueUs + SYSTEM_BEHIND.toNanos() / 1_000;
            await("the station clock follows GPS").atMost(Duration.ofSeconds(10))
                    .until(() -> Math.abs(clock.offsetUs() - expectedUs) < 300_000);
        }
    }

    @Test
    void withoutGpsdTheClockStaysUnknown() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        StationClock clock = new StationClock(Clock.systemUTC(), dir, () -> "boot-2", LocalTimeSources.none(dir));
        clock.restore();
        try (GpsdTime gps = new GpsdTime(new GpsdAddress("127.0.0.1", nobody), clock::localMicros, clock::gpsReading)) {
            gps.start();
            await("no time source").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> clock.source() == ClockSource.NONE && !clock.isSynchronised());
        }
    }

    /** gpsfake replaying one RMC sentence a second (a fix, today's date) into a gpsd on a free port. */
    private int startGpsfake() throws IOException {
        Path gpsfakeBin = Path.of("/usr/bin/gpsfake");
        if (!Files.isExecutable(gpsfakeBin) || !Files.isExecutable(Path.of("/usr/sbin/gpsd"))) {
            fail("gpsfake or gpsd is missing: install Debian's gpsd and gpsd-clients (.ci/run does this)");
        }
        StringBuilder log = new StringBuilder();
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int k = 0; k < 120; k++) {
            Instant t = start.plusSeconds(k);
            String body = "GPRMC," + HMS.format(t) + ".00,A,2101.5000,N,10551.0000,E,0.0,0.0," + DMY.format(t) + ",,,A";
            int sum = 0;
            for (char c : body.toCharArray()) {
                sum ^= c;
            }
            log.append('$').append(body).append('*').append(String.format("%02X", sum)).append("\r\n");
        }
        Path nmea = dir.resolve("fix.nmea");
        Files.writeString(nmea, log.toString(), StandardCharsets.US_ASCII);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        gpsfake = new ProcessBuilder(gpsfakeBin.toString(), "-q", "-1", "-n", "-c", "1", "-P", Integer.toString(port),
                nmea.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("gpsfake.log").toFile()).start();
        return port;
    }

    /** GPS time minus the true system clock, from gpsd's next TPV with a fix, over a connection of our own. */
    private static long independentReading(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("?WATCH={\"enable\":true,\"json\":true};\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("\"class\":\"TPV\".*\"mode\":[23].*\"time\":\"([^\"]+)\"").matcher(line);
                if (m.find()) {
                    Instant now = Instant.now();
                    Instant gps = Instant.parse(m.group(1));
                    return Duration.between(now, gps).toNanos() / 1_000;
                }
            }
        }
        throw new IOException("gpsd sent no TPV with a fix");
    }
}
