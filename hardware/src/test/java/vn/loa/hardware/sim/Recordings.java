package vn.loa.hardware.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads what the simulated station recorded: WAV files and events.jsonl lines. */
public final class Recordings {
    private Recordings() {
    }

    public record Wav(int sampleRate, int channels, short[] samples) {
    }

    /** Parses a canonical 44-byte-header PCM WAV, checking every header field against the file. */
    public static Wav readWav(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).as("WAV size").isGreaterThanOrEqualTo(44);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(ascii(bytes, 0)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).as("RIFF size").isEqualTo(bytes.length - 8);
        assertThat(ascii(bytes, 8)).isEqualTo("WAVE");
        assertThat(ascii(bytes, 12)).isEqualTo("fmt ");
        assertThat(b.getInt(16)).as("fmt size").isEqualTo(16);
        assertThat(b.getShort(20)).as("PCM format tag").isEqualTo((short) 1);
        int channels = b.getShort(22);
        int rate = b.getInt(24);
        assertThat(b.getInt(28)).as("byte rate").isEqualTo(rate * channels * 2);
        assertThat(b.getShort(32)).as("block align").isEqualTo((short) (channels * 2));
        assertThat(b.getShort(34)).as("bits per sample").isEqualTo((short) 16);
        assertThat(ascii(bytes, 36)).isEqualTo("data");
        int dataBytes = b.getInt(40);
        assertThat(dataBytes).as("data size").isEqualTo(bytes.length - 44);
        short[] samples = new short[dataBytes / 2];
        b.position(44);
        b.asShortBuffer().get(samples);
        return new Wav(rate, channels, samples);
    }

    public static List<Path> wavs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        }
    }

    public record Event(long atMs, String at, String device, String state, Long zoneId, Long frames, String file) {
        public String describe() {
            return device + (zoneId == null ? "" : " " + zoneId) + " " + state;
        }
    }

    private static final Pattern AT = Pattern.compile("\"at\":\"([^\"]*)\"");
    private static final Pattern AT_MS = Pattern.compile("\"atMs\":(-?\\d+)");
    private static final Pattern DEVICE = Pattern.compile("\"device\":\"([^\"]*)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([^\"]*)\"");
    private static final Pattern ZONE = Pattern.compile("\"zoneId\":(\\d+)");
    private static final Pattern FRAMES = Pattern.compile("\"frames\":(\\d+)");
    private static final Pattern FILE = Pattern.compile("\"file\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static List<Event> events(Path eventsFile) throws IOException {
        List<Event> events = new ArrayList<>();
        if (!Files.exists(eventsFile)) {
            return events;
        }
        for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            assertThat(line).startsWith("{").endsWith("}");
            String zone = group(ZONE, line);
            String frames = group(FRAMES, line);
            events.add(new Event(Long.parseLong(group(AT_MS, line)), group(AT, line), group(DEVICE, line),
                    group(STATE, line), zone == null ? null : Long.valueOf(zone),
                    frames == null ? null : Long.valueOf(frames), group(FILE, line)));
        }
        return events;
    }

    public static List<String> describe(List<Event> events) {
        return events.stream().map(Event::describe).toList();
    }

    private static String group(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    private static String ascii(byte[] b, int offset) {
        return new String(b, offset, 4, StandardCharsets.US_ASCII);
    }
}
