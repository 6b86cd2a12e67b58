package vn.loa.controller.media;

import static vn.loa.controller.media.MediaRejectedException.Kind.EMPTY;
import static vn.loa.controller.media.MediaRejectedException.Kind.TOO_LARGE;
import static vn.loa.controller.media.MediaRejectedException.Kind.UNSUPPORTED;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Ingest into audio files in {@code mediaDir}. */
    public MediaIngest(Path mediaDir, long maxInputBytes) {
        this(new MediaStore(mediaDir), maxInputBytes, MAX_DURATION);
    }

    /** Ingest into {@code store} (files, or the database). */
    public MediaIngest(MediaStore store, long maxInputBytes) {
        this(store, maxInputBytes, MAX_DURATION);
    }

    MediaIngest(Path mediaDir, long maxInputBytes, Duration maxDuration) {
        this(new MediaStore(mediaDir), maxInputBytes, maxDuration);
    }

    MediaIngest(MediaStore store, long maxInputBytes, Duration maxDuration) {
        this.store = Objects.requireNonNull(store, "store");
        this.mediaDir = store.mediaDir();
        if (maxInputBytes <= 0) {
            throw new IllegalArgumentException("maxInputBytes must be positive");
        }
        this.maxInputBytes = maxInputBytes;
        this.transcoder = new AudioTranscoder(maxDuration);
        // A controller killed during an ingest leaves its .ingest-*.tmp behind (never a half-written
        // <sha256>.lop: those appear only by an atomic rename). At start no ingest runs yet, so any such file
        // is abandoned.
        LocalFiles.removeAbandoned(mediaDir, ".ingest-*.tmp");
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
            Path target = store.add(sha, temp);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
