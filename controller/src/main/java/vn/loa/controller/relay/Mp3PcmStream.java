package vn.loa.controller.relay;

import java.io.IOException;
import java.io.InputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * An MP3 stream decoded in-process by JLayer, frame by frame as the bytes arrive from the network (never
 * buffered whole); stereo is mixed down to mono. A few undecodable frames (joining a stream mid-frame) are
 * skipped; a run of them, or a change of sample rate, ends the stream with an error.
 */
final class Mp3PcmStream implements PcmStream {
    private static final int MAX_BAD_FRAMES_IN_A_ROW = 20;

    private final InputStream in;
    private final Bitstream bitstream;
    private final Decoder decoder = new Decoder();
    private int sampleRate;
    private int badFrames;

    Mp3PcmStream(InputStream in) {
        this.in = in;
        this.bitstream = new Bitstream(in);
    }

    @Override
    public short[] read() throws IOException, UpstreamException {
        while (true) {
            Header header;
            try {
                header = bitstream.readFrame();
            } catch (BitstreamException e) {
                throw unwrap(e);
            }
            if (header == null) {
                return null;
            }
            try {
                int rate = header.frequency();
                if (sampleRate != 0 && rate != sampleRate) {
                    throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED,
                            "the MP3 stream changed its sample rate from " + sampleRate + " to " + rate + " Hz");
                }
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                badFrames = 0;
                sampleRate = rate;
                short[] mono = mono(out);
                if (mono.length > 0) {
                    return mono;
                }
            } catch (DecoderException | RuntimeException e) {
                if (++badFrames > MAX_BAD_FRAMES_IN_A_ROW) {
                    throw new UpstreamException(UpstreamException.Kind.UNSUPPORTED,
                            MAX_BAD_FRAMES_IN_A_ROW + " undecodable MP3 frames in a row: " + e.getMessage(), e);
                }
            } finally {
                bitstream.closeFrame();
            }
        }
    }

    private static short[] mono(SampleBuffer out) {
        int channels = out.getChannelCount();
        short[] pcm = out.getBuffer();
        int frames = out.getBufferLength() / channels;
        short[] mono = new short[frames];
        if (channels == 1) {
            System.arraycopy(pcm, 0, mono, 0, frames);
        } else {
            for (int i = 0; i < frames; i++) {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[i * channels + c];
                }
                mono[i] = (short) (sum / channels);
            }
        }
        return mono;
    }

    /**
     * JLayer wraps the network's IOException (twice: readFrame wraps its own exception again); give it back so a
     * read timeout reads as what it is.
     */
    private static IOException unwrap(BitstreamException e) {
        Throwable cause = e.getException();
        for (int depth = 0; cause instanceof javazoom.jl.decoder.JavaLayerException j && depth < 5; depth++) {
            cause = j.getException();
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new IOException("cannot read the MP3 stream: " + e.getMessage(), e);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String description() {
        return "MP3" + (sampleRate == 0 ? "" : " " + sampleRate + " Hz") + " (decoded in-process)";
    }

    @Override
    public void close() throws IOException {
        try {
            bitstream.close();
        } catch (BitstreamException e) {
            throw new IOException("cannot close the MP3 bitstream", e);
        } finally {
            in.close();
        }
    }
}
