package vn.loa.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StartSilence;

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

    private static final Pattern SILENCE = Pattern.compile("\"silenceFrames\":(\\d+)");
    private static final Pattern UNDERRUN = Pattern.compile("\"underrunUs\":(\\d+)");

    private List<String> audioStartLines() throws Exception {
        return Files.readAllLines(dir.resolve("events.jsonl")).stream()
                .filter(l -> l.contains("\"device\":\"audio\",\"state\":\"start\"")).toList();
    }

    private static Long field(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    @Test
    void aTimedStartSoundsTheFirstSampleOnTheInstantAndRecordsOnlyTheContent() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        short[] pcm = {1, -2, 3, -4, 5, -6, 7, -8};
        out.open(new PcmFormat(48_000, 2), "timed");
        long atUs = micros(Instant.now()) + 200_000; // far enough ahead that the write surely comes first

        assertThat(out.startAt(atUs, Clock.systemUTC())).isTrue();
        out.write(pcm, 0, pcm.length);
        out.close();

        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).containsExactly(pcm);
        List<Recordings.Event> events = Recordings.events(dir.resolve("events.jsonl"));
        assertThat(Recordings.describe(events)).containsExactly("audio start", "audio stop");
        assertThat(events.get(1).frames()).isEqualTo(4); // the silence is not counted either
        long soundsUs = micros(Instant.parse(events.get(0).at()));
        assertThat(soundsUs - atUs).as("first sample − instant, µs").isBetween(0L, 1_000L);
        assertThat(events.get(0).atMs()).isBetween(atUs / 1000, atUs / 1000 + 1);
        String line = audioStartLines().get(0);
        assertThat(field(SILENCE, line)).isBetween(9_552L, 9_600L); // 200 ms at 48 kHz, less the time to call
        assertThat(field(UNDERRUN, line)).isNull();
    }

    @ParameterizedTest(name = "{0} µs ahead at {1} Hz: {2} frames, first sample {3} ns after now")
    @CsvSource({"30000, 48000, 1440, 30000000", "10001, 48000, 481, 10020834", "30000, 44100, 1323, 30000000",
            "125, 8000, 1, 125000"})
    void aTimedStartIsStampedFromTheCardsClockAndTheFrameCount(long leadUs, int rate, long frames, long soundsNs)
            throws Exception {
        // a card whose clock stands still: the stamp is the card's "now" plus the silence's length
        SimAudioOutput out = output(Clock.fixed(T, ZoneOffset.UTC));
        out.open(new PcmFormat(rate, 1), "fixed");
        assertThat(out.startAt(micros(T) + leadUs, Clock.fixed(T, ZoneOffset.UTC))).isTrue();
        out.write(new short[] {1, 2, 3}, 0, 3);
        out.close();

        String line = audioStartLines().get(0);
        assertThat(field(SILENCE, line)).isEqualTo(frames);
        assertThat(Recordings.events(dir.resolve("events.jsonl")).get(0).at()).isEqualTo(T.plusNanos(soundsNs).toString());
        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).containsExactly(1, 2, 3);
    }

    @Test
    void aStartForAnInstantPassedIsRefusedAndTheStreamStartsWithItsFirstWrite() throws Exception {
        SimAudioOutput out = output(Clock.fixed(T, ZoneOffset.UTC));
        out.open(new PcmFormat(8000, 1), "past");

        assertThat(out.startAt(micros(T) - 1, Clock.fixed(T, ZoneOffset.UTC))).isFalse();
        assertThat(out.startAt(micros(T) + StartSilence.MAX_LEAD_US + 1, Clock.fixed(T, ZoneOffset.UTC))).isFalse();
        out.write(new short[] {4, 5}, 0, 2);
        out.close();

        List<Recordings.Event> events = Recordings.events(dir.resolve("events.jsonl"));
        assertThat(events.get(0).describe()).isEqualTo("audio start");
        assertThat(events.get(0).atMs()).isEqualTo(T.toEpochMilli());
        assertThat(field(SILENCE, audioStartLines().get(0))).isNull();
        assertThat(Recordings.readWav(Recordings.wavs(dir).get(0)).samples()).containsExactly(4, 5);
    }

    @Test
    void aFirstWriteAfterTheSilenceRanOutStartsWhenItComesAndSaysSo() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        out.open(new PcmFormat(8000, 1), "underrun");
        long atUs = micros(Instant.now()) + 2_000;
        assertThat(out.startAt(atUs, Clock.systemUTC())).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> micros(Instant.now()) > atUs + 5_000);
        long writtenUs = micros(Instant.now());
        out.write(new short[] {1}, 0, 1);
        out.close();

        String line = audioStartLines().get(0);
        assertThat(field(UNDERRUN, line)).isPositive();
        assertThat(micros(Instant.parse(Recordings.events(dir.resolve("events.jsonl")).get(0).at())))
                .isGreaterThanOrEqualTo(writtenUs - 1_000);
    }

    @Test
    void aStartIsTimedOnceOnAnOpenStream() throws Exception {
        SimAudioOutput out = output(Clock.systemUTC());
        long atUs = micros(Instant.now()) + 100_000;
        assertThatThrownBy(() -> out.startAt(atUs, Clock.systemUTC())).isInstanceOf(HardwareException.class);
        out.open(new PcmFormat(8000, 1), "twice");
        assertThat(out.startAt(atUs, Clock.systemUTC())).isTrue();
        assertThatThrownBy(() -> out.startAt(atUs, Clock.systemUTC())).isInstanceOf(HardwareException.class)
                .hasMessageContaining("already started");
        out.close(); // the silence is drained; the content never sounded: no start
        assertThat(Recordings.describe(Recordings.events(dir.resolve("events.jsonl")))).containsExactly("audio stop");
    }
}
