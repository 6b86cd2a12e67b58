package vn.loa.agent.media;

import java.io.IOException;
import java.nio.file.Path;
import vn.loa.agent.player.AudioSource;
import vn.loa.hardware.PcmFormat;

/** The player's view of a cached LOP file. */
public final class OpusAudioSource implements AudioSource {
    private final OpusFileDecoder decoder;
    private final PcmFormat format;

    private OpusAudioSource(OpusFileDecoder decoder) {
        this.decoder = decoder;
        this.format = new PcmFormat(decoder.header().sampleRate(), decoder.header().channels());
    }

    public static AudioSource open(Path file) throws IOException {
        return new OpusAudioSource(OpusFileDecoder.open(file));
    }

    @Override
    public PcmFormat format() {
        return format;
    }

    @Override
    public short[] nextFrame() throws IOException {
        return decoder.nextFrame();
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }
}
