package vn.loa.controller.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import vn.loa.controller.media.LiveEncoder;
import vn.loa.protocol.media.OpusPacketFile;
import vn.loa.protocol.media.OpusPacketWriter;

/** The audio a run sends: a quiet 440 Hz tone as 20 ms Opus packets, and the same tone as an LOP file. */
record KitAudio(List<byte[]> packets, int preSkip, long totalSamples, byte[] lop, String sha256) {

    static KitAudio tone(int millis) {
        LiveEncoder encoder = new LiveEncoder(LiveEncoder.SAMPLE_RATE);
        int n = LiveEncoder.SAMPLE_RATE * millis / 1000;
        short[] pcm = new short[n];
        for (int i = 0; i < n; i++) {
            pcm[i] = (short) Math.round(0.1 * 32767 * Math.sin(2 * Math.PI * 440 * i / LiveEncoder.SAMPLE_RATE));
        }
        List<byte[]> packets = new ArrayList<>(encoder.push(pcm, n));
        packets.addAll(encoder.finish());
        long total = n;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OpusPacketWriter w = new OpusPacketWriter(out, new OpusPacketFile.Header(LiveEncoder.SAMPLE_RATE, 1,
                LiveEncoder.FRAME_SAMPLES, encoder.preSkip(), total))) {
            for (byte[] p : packets) {
                w.writePacket(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail: " + e.getMessage(), e);
        }
        byte[] lop = out.toByteArray();
        try {
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(lop));
            return new KitAudio(List.copyOf(packets), encoder.preSkip(), total, lop, sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
