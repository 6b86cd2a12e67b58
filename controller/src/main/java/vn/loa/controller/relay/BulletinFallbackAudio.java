package vn.loa.controller.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.LopWavDecoder;
import vn.loa.controller.media.MediaStore;

/** A relay's fallback from the bulletin library: the stored audio decoded once to mono PCM. */
public final class BulletinFallbackAudio implements FallbackAudio {
    /** The longest fallback held in memory: about 5 minutes of 24 kHz mono. A filler should be short. */
    static final long MAX_WAV_BYTES = 16L << 20;
    private static final int WAV_HEADER = 44;

    private final BulletinRepository bulletins;
    private final MediaStore media;

    public BulletinFallbackAudio(BulletinRepository bulletins, MediaStore media) {
        this.bulletins = bulletins;
        this.media = media;
    }

    @Override
    public Loop load(long bulletinId) throws IOException {
        Bulletin b = bulletins.find(bulletinId)
                .orElseThrow(() -> new IOException("fallback bulletin " + bulletinId + " no longer exists"));
        byte[] wav;
        try {
            wav = LopWavDecoder.decode(media.pathOf(b.sha256()), MAX_WAV_BYTES);
        } catch (LopWavDecoder.TooLongException e) {
            throw new IOException("fallback bulletin " + bulletinId + " '" + b.title() + "' is too long for a filler ("
                    + e.getMessage() + "); choose one of a few minutes at most", e);
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int channels = in.getShort(22);
        int rate = in.getInt(24);
        int frames = (wav.length - WAV_HEADER) / 2 / channels;
        short[] mono = new short[frames];
        in.position(WAV_HEADER);
        for (int i = 0; i < frames; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += in.getShort();
            }
            mono[i] = (short) (sum / channels);
        }
        return new Loop(b.title(), mono, rate);
    }
}
