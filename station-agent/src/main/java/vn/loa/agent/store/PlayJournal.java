package vn.loa.agent.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which plan items this station has started ({@code S id}) and reported ({@code R id}); an
 * append-only file synced on every such line, so a restart neither replays an item nor forgets one that
 * was cut off mid-play. While an item plays, the instant its first sample went out ({@code A id ms}) and,
 * about once a second, how far it has gone with its levels so far ({@code P id ms peak rms}) are appended
 * too, without a sync each (a killed process loses none of them; a power cut may lose the last seconds'):
 * an item cut off is then reported with the part that went out.
 */
public final class PlayJournal implements AutoCloseable {
    private final Path file;
    private final Set<String> started = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, Part> parts = new HashMap<>();
    /** A lock, not synchronized: the journal is written with fsync from the agent's virtual I/O thread too. */
    private final ReentrantLock lock = new ReentrantLock();
    private FileChannel out;

    public PlayJournal(Path dataDir) throws IOException {
        this.file = dataDir.resolve("journal.log");
        long complete = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int lineStart = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    // lenient decoding: a damaged byte must not stop the station from starting
                    String line = new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8);
                    if (line.length() > 2 && line.charAt(1) == ' '
                            && (line.charAt(0) == 'S' || line.charAt(0) == 'R')) {
                        (line.charAt(0) == 'S' ? started : reported).add(line.substring(2));
                    } else if (line.length() > 2 && line.charAt(1) == ' '
                            && (line.charAt(0) == 'A' || line.charAt(0) == 'P')) {
                        readPart(line);
                    }
                    lineStart = i + 1;
                }
            }
            complete = lineStart; // a torn last line (power cut mid-write) is ignored and cut off
        }
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        out.truncate(complete);
        out.position(complete);
    }

    /**
     * What went out of an item: its first sample and the last progress journalled (the start alone when
     * none was), with the levels up to it.
     */
    public record Part(long startedAtMs, long endedAtMs, float peakDbfs, float rmsDbfs, boolean hasLevels) {
    }

    /** One {@code A} or {@code P} line; a damaged one is ignored (the item is then reported as before). */
    private void readPart(String line) {
        String[] f = line.split(" ");
        try {
            if (f[0].equals("A") && f.length == 3) {
                long at = Long.parseLong(f[2]);
                parts.put(f[1], new Part(at, at, 0, 0, false));
            } else if (f[0].equals("P") && f.length == 5 && parts.containsKey(f[1])) {
                parts.put(f[1], new Part(parts.get(f[1]).startedAtMs(), Long.parseLong(f[2]), Float.parseFloat(f[3]),
                        Float.parseFloat(f[4]), true));
            }
        } catch (NumberFormatException e) {
            // a torn or damaged progress line: the start line and the ones before it still stand
        }
    }

    /**
     * The first sample of the item (or of its resumed part) went out at this instant. Called from the
     * audio loop, so it never waits behind a journal rewrite (fsyncs): when the journal is busy the line is
     * left out and a killed play is reported as before, without its part.
     */
    public void markAudioStarted(String itemId, long startedAtMs) throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            parts.put(itemId, new Part(startedAtMs, startedAtMs, 0, 0, false));
            write("A " + itemId + " " + startedAtMs);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The item has gone out up to this instant, with these levels so far. Called from the audio loop about
     * once a second: when the journal is busy (a rewrite with its fsyncs) this tick is skipped, the next
     * one writes the progress.
     */
    public void markProgress(String itemId, long endedAtMs, float peakDbfs, float rmsDbfs) throws IOException {
        if (!lock.tryLock()) {
            return;
        }
        try {
            Part p = parts.get(itemId);
            if (p == null) {
                return;
            }
            parts.put(itemId, new Part(p.startedAtMs(), endedAtMs, peakDbfs, rmsDbfs, true));
            write("P " + itemId + " " + endedAtMs + " " + peakDbfs + " " + rmsDbfs);
        } finally {
            lock.unlock();
        }
    }

    /** What went out of an item, when its audio started. */
    public Optional<Part> partOf(String itemId) {
        lock.lock();
        try {
            return Optional.ofNullable(parts.get(itemId));
        } finally {
            lock.unlock();
        }
    }

    public boolean isHandled(String itemId) {
        lock.lock();
        try {
            return started.contains(itemId) || reported.contains(itemId);
        } finally {
            lock.unlock();
        }
    }

    public void markStarted(String itemId) throws IOException {
        lock.lock();
        try {
            if (started.add(itemId)) {
                append("S " + itemId);
            }
        } finally {
            lock.unlock();
        }
    }

    public void markReported(String itemId) throws IOException {
        lock.lock();
        try {
            if (reported.add(itemId)) {
                append("R " + itemId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Items started but never reported: cut off by a crash or a power cut. */
    public Set<String> interrupted() {
        lock.lock();
        try {
            Set<String> ids = new LinkedHashSet<>(started);
            ids.removeAll(reported);
            return ids;
        } finally {
            lock.unlock();
        }
    }

    /** Forgets items no longer in the plan, rewriting the journal atomically. */
    public void retainOnly(Collection<String> itemIds) throws IOException {
        lock.lock();
        try {
            rewrite(new HashSet<>(itemIds));
        } finally {
            lock.unlock();
        }
    }

    private void rewrite(Set<String> keep) throws IOException {
        if (keep.containsAll(started) && keep.containsAll(reported)) {
            return;
        }
        started.retainAll(keep);
        reported.retainAll(keep);
        parts.keySet().retainAll(keep);
        StringBuilder b = new StringBuilder();
        for (String id : started) {
            b.append("S ").append(id).append('\n');
        }
        for (var e : parts.entrySet()) {
            Part p = e.getValue();
            b.append("A ").append(e.getKey()).append(' ').append(p.startedAtMs()).append('\n');
            if (p.hasLevels()) {
                b.append("P ").append(e.getKey()).append(' ').append(p.endedAtMs()).append(' ').append(p.peakDbfs())
                        .append(' ').append(p.rmsDbfs()).append('\n');
            }
        }
        for (String id : reported) {
            b.append("R ").append(id).append('\n');
        }
        out.close();
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        out = FileChannel.open(file, StandardOpenOption.WRITE);
        out.position(out.size());
    }

    private void append(String line) throws IOException {
        write(line);
        out.force(false);
    }

    /** Appends without a sync: in the kernel's hands, so a killed process loses nothing. */
    private void write(String line) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(file);
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
