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
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Which plan items this station has started ({@code S id}) and reported ({@code R id}); an
 * append-only file synced on every line, so a restart neither replays an item nor forgets one that
 * was cut off mid-play.
 */
public final class PlayJournal implements AutoCloseable {
    private final Path file;
    private final Set<String> started = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
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
        StringBuilder b = new StringBuilder();
        for (String id : started) {
            b.append("S ").append(id).append('\n');
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
        ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            out.write(buf);
        }
        out.force(false);
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
