package vn.loa.hardware.sound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.hardware.AudioMeter;
import vn.loa.hardware.testsupport.Tools;

/**
 * The Java Sound driver through the real ALSA library: a child JVM runs with ALSA_CONFIG_PATH set to
 * a configuration whose default PCM is a {@code file} plugin (raw) over a {@code null} slave, so
 * what the driver "played" lands byte for byte in a file this test compares with what it sent.
 */
@Tag("needs-tools")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JavaSoundOutputAlsaTest {
    @TempDir
    Path dir;

    record Played(List<String> output, int exit, short[] samples) {
        String line(String prefix) {
            return output.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                    () -> new AssertionError("no " + prefix + " line in the child's output: " + output));
        }
    }

    Played play(short[] in, int rate, int channels, double gainDb, int fadeMs, int outputRate, String device,
            String activeZones, String zoneGains, String... startLeadMs) throws IOException, InterruptedException {
        Tools.alsa();
        Path played = dir.resolve("played.raw");
        Files.deleteIfExists(played);
        Path conf = dir.resolve("asound.conf");
        Files.writeString(conf, """
                pcm.!default {
                  type file
                  slave.pcm { type null }
                  file "%s"
                  format "raw"
                }
                """.formatted(played));
        Path input = dir.resolve("input.raw");
        ByteBuffer b = ByteBuffer.allocate(in.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(in);
        Files.write(input, b.array());
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", PlayThroughSound.class.getName(), input.toString(),
                String.valueOf(rate), String.valueOf(channels), String.valueOf(gainDb), String.valueOf(fadeMs),
                String.valueOf(outputRate), device, activeZones, zoneGains));
        command.addAll(List.of(startLeadMs));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("ALSA_CONFIG_PATH", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM ends").isTrue();
        short[] samples = new short[0];
        if (Files.exists(played)) {
            byte[] raw = Files.readAllBytes(played);
            samples = new short[raw.length / 2];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        }
        return new Played(out.lines().toList(), p.exitValue(), samples);
    }

    static short[] tone(int frames, int channels, int rate, double hz, double amplitude) {
        short[] s = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                s[f * channels + c] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * f / rate + c));
            }
        }
        return s;
    }

    static void assertPlayedWithGainAndFades(short[] in, short[] out, int channels, double gain, int fadeFrames) {
        assertThat(out.length).as("every sample reaches the device").isEqualTo(in.length);
        int frames = in.length / channels;
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                int i = f * channels + c;
                double expected = in[i] * gain;
                if (f < fadeFrames || f >= frames - fadeFrames) {
                    // fading: never louder than the gained signal, silent at the very ends
                    assertThat(Math.abs((double) out[i])).as("fade sample %d", i).isLessThanOrEqualTo(Math.abs(expected) + 1);
                } else {
                    assertThat((double) out[i]).as("sample %d", i).isCloseTo(expected, within(1.0));
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            assertThat(out[c]).as("first frame silent").isZero();
            assertThat(out[out.length - channels + c]).as("last frame silent").isZero();
        }
    }

    @Test
    void whatIsPlayedIsWhatWasSentWithTheStationGainAndShortFades() throws Exception {
        short[] in = tone(16_000, 1, 16_000, 440, 0.5);
        Played p = play(in, 16_000, 1, -6, 10, 0, "-", "", "");
        assertThat(p.exit()).as(String.join("\n", p.output())).isZero();
        assertPlayedWithGainAndFades(in, p.samples(), 1, Math.pow(10, -6 / 20.0), 160);

        AudioMeter meter = new AudioMeter();
        meter.add(p.samples(), 0, p.samples().length);
        String[] levels = p.line("LEVELS").split(" ");
        assertThat(Float.parseFloat(levels[1])).isCloseTo(meter.levels().peakDbfs(), within(0.01f));
        assertThat(Float.parseFloat(levels[2])).isCloseTo(meter.levels().rmsDbfs(), within(0.01f));
        assertThat(Float.parseFloat(levels[2])).as("-6 dB of a half-scale sine: about -15 dBFS RMS")
                .isCloseTo(-15.05f, within(0.2f));
    }

    @Test
    void aStartTimedByTheCardIsSilenceCountedInSamplesThenExactlyTheContent() throws Exception {
        short[] in = tone(4_000, 1, 16_000, 440, 0.5);
        Played p = play(in, 16_000, 1, 0, 0, 0, "-", "", "", "50");
        assertThat(p.exit()).as(String.join("\n", p.output())).isZero();
        assertThat(p.line("STARTAT")).isEqualTo("STARTAT true");

        short[] out = p.samples();
        int silence = out.length - in.length;
        // 50 ms at 16 kHz, less the few µs between reading the clock and asking
        assertThat(silence).as("frames of silence").isBetween(790, 800);
        for (int i = 0; i < silence; i++) {
            assertThat(out[i]).as("silence sample %d", i).isZero();
        }
        assertThat(Arrays.copyOfRange(out, silence, out.length)).as("then the content, whole")
                .containsExactly(in);
    }

    @Test
    void theQuietestActiveZoneSetsTheZoneGain() throws Exception {
        short[] in = tone(4_800, 2, 48_000, 1000, 0.9);
        Played p = play(in, 48_000, 2, -2, 10, 0, "default", "4,5", "4=-4,5=-1,6=-20");
        assertThat(p.exit()).as(String.join("\n", p.output())).isZero();
        assertPlayedWithGainAndFades(in, p.samples(), 2, Math.pow(10, -6 / 20.0), 480);
    }

    @Test
    void aFixedDeviceRateIsReachedByResampling() throws Exception {
        short[] in = tone(8_000, 1, 16_000, 200, 0.5);
        Played p = play(in, 16_000, 1, 0, 0, 48_000, "-", "", "");
        assertThat(p.exit()).as(String.join("\n", p.output())).isZero();
        short[] out = p.samples();
        assertThat(out.length).isBetween(3 * 8_000 - 4, 3 * 8_000);
        for (int i = 0; i < out.length; i++) {
            double expected = 0.5 * 32767 * Math.sin(2 * Math.PI * 200 * i / 48_000.0);
            assertThat((double) out[i]).as("sample %d at 48 kHz", i).isCloseTo(expected, within(80.0));
        }
    }

    @Test
    void anUnknownDeviceNameListsTheDevicesSeen() throws Exception {
        Played p = play(tone(100, 1, 16_000, 440, 0.1), 16_000, 1, 0, 10, 0, "USB Audio", "", "");
        assertThat(p.exit()).isEqualTo(3);
        assertThat(p.line("HARDWARE")).contains("no sound device named like 'USB Audio'").contains("[default]");
    }
}
