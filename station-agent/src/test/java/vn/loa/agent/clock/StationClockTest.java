package vn.loa.agent.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.testsupport.FakeClock;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StationClockTest {
    private static final Instant LOCAL = Instant.parse("2026-12-01T10:00:00.000Z");

    @TempDir
    Path data;

    private final FakeClock local = new FakeClock(LOCAL);

    private StationClock clock(String bootId) {
        return new StationClock(local, data, () -> bootId);
    }

    /** One exchange against a controller whose clock is {@code offsetUs} ahead, with the given round trip. */
    private static void exchange(StationClock c, long offsetUs, long rttUs) {
        long t0 = c.localMicros();
        long t1 = t0 + offsetUs + rttUs / 2;
        long t2 = t1; // no processing time
        long t3 = t0 + rttUs;
        c.addSample(t0, t1, t2, t3);
    }

    @Test
    void unknownUntilThreeSamples() {
        StationClock c = clock("boot-1");
        assertThat(c.isSynchronised()).isFalse();
        exchange(c, 5_000_000, 2_000);
        exchange(c, 5_000_000, 2_000);
        assertThat(c.isSynchronised()).isFalse();
        assertThat(c.offsetUs()).isZero();
        assertThat(c.millis()).isEqualTo(LOCAL.toEpochMilli());

        exchange(c, 5_000_000, 2_000);

        assertThat(c.isSynchronised()).isTrue();
        assertThat(c.offsetUs()).isEqualTo(5_000_000);
        assertThat(c.rttUs()).isEqualTo(2_000);
    }

    @ParameterizedTest(name = "offset {0} us")
    @ValueSource(longs = {0, 1, 250_000, -3_000_000, 1_234_567_891L, -86_400_000_000L})
    void followsSamplesWithAKnownOffset(long offsetUs) {
        StationClock c = clock("boot-1");
        for (int i = 0; i < 3; i++) {
            exchange(c, offsetUs, 4_000);
            local.advance(Duration.ofMillis(100));
        }
        assertThat(c.offsetUs()).isEqualTo(offsetUs);
        Instant expected = local.instant().plusNanos(offsetUs * 1_000);
        assertThat(c.instant()).isEqualTo(expected);
        assertThat(c.millis()).isEqualTo(expected.toEpochMilli());
        assertThat(c.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void offsetFollowsAChangedControllerClock() {
        StationClock c = clock("boot-1");
        for (int i = 0; i < 3; i++) {
            exchange(c, 1_000_000, 2_000);
        }
        // the controller's clock was stepped: after enough samples the median moves
        for (int i = 0; i < 40; i++) {
            exchange(c, 2_000_000, 2_000);
        }
        assertThat(c.offsetUs()).isEqualTo(2_000_000);
    }

    @Test
    void samplesWithLongAsymmetricRoundTripsDoNotMoveTheOffset() {
        StationClock c = clock("boot-1");
        for (int i = 0; i < 4; i++) {
            exchange(c, 1_000_000, 2_000);
        }
        for (int i = 0; i < 3; i++) { // congested uplink: long round trip, skewed offset
            c.addSample(c.localMicros(), c.localMicros() + 1_000_000 + 400_000, c.localMicros() + 1_000_000 + 400_000,
                    c.localMicros() + 500_000);
        }
        assertThat(c.offsetUs()).isEqualTo(1_000_000);
    }

    @Test
    void restoresTheOffsetWithinTheSameBoot() {
        StationClock first = clock("boot-1");
        for (int i = 0; i < 3; i++) {
            exchange(first, -7_654_321, 2_000);
        }
        local.advance(Duration.ofHours(3));

        StationClock restarted = clock("boot-1");
        assertThat(restarted.isSynchronised()).isFalse();
        restarted.restore();

        assertThat(restarted.isSynchronised()).isTrue();
        assertThat(restarted.offsetUs()).isEqualTo(-7_654_321);
        assertThat(restarted.instant()).isEqualTo(local.instant().minusNanos(7_654_321_000L));
    }

    @ParameterizedTest(name = "saved by boot ''{0}'', restored in boot ''{1}'' after {2} ms: restored={3}")
    @CsvSource({
            "boot-1, boot-1, 0, true",
            "boot-1, boot-1, 172799999, true", // just under two days
            "boot-1, boot-1, 172800000, false", // two days: crystal drift makes it untrustworthy
            "boot-1, boot-1, -1000, false", // saved in the future: the local clock went back
            "boot-1, boot-2, 1000, false", // the machine rebooted: the local clock is meaningless
            "'', '', 1000, false" // no boot id: cannot tell
    })
    void restoresOnlyARecentStateOfTheSameBoot(String savedBoot, String currentBoot, long ageMs, boolean restored) {
        StationClock first = clock(savedBoot);
        for (int i = 0; i < 3; i++) {
            exchange(first, 3_000_000, 2_000);
        }
        local.advance(Duration.ofMillis(ageMs));

        StationClock restarted = clock(currentBoot);
        restarted.restore();

        assertThat(restarted.isSynchronised()).isEqualTo(restored);
        assertThat(restarted.offsetUs()).isEqualTo(restored ? 3_000_000 : 0);
    }

    @Test
    void restoreWithoutAStateFileLeavesTheClockUnknown() {
        StationClock c = clock("boot-1");
        c.restore();
        assertThat(c.isSynchronised()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "offset not a number", "offset missing", "savedAt not a number", "binary garbage", "directory"})
    void ignoresAnUnreadableStateFile(String kind) throws Exception {
        Path file = data.resolve("clock.properties");
        long now = local.millis();
        switch (kind) {
            case "offset not a number" -> write(file, "bootId=boot-1\nsavedAtMs=" + now + "\noffsetUs=12abc\n");
            case "offset missing" -> write(file, "bootId=boot-1\nsavedAtMs=" + now + "\n");
            case "savedAt not a number" -> write(file, "bootId=boot-1\nsavedAtMs=yesterday\noffsetUs=5\n");
            case "binary garbage" -> Files.write(file, new byte[] {0, (byte) 0xFF, '\\', 'u', 'Z', 0x7F});
            case "directory" -> Files.createDirectory(file);
            default -> throw new IllegalArgumentException(kind);
        }
        StationClock c = clock("boot-1");
        c.restore();
        assertThat(c.isSynchronised()).isFalse();
        assertThat(c.offsetUs()).isZero();

        // and it still synchronises normally afterwards
        for (int i = 0; i < 3; i++) {
            exchange(c, 42_000, 1_000);
        }
        assertThat(c.isSynchronised()).isTrue();
        assertThat(c.offsetUs()).isEqualTo(42_000);
    }

    @Test
    void theFirstSynchronisationIsPersistedWithTheBootId() throws Exception {
        StationClock c = clock("boot-xyz");
        for (int i = 0; i < 3; i++) {
            exchange(c, 123_456, 2_000);
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(data.resolve("clock.properties"))) {
            p.load(in);
        }
        assertThat(p.getProperty("bootId")).isEqualTo("boot-xyz");
        assertThat(p.getProperty("offsetUs")).isEqualTo("123456");
        assertThat(p.getProperty("savedAtMs")).isEqualTo(Long.toString(local.millis()));
    }

    private static void write(Path file, String s) throws Exception {
        Files.writeString(file, s, StandardCharsets.ISO_8859_1);
    }

}
