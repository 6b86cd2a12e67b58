package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.TRUNCATED;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Decodes PCM (8/16/24/32-bit integer) and IEEE float (32/64-bit) WAV files, including WAVE_FORMAT_EXTENSIBLE. */
public final class WavDecoder implements AudioDecoder {

    private static final int BLOCK_FRAMES = 8192;

    @Override
    public PcmSource open(Path file) throws MediaRejectedException, IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Source(channel, WavHeaderParser.parse(channel));
        } catch (MediaRejectedException | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static final class Source implements PcmSource {

        private final FileChannel channel;
        private final WavFormat format;
        private long framesRead;

        Source(FileChannel channel, WavFormat format) {
            this.channel = channel;
            this.format = format;
        }

        @Override
        public int sampleRate() {
            return format.sampleRate();
        }

        @Override
        public int channels() {
            return format.channels();
        }

        @Override
        public long frameCount() {
            return format.frameCount();
        }

        @Override
        public float[] nextBlock() throws IOException, MediaRejectedException {
            long frames = Math.min(BLOCK_FRAMES, format.frameCount() - framesRead);
            if (frames <= 0) {
                return null;
            }
            int bytesPerFrame = format.bytesPerFrame();
            ByteBuffer bytes = ByteBuffer.allocate((int) frames * bytesPerFrame).order(ByteOrder.LITTLE_ENDIAN);
            long position = format.dataOffset() + framesRead * bytesPerFrame;
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, position + bytes.position()) < 0) {
                    throw new MediaRejectedException(TRUNCATED, "truncated WAV: file shrank while reading");
                }
            }
            bytes.flip();
            framesRead += frames;
            return convert(bytes, (int) frames * format.channels());
        }

        private float[] convert(ByteBuffer bytes, int samples) {
            float[] out = new float[samples];
            for (int i = 0; i < samples; i++) {
                out[i] = sample(bytes);
            }
            return out;
        }

        private float sample(ByteBuffer bytes) {
            if (format.floatingPoint()) {
                double value = format.containerBits() == 32 ? bytes.getFloat() : bytes.getDouble();
                return Double.isFinite(value) ? (float) value : 0f;
            }
            return switch (format.containerBits()) {
                case 8 -> ((bytes.get() & 0xFF) - 128) / 128f;
                case 16 -> bytes.getShort() / 32768f;
                case 24 -> {
                    int lo = bytes.get() & 0xFF;
                    int mid = bytes.get() & 0xFF;
                    int hi = bytes.get();
                    yield ((hi << 16) | (mid << 8) | lo) / 8388608f;
                }
                default -> (float) (bytes.getInt() / 2147483648.0);
            };
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
