package vn.loa.hardware.sound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.AudioMeter;
import vn.loa.hardware.AudioOutput;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StartSilence;

/**
 * The station's sound card through Java Sound (ALSA on Linux). Per stream: the mixer named in the
 * settings (or the first that supports the format) is opened at the stream's rate, or at a rate it
 * accepts with linear resampling; the software gain (station gain + the quietest active zone's gain,
 * fixed when the stream opens) is applied; the stream fades in over the first and out over the last
 * {@link SoundSettings#fade()} so relays switched before and after it never click; and the peak and
 * RMS of what reaches the device are measured ({@link #levels()}).
 *
 * <p>The fade-out needs the stream's last samples before they are written, so the output holds back
 * one fade length of audio and writes it, faded, on {@link #close()}.
 *
 * <p>A start timed by the card ({@link #startAt}) writes that many zero frames, at the device's rate,
 * straight into the line (no gain, fade or metering: they are not the stream's content); the content
 * written next follows them in the device's buffer, so its first sample sounds when the silence has
 * played. This relies on the line playing as soon as it holds samples (it is started on open).
 */
public final class JavaSoundOutput implements AudioOutput {
    private static final Logger log = LoggerFactory.getLogger(JavaSoundOutput.class);
    private static final int[] FALLBACK_RATES = {48_000, 44_100, 32_000, 22_050, 16_000};

    private final SoundSettings settings;
    private final Supplier<Set<Long>> activeZones;
    private final Object lock = new Object();
    private Stream stream;
    private volatile AudioLevels levels = AudioLevels.NONE;

    /**
     * @param activeZones the zones switched on (their quietest gain applies to a stream that opens)
     */
    public JavaSoundOutput(SoundSettings settings, Supplier<Set<Long>> activeZones) {
        this.settings = settings;
        this.activeZones = activeZones;
    }

