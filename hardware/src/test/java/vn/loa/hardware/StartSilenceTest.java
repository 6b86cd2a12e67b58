package vn.loa.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartSilenceTest {
    @ParameterizedTest(name = "{0} µs → {1} µs at {2} Hz: {3} frames")
    @CsvSource({
        // now, instant, rate, frames of silence
        "0, 30000, 48000, 1440", // whole samples: exact
        "0, 30000, 44100, 1323",
        "0, 30000, 8000, 240",
        "0, 20833, 48000, 1000", // 999.98 frames: rounded up
        "0, 20834, 48000, 1001", // 1000.03 frames: rounded up
        "0, 1, 48000, 1", // less than a sample: one sample
        "0, 125, 8000, 1", // exactly one sample
        "0, 126, 8000, 2",
        "0, 1500000, 44100, 66150", // more than a second: whole seconds and a part
        "1796119199970000, 1796119200000000, 48000, 1440", // epoch microseconds
        "1796119199970001, 1796119200000000, 24000, 720", // 719.98 frames
        "5000, 5000, 48000, 0", // the instant is now
        "5001, 5000, 48000, 0", // the instant has passed: never negative
        "1796119200000000, 0, 48000, 0"})
    void framesOfSilenceUpToTheInstantRoundedUp(long nowUs, long atUs, int rate, long frames) {
        assertThat(StartSilence.frames(nowUs, atUs, rate)).isEqualTo(frames);
    }

    @ParameterizedTest(name = "{0} frames at {1} Hz: {2} ns")
    @CsvSource({"0, 48000, 0", "1440, 48000, 30000000", "1, 48000, 20834", "1, 44100, 22676", "66150, 44100, 1500000000",
            "1001, 48000, 20854167"})
    void howLongFramesPlayRoundedUp(long frames, int rate, long nanos) {
        assertThat(StartSilence.nanos(frames, rate)).isEqualTo(nanos);
    }

    @ParameterizedTest(name = "{0} µs → {1} µs: {2}")
    @CsvSource({"0, 0, true", "0, 30000, true", "0, 1000000, true", "0, 1000001, false", "1, 0, false",
            "1796119200000001, 1796119200000000, false"})
    void aStartMayBeTimedFromNowUpToASecondAhead(long nowUs, long atUs, boolean can) {
        assertThat(StartSilence.canStart(nowUs, atUs)).isEqualTo(can);
    }

    @Test
    void theFirstSampleIsNeverEarlyAndLessThanOneSampleLate() {
        for (int rate : new int[] {8000, 22050, 44100, 48000, 192000}) {
            for (long leadUs = 0; leadUs <= 60_000; leadUs += 7) {
                long frames = StartSilence.frames(1_796_119_200_000_000L - leadUs, 1_796_119_200_000_000L, rate);
                long silenceNs = StartSilence.nanos(frames, rate);
                assertThat(silenceNs).as("%d µs at %d Hz", leadUs, rate).isGreaterThanOrEqualTo(leadUs * 1000)
                        .isLessThan(leadUs * 1000 + 1_000_000_000L / rate + 1);
            }
        }
    }

    @Test
    void refusesANonPositiveRate() {
        assertThatThrownBy(() -> StartSilence.frames(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StartSilence.nanos(-1, 48000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAClockInMicroseconds() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00.120456789Z"), ZoneOffset.UTC);
        assertThat(StartSilence.micros(clock)).isEqualTo(Instant.parse("2026-12-01T10:00:00Z").getEpochSecond() * 1_000_000L + 120_456);
    }
}
