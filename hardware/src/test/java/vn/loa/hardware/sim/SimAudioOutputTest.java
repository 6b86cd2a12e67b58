package vn.loa.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SimAudioOutputTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00.120Z");

    @TempDir
    Path dir;

    private SimEventLog log;

    @AfterEach
    void closeLog() throws Exception {
        if (log != null) {
            log.close();
        }
    }

    private SimAudioOutput output(Clock clock) {
        log = new SimEventLog(dir.resolve("events.jsonl"), clock);
        return new SimAudioOutput(dir, clock, log);
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s), {2} frames in chunks of {3}")
    @CsvSource({"8000, 1, 800, 160", "24000, 1, 2400, 480", "48000, 2, 1000, 333", "16000, 2, 1, 1"})
    void recordsAValidWavHoldingExactlyTheSamplesWritten(int rate, int channels, int frames, int chunkFrames)
            throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        short[] pcm = new short[frames * channels];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) ((i * 7919L) % 65536 - 32768); // covers both extremes and odd values
        }

        out.open(new PcmFormat(rate, channels), "item-1");
        int chunk = chunkFrames * channels;
        for (int off = 0; off < pcm.length; off += chunk) {
            out.write(pcm, off, Math.min(chunk, pcm.length - off));
        }
        out.close();

        List<Path> wavs = Recordings.wavs(dir);
        assertThat(wavs).hasSize(1);
        Recordings.Wav wav = Recordings.readWav(wavs.get(0));
        assertThat(wav.sampleRate()).isEqualTo(rate);
        assertThat(wav.channels()).isEqualTo(channels);
        assertThat(wav.samples()).containsExactly(pcm);

        List<Recordings.Event> events = Recordings.events(dir.resolve("events.jsonl"));
        assertThat(Recordings.describe(events)).containsExactly("audio start", "audio stop");
        assertThat(events.get(1).frames()).isEqualTo(frames);
        assertThat(events.get(0).file()).isEqualTo(wavs.get(0).getFileName().toString());
    }

    @Test
    void writeHonoursOffsetAndLength() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        short[] buf = {9, 9, 1, 2, 3, 9};
        out.open(new PcmFormat(8000, 1), "slice");
        out.write(buf, 2, 3);
        out.close();
        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).containsExactly(1, 2, 3);
    }

    @Test
    void pacesWritesInRealTime() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        int rate = 48000;
        short[] chunk = new short[rate / 50]; // 20 ms
        out.open(new PcmFormat(rate, 1), "paced");

        long t0 = System.nanoTime();
        for (int i = 0; i < 50; i++) { // 1 s of audio
            out.write(chunk, 0, chunk.length);
        }
        long afterWrites = System.nanoTime();
        out.close();
        long afterClose = System.nanoTime();

        // a sound card only buffers a little: writing 1 s blocks for most of that second,
        // and close() drains what is left
        assertThat(TimeUnit.NANOSECONDS.toMillis(afterWrites - t0)).isGreaterThanOrEqualTo(850);
        assertThat(TimeUnit.NANOSECONDS.toMillis(afterClose - t0)).isBetween(950L, 5000L);
    }

    @Test
    void stampsEventsAndNamesFilesWithTheGivenClock() throws Exception {
        SimAudioOutput out = output(Clock.fixed(T, ZoneOffset.UTC));
        out.open(new PcmFormat(8000, 1), "item/1 x\"y");
        out.write(new short[80], 0, 80);
        out.close();

        List<Path> wavs = Recordings.wavs(dir);
        assertThat(wavs).extracting(p -> p.getFileName().toString())
                .containsExactly("20261201T100000.120Z-item_1_x_y.wav");
        List<Recordings.Event> events = Recordings.events(dir.resolve("events.jsonl"));
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.atMs()).isEqualTo(T.toEpochMilli());
            assertThat(e.at()).isEqualTo(T.toString());
        });
    }

    @Test
    void refusesASecondStreamAndWritesWithoutOne() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        assertThatThrownBy(() -> out.write(new short[10], 0, 10)).isInstanceOf(HardwareException.class);

        out.close(); // nothing open: no-op
        out.open(new PcmFormat(8000, 1), "first");
        assertThatThrownBy(() -> out.open(new PcmFormat(8000, 1), "second")).isInstanceOf(HardwareException.class)
                .hasMessageContaining("already playing");
        out.close();
        out.close();

        assertThatThrownBy(() -> out.write(new short[10], 0, 10)).isInstanceOf(HardwareException.class);
        // a stream closed without samples is an empty but valid recording, and never "started"
        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).isEmpty();
        assertThat(Recordings.describe(Recordings.events(dir.resolve("events.jsonl")))).containsExactly("audio stop");
    }

    @Test
    void recordsOneFilePerStream() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        for (String label : List.of("a", "b")) {
            out.open(new PcmFormat(8000, 1), label);
            out.write(new short[] {1, 2}, 0, 2);
            out.close();
        }
        assertThat(Recordings.wavs(dir)).extracting(p -> p.getFileName().toString())
                .anySatisfy(n -> assertThat(n).endsWith("-a.wav")).anySatisfy(n -> assertThat(n).endsWith("-b.wav"))
                .hasSize(2);
    }
}