    /** The names of the mixers Java Sound sees, for error messages and the technician. */
    public static List<String> mixerNames() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            names.add(info.getName());
        }
        return names;
    }

    @Override
    public void open(PcmFormat format, String label) throws HardwareException {
        synchronized (lock) {
            if (stream != null) {
                throw new HardwareException("audio output already playing " + stream.label);
            }
            double gainDb = settings.gainDbFor(activeZones.get());
            OpenedLine opened = openLine(format);
            SourceDataLine line = opened.line();
            int deviceRate = (int) line.getFormat().getSampleRate();
            stream = new Stream(label, opened.mixerName(), format, line, Math.pow(10, gainDb / 20),
                    deviceRate == format.sampleRate() ? null
                            : new LinearResampler(format.channels(), format.sampleRate(), deviceRate),
                    (int) (settings.fade().toMillis() * format.sampleRate() / 1000));
            levels = AudioLevels.NONE;
            log.info("audio {}: {} Hz x{} on '{}' at {} Hz, gain {} dB", label, format.sampleRate(), format.channels(),
                    stream.mixerName, deviceRate, String.format("%.1f", gainDb));
        }
    }

    @Override
    public void write(short[] samples, int offset, int length) throws HardwareException {
        synchronized (lock) {
            if (stream == null) {
                throw new HardwareException("audio output is not open");
            }
            stream.write(samples, offset, length);
            levels = stream.meter.levels();
        }
    }

    @Override
    public boolean startAt(long epochMicros, Clock clock) throws HardwareException {
        synchronized (lock) {
            if (stream == null) {
                throw new HardwareException("audio output is not open");
            }
            long nowUs = StartSilence.micros(clock);
            if (!StartSilence.canStart(nowUs, epochMicros)) {
                return false;
            }
            int deviceRate = (int) stream.line.getFormat().getSampleRate();
            long frames = StartSilence.frames(nowUs, epochMicros, deviceRate);
            stream.silence(frames);
            log.debug("audio {}: {} frames of silence at {} Hz before the first sample", stream.label, frames,
                    deviceRate);
            return true;
        }
    }

    @Override
    public void close() throws HardwareException {
        synchronized (lock) {
            if (stream == null) {
                return;
            }
            Stream s = stream;
            stream = null;
            try {
                s.finish();
                levels = s.meter.levels();
            } finally {
                s.line.close();
            }
        }
    }

    @Override
    public AudioLevels levels() {
        return levels;
    }

    private record OpenedLine(SourceDataLine line, String mixerName) {
    }

    private OpenedLine openLine(PcmFormat format) throws HardwareException {
        List<Integer> rates = new ArrayList<>();
        if (settings.outputRate() > 0) {
            rates.add(settings.outputRate());
        } else {
            rates.add(format.sampleRate());
            for (int r : FALLBACK_RATES) {
                if (r != format.sampleRate()) {
                    rates.add(r);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        boolean nameMatched = false;
        for (int rate : rates) {
            AudioFormat af = new AudioFormat(rate, 16, format.channels(), true, false);
            DataLine.Info info = new DataLine.Info(SourceDataLine.class, af);
            for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
                if (!settings.device().isEmpty()
                        && !mi.getName().toLowerCase().contains(settings.device().toLowerCase())) {
                    continue;
                }
                nameMatched = true;
                Mixer mixer = AudioSystem.getMixer(mi);
                if (!mixer.isLineSupported(info)) {
                    continue;
                }
                try {
                    SourceDataLine line = (SourceDataLine) mixer.getLine(info);
                    int frameBytes = 2 * format.channels();
                    int bufferBytes = (int) Math.max(frameBytes * 256L,
                            settings.buffer().toMillis() * rate / 1000 * frameBytes);
                    line.open(af, bufferBytes);
                    line.start();
                    return new OpenedLine(line, mi.getName());
                } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                    problems.add("'" + mi.getName() + "' at " + rate + " Hz: " + e.getMessage());
                }
            }
        }
        String seen = "mixers seen: " + (mixerNames().isEmpty() ? "none (is the sound card connected? is the user in group 'audio'?)"
                : String.join(", ", mixerNames().stream().map(n -> "'" + n + "'").toList()));
        if (!settings.device().isEmpty() && !nameMatched) {
            throw new HardwareException("no sound device named like '" + settings.device() + "'; " + seen);
        }
        throw new HardwareException("no sound device plays " + format.channels() + "-channel 16-bit audio at "
                + rates + " Hz" + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")") + "; " + seen);
    }

    /** One open stream: gain, fades, resampling, metering, the line. */
    private static final class Stream {
        final String label;
        final String mixerName;
        final SourceDataLine line;
        final AudioMeter meter = new AudioMeter();
        private final int channels;
        private final double gain;
        private final LinearResampler resampler;
        private final int fadeFrames;
        private long framesIn;
        private boolean silenced;
        /** Processed samples held back for the fade-out (at most one fade length plus a block). */
        private short[] held = new short[0];
        private int heldLength;
        private byte[] bytes = new byte[0];

        Stream(String label, String mixerName, PcmFormat format, SourceDataLine line, double gain, LinearResampler resampler,
                int fadeFrames) {
            this.label = label;
            this.mixerName = mixerName;
            this.line = line;
            this.channels = format.channels();
            this.gain = gain;
            this.resampler = resampler;
            this.fadeFrames = Math.max(0, fadeFrames);
        }

        void write(short[] samples, int offset, int length) throws HardwareException {
            int frames = length / channels;
            ensureHeld(heldLength + frames * channels);
            for (int f = 0; f < frames; f++) {
                double g = gain;
                if (framesIn < fadeFrames) {
                    g *= (double) framesIn / fadeFrames;
                }
                framesIn++;
                for (int c = 0; c < channels; c++) {
                    held[heldLength++] = clip(samples[offset + f * channels + c] * g);
                }
            }
            int keep = fadeFrames * channels;
            if (heldLength > keep) {
                int emit = heldLength - keep;
                emit(held, emit);
                System.arraycopy(held, emit, held, 0, keep);
                heldLength = keep;
            }
        }

        /** Writes {@code frames} zero frames into the line before the content (a start timed by the card). */
        void silence(long frames) throws HardwareException {
            if (framesIn > 0 || silenced) {
                throw new HardwareException("audio " + label + " has already started");
            }
            silenced = true;
            int frameBytes = line.getFormat().getFrameSize();
            byte[] zeros = new byte[(int) Math.min(frames * frameBytes, 16_384L / frameBytes * frameBytes)];
            long left = frames * frameBytes;
            while (left > 0) {
                int n = line.write(zeros, 0, (int) Math.min(left, zeros.length));
                if (n <= 0 && !line.isOpen()) {
                    throw new HardwareException("audio " + label + ": the sound device closed");
                }
                left -= Math.max(n, 0);
            }
        }

        /** Fades out what is held back, writes it and drains the device. */
        void finish() throws HardwareException {
            int frames = heldLength / channels;
            for (int f = 0; f < frames; f++) {
                double g = (double) (frames - 1 - f) / Math.max(1, frames);
                for (int c = 0; c < channels; c++) {
                    held[f * channels + c] = clip(held[f * channels + c] * g);
                }
            }
            emit(held, heldLength);
            heldLength = 0;
            line.drain();
            line.stop();
        }

        private void emit(short[] samples, int length) throws HardwareException {
            short[] out = samples;
            int outLength = length;
            if (resampler != null) {
                out = resampler.process(samples, 0, length / channels);
                outLength = out.length;
            }
            meter.add(out, 0, outLength);
            if (bytes.length < outLength * 2) {
                bytes = new byte[outLength * 2];
            }
            for (int i = 0; i < outLength; i++) {
                bytes[2 * i] = (byte) out[i];
                bytes[2 * i + 1] = (byte) (out[i] >> 8);
            }
            int written = 0;
            while (written < outLength * 2) {
                int n = line.write(bytes, written, outLength * 2 - written);
                if (n <= 0 && !line.isOpen()) {
                    throw new HardwareException("audio " + label + ": the sound device closed");
                }
                written += n;
            }
        }

        private void ensureHeld(int size) {
            if (held.length < size) {
                held = java.util.Arrays.copyOf(held, Math.max(size, held.length * 2));
            }
        }

        private static short clip(double v) {
            long r = Math.round(v);
            return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
        }
    }
}
