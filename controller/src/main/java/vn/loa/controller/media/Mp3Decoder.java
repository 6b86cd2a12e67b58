package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.CORRUPT;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * MPEG audio (layers I–III, "MP3") decoder on top of JLayer. The file is first validated frame by frame with
 * {@link Mp3FrameScanner}; JLayer then only sees the byte range holding the frames. A Xing/Info tag frame is
 * skipped, and a LAME gapless tag (encoder delay and padding) is honoured, so the output has the exact length of
 * the encoded audio.
 */
public final class Mp3Decoder implements AudioDecoder {

    @Override
    public PcmSource open(Path file) throws MediaRejectedException, IOException {
        Mp3StreamInfo info = Mp3FrameScanner.scan(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(info.audioStart());
            InputStream frames = new BufferedInputStream(
                    new BoundedInputStream(Channels.newInputStream(channel), info.audioEnd() - info.audioStart()),
                    1 << 16);
            return new Source(info, frames);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Source implements PcmSource {

        private final Mp3StreamInfo info;
        private final InputStream in;
        private final Bitstream bitstream;
        private final Decoder decoder = new Decoder();
        private long framesRead;
        private long toSkip;
        private long toKeep;
        private boolean firstFramePending;

        Source(Mp3StreamInfo info, InputStream in) {
            this.info = info;
            this.in = in;
            this.bitstream = new Bitstream(in);
            this.toSkip = info.startSkip();
            this.toKeep = info.totalSamples();
            this.firstFramePending = info.skipFirstFrame();
        }

        @Override
        public int sampleRate() {
            return info.sampleRate();
        }

        @Override
        public int channels() {
            return info.channels();
        }

        @Override
        public long frameCount() {
            return info.totalSamples();
        }

        @Override
        public float[] nextBlock() throws IOException, MediaRejectedException {
            while (toKeep > 0) {
                short[] pcm = decodeNextFrame();
                if (pcm == null) {
                    return null;
                }
                int channels = info.channels();
                int frames = pcm.length / channels;
                int skip = (int) Math.min(toSkip, frames);
                toSkip -= skip;
                int keep = (int) Math.min(toKeep, frames - skip);
                if (keep <= 0) {
                    continue;
                }
                toKeep -= keep;
                float[] block = new float[keep * channels];
                int offset = skip * channels;
                for (int i = 0; i < block.length; i++) {
                    block[i] = pcm[offset + i] / 32768f;
                }
                return block;
            }
            return null;
        }

        private short[] decodeNextFrame() throws MediaRejectedException {
            try {
                if (firstFramePending) {
                    firstFramePending = false;
                    if (bitstream.readFrame() != null) {
                        framesRead++;
                        bitstream.closeFrame();
                    }
                }
                Header header = bitstream.readFrame();
                if (header == null) {
                    return null;
                }
                framesRead++;
                SampleBuffer output = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                bitstream.closeFrame();
                int length = output.getBufferLength();
                if (output.getChannelCount() != info.channels()) {
                    throw new MediaRejectedException(CORRUPT, "corrupt MP3: channel count changes at frame "
                            + framesRead);
                }
                short[] pcm = new short[length];
                System.arraycopy(output.getBuffer(), 0, pcm, 0, length);
                return pcm;
            } catch (BitstreamException | DecoderException | RuntimeException e) {
                throw new MediaRejectedException(CORRUPT, "corrupt MP3: cannot decode frame " + framesRead, e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                bitstream.close();
            } catch (BitstreamException e) {
                throw new IOException("cannot close MP3 bitstream", e);
            } finally {
                in.close();
            }
        }
    }
}
