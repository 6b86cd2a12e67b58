package vn.loa.agent.player;

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

/** Reads what the simulated station recorded: events.jsonl lines and the WAV files. */
final class SimRecordings {
    private SimRecordings() {
    }

    record Event(long atMs, String device, String state, Long zoneId) {
        String describe() {
            return device + (zoneId == null ? "" : " " + zoneId) + " " + state;
        }
    }

    record Wav(int sampleRate, int channels, short[] samples) {
    }

    private static final Pattern AT_MS = Pattern.compile("\"atMs\":(-?\\d+)");
    private static final Pattern DEVICE = Pattern.compile("\"device\":\"([^\"]*)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([^\"]*)\"");
    private static final Pattern ZONE = Pattern.compile("\"zoneId\":(\\d+)");

    static List<Event> events(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        if (!Files.exists(file)) {
            return events;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String zone = group(ZONE, line);
            events.add(new Event(Long.parseLong(group(AT_MS, line)), group(DEVICE, line), group(STATE, line),
                    zone == null ? null : Long.valueOf(zone)));
        }
        return events;
    }

    static List<String> describe(List<Event> events) {
        return events.stream().map(Event::describe).toList();
    }

    /** The first event with this description, searching from {@code from}. */
    static Event find(List<Event> events, String description, int from) {
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).describe().equals(description)) {
                return events.get(i);
            }
        }
        throw new AssertionError("no '" + description + "' in " + describe(events));
    }

    static List<Path> wavs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        }
    }

    static Wav readWav(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
        assertThat(new String(bytes, 36, 4, StandardCharsets.US_ASCII)).isEqualTo("data");
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getShort(34)).isEqualTo((short) 16);
        int dataBytes = b.getInt(40);
        assertThat(dataBytes).isEqualTo(bytes.length - 44);
        short[] samples = new short[dataBytes / 2];
        b.position(44);
        b.asShortBuffer().get(samples);
        return new Wav(b.getInt(24), b.getShort(22), samples);
    }

    private static String group(Pattern p, String line) {
        Matcher m = p.matcher(line);
        return m.find() ? m.group(1) : null;
    }
}
