package vn.loa.hardware.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.LockSupport;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.AudioMeter;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StartSilence;

/**
 * A sound card that records: every stream becomes one WAV file holding exactly the PCM it was
 * given. Writes are paced in real time with a small device buffer, as a real card's are.
 *
 * <p>A start timed by the card ({@link #startAt}) is modelled as a device that starts playing silence
 * then: the stream's pacing runs from that moment, and its content's first sample sounds the silence's
 * length later (or, when the first write comes after the silence has played out, when it comes: the
 * device ran dry). The silence is not recorded: the WAV holds exactly the content, as without a timed
 * start, so recordings compare the same either way. The {@code "audio"} {@code "start"} event is stamped
 * with the instant the content's first sample sounds, computed from the card's own clock read when the
 * silence started plus the silence's length, and says {@code "silenceFrames":N} (and
 * {@code "underrunUs":N} when the device ran dry first).
 */
public final class SimAudioOutput implements AudioOutput {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long DEVICE_BUFFER_NANOS = 60_000_000L;
    private static final int WAV_HEADER_BYTES = 44;

    private final Path dir;
    private final Clock clock;
    private final SimEventLog events;

    private FileChannel file;
    private Path path;
    private PcmFormat format;
    /** When the content's first sample sounds (or sounded), on {@link System#nanoTime()}: pacing runs from it. */
    private long contentStartNanos;
    private boolean started;
    /** A start timed by {@link #startAt}: when the silence began (card clock and nanoTime), how long it is. */
    private Instant silenceFrom;
    private long silenceFromNanos;
    private long silenceFrames;
    private long framesWritten;
    private ByteBuffer scratch = ByteBuffer.allocate(8192).order(ByteOrder.LITTLE_ENDIAN);
    private AudioMeter meter = new AudioMeter();
    private volatile AudioLevels levels = AudioLevels.NONE;

    public SimAudioOutput(Path dir, Clock clock, SimEventLog events) {
        this.dir = dir;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public synchronized void open(PcmFormat format, String label) throws HardwareException {
        if (file != null) {
            throw new HardwareException("audio output already playing " + path.getFileName());
        }
        try {
            Files.createDirectories(dir);
            String safeLabel = label.replaceAll("[^A-Za-z0-9._-]", "_");
            path = dir.resolve(NAME_TIME.format(clock.instant()) + "-" + safeLabel + ".wav");
            file = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            file.write(header(format, 0));
        } catch (IOException e) {
            file = null;
            throw new HardwareException("cannot record to " + path, e);
        }
        this.format = format;
        this.framesWritten = 0;
        this.started = false;
        this.silenceFrom = null;
        this.silenceFrames = 0;
        this.meter = new AudioMeter();
        this.levels = AudioLevels.NONE;
    }

    @Override
    public void write(short[] samples, int offset, int length) throws HardwareException {
        long dueNanos;
        synchronized (this) {
            if (file == null) {
                throw new HardwareException("audio output is not open");
            }
            if (!started) {
                started = true;
                contentStarts();
            }
            if (scratch.capacity() < length * 2) {
                scratch = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
            }
            scratch.clear();
            for (int i = 0; i < length; i++) {
                scratch.putShort(samples[offset + i]);
            }
            scratch.flip();
            try {
                while (scratch.hasRemaining()) {
                    file.write(scratch);
                }
            } catch (IOException e) {
                throw new HardwareException("cannot record to " + path, e);
            }
            framesWritten += length / format.channels();
            meter.add(samples, offset, length);
            levels = meter.levels();
            dueNanos = contentStartNanos + framesWritten * 1_000_000_000L / format.sampleRate() - DEVICE_BUFFER_NANOS;
        }
        // block like a sound card whose buffer is full
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    @Override
    public void close() throws HardwareException {
        long endNanos;
        synchronized (this) {
            if (file == null) {
                return;
            }
            endNanos = started ? contentStartNanos + framesWritten * 1_000_000_000L / format.sampleRate()
                    : silenceFrom != null ? silenceEndNanos() : 0;
        }
        long wait;
        while ((wait = endNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
        synchronized (this) {
            if (file == null) {
                return;
            }
            try {
                long dataBytes = framesWritten * format.channels() * 2L;
                file.write(header(format, dataBytes), 0);
                file.force(true);
                file.close();
            } catch (IOException e) {
                throw new HardwareException("cannot finish recording " + path, e);
            } finally {
                file = null;
            }
            events.record("audio", "\"state\":\"stop\",\"frames\":" + framesWritten + ",\"file\":"
                    + SimEventLog.quote(path.getFileName().toString()));
        }
    }

    /**
     * Starts the device playing silence up to the instant (see the class comment); nothing is recorded
     * yet. The silence is counted from the caller's clock; the start event is stamped on the card's.
     */
    @Override
    public synchronized boolean startAt(long epochMicros, Clock clock) throws HardwareException {
        if (file == null) {
            throw new HardwareException("audio output is not open");
        }
        if (started || silenceFrom != null) {
            throw new HardwareException("audio " + path.getFileName() + " has already started");
        }
        long nowUs = StartSilence.micros(clock);
        if (!StartSilence.canStart(nowUs, epochMicros)) {
            return false;
        }
        silenceFrames = StartSilence.frames(nowUs, epochMicros, format.sampleRate());
        silenceFrom = this.clock.instant(); // read after the caller's: the first sample is never early
        silenceFromNanos = System.nanoTime();
        return true;
    }

    /** The first content sample: when it sounds, recorded as the stream's start (holding the lock). */
    private void contentStarts() {
        long now = System.nanoTime();
        String fields = "\"state\":\"start\",\"sampleRate\":" + format.sampleRate() + ",\"file\":"
                + SimEventLog.quote(path.getFileName().toString());
        if (silenceFrom == null) {
            // the stream starts sounding with its first sample, as on a real card
            contentStartNanos = now;
            events.record("audio", fields);
            return;
        }
        long underrunNanos = now - silenceEndNanos();
        contentStartNanos = Math.max(now, silenceEndNanos());
        Instant sounds = silenceFrom.plusNanos(contentStartNanos - silenceFromNanos);
        events.record(sounds, "audio", fields + ",\"silenceFrames\":" + silenceFrames
                + (underrunNanos > 0 ? ",\"underrunUs\":" + underrunNanos / 1000 : ""));
    }

    private long silenceEndNanos() {
        return silenceFromNanos + StartSilence.nanos(silenceFrames, format.sampleRate());
    }

    /** Peak and RMS of what the current (or last) recording holds. */
    @Override
    public AudioLevels levels() {
        return levels;
    }

    static ByteBuffer header(PcmFormat format, long dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(WAV_HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = format.channels() * 2;
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        b.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) format.channels()).putInt(format.sampleRate())
                .putInt(format.sampleRate() * blockAlign).putShort((short) blockAlign).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return b.flip();
    }
}
