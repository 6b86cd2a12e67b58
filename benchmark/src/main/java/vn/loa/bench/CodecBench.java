package vn.loa.bench;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Concentus (pure-Java Opus) on 60 s of speech-like audio, as Loa uses it: 24 kHz mono, 20 ms frames,
 * 24 kbps (the live encoder's settings); the whole minute per operation, so the score reads directly as
 * "ms of CPU to encode (decode) one minute of speech".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CodecBench {
    public static final int RATE = 24_000;
    public static final int FRAME = 480;
    public static final double SECONDS = 60;

    @Param({"5", "10"})
    public int complexity;

    private short[] pcm;
    private List<byte[]> packets;
    private final byte[] out = new byte[1275];
    private final short[] decoded = new short[5760];

    @Setup
    public void setUp() throws OpusException {
        pcm = SpeechLike.generate(RATE, SECONDS, 42);
        packets = encodeAll(pcm, complexity);
    }

    static List<byte[]> encodeAll(short[] pcm, int complexity) throws OpusException {
        OpusEncoder e = encoder(complexity);
        byte[] buf = new byte[1275];
        List<byte[]> list = new ArrayList<>();
        for (int i = 0; i + FRAME <= pcm.length; i += FRAME) {
            int n = e.encode(pcm, i, FRAME, buf, 0, buf.length);
            list.add(java.util.Arrays.copyOf(buf, n));
        }
        return list;
    }

    static OpusEncoder encoder(int complexity) throws OpusException {
        OpusEncoder e = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        e.setBitrate(24_000);
        e.setComplexity(complexity);
        return e;
    }

    @Benchmark
    public int encodeOneMinute() throws OpusException {
        OpusEncoder e = encoder(complexity);
        int bytes = 0;
        for (int i = 0; i + FRAME <= pcm.length; i += FRAME) {
            bytes += e.encode(pcm, i, FRAME, out, 0, out.length);
        }
        return bytes;
    }

    @Benchmark
    public int decodeOneMinute() throws OpusException {
        OpusDecoder d = new OpusDecoder(RATE, 1);
        int samples = 0;
        for (byte[] p : packets) {
            samples += d.decode(p, 0, p.length, decoded, 0, decoded.length, false);
        }
        return samples;
    }
}
