package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.EMPTY;
import static vn.loa.controller.media.MediaRejectedException.Kind.TOO_LARGE;
import static vn.loa.controller.media.MediaRejectedException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates an uploaded audio file, converts it to a loudness-normalised 24 kHz mono Opus LOP file and stores it
 * under its content hash. On any failure nothing is left behind in the media directory.
 */
public final class MediaIngest {

    /** Longest accepted audio. */
    public static final Duration MAX_DURATION = Duration.ofHours(2);
    static final String UNSUPPORTED_REASON = "unsupported format: only MP3 and WAV are accepted without ffmpeg";

    private static final Logger LOG = LoggerFactory.getLogger(MediaIngest.class);

    private final Path mediaDir;
    private final long maxInputBytes;
    private final MediaStore store;
    private final AudioTranscoder transcoder;
    private final AudioDecoder wavDecoder = new WavDecoder();
    private final AudioDecoder mp3Decoder = new Mp3Decoder();

    public MediaIngest(Path mediaDir, long maxInputBytes) {
        this(mediaDir, maxInputBytes, MAX_DURATION);
    }

    MediaIngest(Path mediaDir, long maxInputBytes, Duration maxDuration) {
        this.mediaDir = Objects.requireNonNull(mediaDir, "mediaDir");
        if (maxInputBytes <= 0) {
            throw new IllegalArgumentException("maxInputBytes must be positive");
        }
        this.maxInputBytes = maxInputBytes;
        this.store = new MediaStore(mediaDir);
        this.transcoder = new AudioTranscoder(maxDuration);
        removeAbandonedTemporaries();
    }

    /**
     * A controller killed during an ingest leaves its {@code .ingest-*.tmp} behind (never a half-written
     * {@code <sha256>.lop}: those appear only by an atomic rename). At start no ingest runs yet, so any
     * such file is abandoned.
     */
    private void removeAbandonedTemporaries() {
        if (!Files.isDirectory(mediaDir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(mediaDir, ".ingest-*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                LOG.info("removed {}, left by an ingest that was cut off", f.getFileName());
            }
        } catch (IOException e) {
            LOG.warn("cannot remove abandoned ingest files in {}: {}", mediaDir, e.toString());
        }
    }

    /**
     * @param uploadedFile     the upload; it is only read, never moved or deleted
     * @param originalFileName the name the client gave, used for logging only (the format is detected by content)
     */
    public IngestedMedia ingest(Path uploadedFile, String originalFileName) throws MediaRejectedException, IOException {
        long size = Files.size(uploadedFile);
        if (size > maxInputBytes) {
            throw new MediaRejectedException(TOO_LARGE, "the file is " + size + " bytes, the limit is "
                    + maxInputBytes + " bytes");
        }
        if (size == 0) {
            throw new MediaRejectedException(EMPTY, "empty file");
        }
        AudioDecoder decoder = decoderFor(uploadedFile);
        Files.createDirectories(mediaDir);
        Path temp = Files.createTempFile(mediaDir, ".ingest-", ".tmp");
        try {
            MessageDigest digest = sha256();
            AudioTranscoder.Result result;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
                result = transcoder.transcode(decoder, uploadedFile, out);
                out.flush();
                channel.force(true);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            Path target = store.pathOf(sha);
            if (Files.isRegularFile(target)) {
                Files.delete(temp);
            } else {
                moveAtomically(temp, target);
            }
            long durationMs = (result.totalSamples() * 1000 + OpusLopEncoder.SAMPLE_RATE / 2)
                    / OpusLopEncoder.SAMPLE_RATE;
            IngestedMedia media = new IngestedMedia(sha, target, Files.size(target), durationMs,
                    OpusLopEncoder.SAMPLE_RATE);
            LOG.info("ingested {} as {} ({} ms, gain {} dB)", originalFileName, target.getFileName(), durationMs,
                    String.format("%.1f", 20 * Math.log10(result.gain())));
            return media;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private AudioDecoder decoderFor(Path file) throws MediaRejectedException, IOException {
        // Seam for later formats: an ffmpeg-backed AudioDecoder would be chosen here instead of rejecting.
        MediaFormat format = FormatSniffer.sniff(file)
                .orElseThrow(() -> new MediaRejectedException(UNSUPPORTED, UNSUPPORTED_REASON));
        return switch (format) {
            case WAV -> wavDecoder;
            case MP3 -> mp3Decoder;
        };
    }

    private void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the media directory does not support atomic renames: " + mediaDir, e);
        }
        syncDirectory();
    }

    /** Makes the rename durable; not every platform can open a directory, so this is best effort. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(mediaDir, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot fsync media directory {}: {}", mediaDir, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
