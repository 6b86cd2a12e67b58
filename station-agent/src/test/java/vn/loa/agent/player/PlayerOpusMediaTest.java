package vn.loa.agent.player;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.media.OpusAudioSource;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketWriter;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;

/** The real media path: LOP bytes downloaded in chunks into the cache, verified, decoded and played. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PlayerOpusMediaTest {
    private static final int RATE = 24_000;
    private static final int FRAME = 480;
    private static final int AMPLITUDE = 10_000;

    @TempDir
    Path root;

    private PlayerHarness h;

    @AfterEach
    void tearDown() throws IOException {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void playsADownloadedLopFileWithItsExactLength() throws Exception {
        short[] tone = new short[RATE / 2 + 77]; // not a whole number of frames
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        byte[] lop = encode(tone);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lop));

        h = new PlayerHarness(root, "boot-1", 1);
        h.synchronise();
        h.realOpener = OpusAudioSource::open;
        for (int off = 0; off < lop.length; off += 1000) { // as the fetcher stores chunks
            h.cache.append(sha, off, ByteBuffer.wrap(Arrays.copyOfRange(lop, off, Math.min(lop.length, off + 1000))));
        }
        assertThat(h.cache.complete(sha, lop.length)).isTrue();
        PlanItem item = PlayerHarness.item("opus", h.clock.millis() + 1000, 1).toBuilder().setMediaSha256(sha)
                .setMediaSize(lop.length).build();
        h.plan(item);

        h.start();
        PlayReport report = h.awaitReports(1).get(0);
        h.awaitSilentAndOff();

        assertThat(report.getOutcome()).isEqualTo(PlayReport.Outcome.PLAYED);
        assertThat(report.getStartedAtMs()).isCloseTo(item.getPlannedAtMs(), within(50L));
        assertThat((double) report.getPeakDbfs()).isCloseTo(20 * Math.log10(AMPLITUDE / 32768.0), within(1.0));
        assertThat((double) report.getRmsDbfs()).isCloseTo(20 * Math.log10(AMPLITUDE / Math.sqrt(2) / 32768.0),
                within(1.0));
        SimRecordings.Wav wav = SimRecordings.readWav(h.wavs().get(0));
        assertThat(wav.sampleRate()).isEqualTo(RATE);
        assertThat(wav.samples()).hasSize(tone.length);
        assertThat(correlation(tone, wav.samples())).isGreaterThan(0.95);
    }

    private static byte[] encode(short[] pcm) throws Exception {
        OpusEncoder encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        encoder.setBitrate(64_000);
        int lookahead = encoder.getLookahead();
        int frames = (pcm.length + lookahead + FRAME - 1) / FRAME;
        short[] padded = Arrays.copyOf(pcm, frames * FRAME);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OpusPacketWriter writer = new OpusPacketWriter(bytes,
                new OpusPacketFile.Header(RATE, 1, FRAME, lookahead, pcm.length))) {
            byte[] packet = new byte[OpusPacketFile.MAX_PACKET_BYTES];
            for (int f = 0; f < frames; f++) {
                int n = encoder.encode(padded, f * FRAME, FRAME, packet, 0, packet.length);
                writer.writePacket(packet, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    private static double correlation(short[] a, short[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
