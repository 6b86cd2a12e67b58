package vn.loa.agent.health;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.store.AtomicFiles;
import vn.loa.protocol.v1.HealthRecord;

/**
 * Health sampled while the link is down, kept on disk until the controller acknowledges it: a
 * bounded ring ({@code health-history/records.log}) of one line per sample,
 * {@code <seq> <crc32> <base64 HealthRecord>\n}, appended and fsynced. A line torn by a power cut
 * (no newline, or a CRC that does not match) is skipped when the file is read back, and the file is
 * rewritten without it at the next compaction. Acknowledged records are marked in {@code acked}
 * (written atomically) and dropped at the next compaction; when more than {@code capacity} records
 * are waiting the oldest go first (a week at one a minute by default). Not thread-safe: the agent
 * calls it from its one I/O thread.
 */
public final class HealthHistoryBuffer {
    private static final Logger log = LoggerFactory.getLogger(HealthHistoryBuffer.class);
    /** One sample a minute for 7 days. */
    public static final int DEFAULT_CAPACITY = 7 * 24 * 60;

    private final long stationId;
    private final Path dir;
    private final Path file;
    private final Path ackedFile;
    private final int capacity;
    private final Deque<HealthRecord> records = new ArrayDeque<>();
    private long acked;
    private long nextSeq = 1;
    private int linesOnDisk;
    private FileChannel out;

    public HealthHistoryBuffer(long stationId, Path dataDir, int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.stationId = stationId;
        this.dir = dataDir.resolve("health-history");
        this.file = dir.resolve("records.log");
        this.ackedFile = dir.resolve("acked");
        this.capacity = capacity;
        Files.createDirectories(dir);
        load();
    }

    private void load() throws IOException {
        if (Files.exists(ackedFile)) {
            String s = Files.readString(ackedFile, StandardCharsets.US_ASCII).trim();
            try {
                acked = Long.parseLong(s);
            } catch (NumberFormatException e) {
                log.error("station {}: {} is unreadable ('{}'); every buffered health sample will be sent again",
                        stationId, ackedFile, s);
            }
        }
        nextSeq = acked + 1;
        int torn = 0;
        if (Files.exists(file)) {
            byte[] all = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    HealthRecord r = parse(new String(all, start, i - start, StandardCharsets.US_ASCII));
                    linesOnDisk++;
                    if (r == null) {
                        torn++;
                    } else {
                        nextSeq = Math.max(nextSeq, r.getSeq() + 1);
                        if (r.getSeq() > acked) {
                            records.addLast(r);
                        }
                    }
                    start = i + 1;
                }
            }
            if (start < all.length) {
                torn++; // the last line never got its newline: cut mid-write
            }
        }
        while (records.size() > capacity) {
            records.removeFirst();
        }
        if (torn > 0) {
            log.warn("station {}: skipped {} torn or corrupt health-history lines in {}", stationId, torn, file);
        }
        if (torn > 0 || linesOnDisk > records.size()) {
            compact();
        }
    }

    private static HealthRecord parse(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length != 3) {
            return null;
        }
        try {
            long seq = Long.parseLong(parts[0]);
            long crc = Long.parseLong(parts[1], 16);
            byte[] bytes = Base64.getDecoder().decode(parts[2]);
            CRC32 c = new CRC32();
            c.update(bytes);
            if (c.getValue() != crc) {
                return null;
            }
            HealthRecord r = HealthRecord.parseFrom(bytes);
            return r.getSeq() == seq ? r : null;
        } catch (IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static String line(HealthRecord r) {
        byte[] bytes = r.toByteArray();
        CRC32 c = new CRC32();
        c.update(bytes);
        return r.getSeq() + " " + Long.toHexString(c.getValue()) + " " + Base64.getEncoder().encodeToString(bytes)
                + "\n";
    }

    /** Appends a sample durably (fsynced before this returns) and gives it the next sequence number. */
    public HealthRecord append(long sampledAtMs, vn.loa.protocol.v1.Heartbeat heartbeat) throws IOException {
        HealthRecord r = HealthRecord.newBuilder().setSeq(nextSeq).setSampledAtMs(sampledAtMs)
                .setHeartbeat(heartbeat).build();
        if (out == null) {
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        ByteBuffer buf = ByteBuffer.wrap(line(r).getBytes(StandardCharsets.US_ASCII));
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        out.force(false);
        nextSeq++;
        linesOnDisk++;
        records.addLast(r);
        if (records.size() > capacity) {
            HealthRecord dropped = records.removeFirst();
            log.warn("station {}: health history full ({} samples); dropping the oldest, sampled at {}", stationId,
                    capacity, java.time.Instant.ofEpochMilli(dropped.getSampledAtMs()));
        }
        if (linesOnDisk > capacity + Math.max(16, capacity / 8)) {
            compact();
        }
        return r;
    }

    /** The oldest records not yet acknowledged, at most {@code max}. */
    public List<HealthRecord> pending(int max) {
        List<HealthRecord> out = new ArrayList<>(Math.min(max, records.size()));
        for (HealthRecord r : records) {
            if (out.size() == max) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    public int size() {
        return records.size();
    }

    /** Every record up to {@code seq} is stored by the controller: never sent again. */
    public void acknowledge(long seq) throws IOException {
        if (seq <= acked) {
            return;
        }
        if (seq >= nextSeq) {
            log.warn("station {}: the controller acknowledged health record {} that was never sent (next is {}); "
                    + "ignored", stationId, seq, nextSeq);
            return;
        }
        AtomicFiles.write(ackedFile, Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
        acked = seq;
        while (!records.isEmpty() && records.peekFirst().getSeq() <= seq) {
            records.removeFirst();
        }
        if (records.isEmpty() || linesOnDisk > 2 * records.size() + 64) {
            compact();
        }
    }

    /** Rewrites the file with only the records still waiting (atomically: old or new, never a mix). */
    private void compact() throws IOException {
        closeChannel();
        StringBuilder sb = new StringBuilder();
        for (HealthRecord r : records) {
            sb.append(line(r));
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
        linesOnDisk = records.size();
    }

    private void closeChannel() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    public void close() throws IOException {
        closeChannel();
    }
}
