package vn.loa.hardware.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code events.jsonl}: one JSON object per line for every switch and stream the simulated station
 * performs, stamped with the station's (synchronised) clock when it happens (an audio start: when its
 * first sample sounds, which a card timing the start knows ahead), e.g.
 * {@code {"at":"2026-12-01T10:00:00.120Z","atMs":1796119200120,"device":"zone","zoneId":4,"state":"on"}}.
 */
public final class SimEventLog implements AutoCloseable {
    private final Clock clock;
    private final Writer writer;

    public SimEventLog(Path file, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(file.getParent());
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulated event log " + file, e);
        }
    }

    /** Records an event stamped now on the station clock. */
    public void record(String device, String fields) {
        record(clock.instant(), device, fields);
    }

    /**
     * Records an event stamped with the instant it happens at, when that is not now (the sound card:
     * the instant its first sample sounds, which it knows ahead).
     */
    public synchronized void record(Instant at, String device, String fields) {
        String line = "{\"at\":\"" + at + "\",\"atMs\":" + at.toEpochMilli() + ",\"device\":\"" + device + "\""
                + (fields.isEmpty() ? "" : "," + fields) + "}\n";
        try {
            writer.write(line);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulated event log", e);
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
