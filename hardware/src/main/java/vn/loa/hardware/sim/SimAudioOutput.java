package vn.loa.hardware.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.locks.LockSupport;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.AudioMeter;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;

/**
 * A sound card that records: every stream becomes one WAV file holding exactly the PCM it was
 * given. Writes are paced in real time with a small device buffer, as a real card's are.
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
    private long startNanos;
    private boolean started;
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
                // the stream starts sounding with its first sample, as on a real card
                started = true;
                startNanos = System.nanoTime();
                events.record("audio", "\"state\":\"start\",\"sampleRate\":" + format.sampleRate()
                        + ",\"file\":" + SimEventLog.quote(path.getFileName().toString()));
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
            dueNanos = startNanos + framesWritten * 1_000_000_000L / format.sampleRate() - DEVICE_BUFFER_NANOS;
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
            endNanos = !started ? 0 : startNanos + framesWritten * 1_000_000_000L / format.sampleRate();
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
