package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.LopWavDecoder;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;

/**
 * {@code GET /api/v1/bulletins/{id}/audio}: the bulletin's stored audio decoded to a 16-bit PCM WAV
 * ({@code audio/wav}), so the console can play it. Any signed-in account may listen.
 */
final class BulletinAudioEndpoint implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(BulletinAudioEndpoint.class);
    /** The decoded WAV is built in memory: about 70 minutes of 24 kHz speech. */
    static final long MAX_WAV_BYTES = 200L * 1024 * 1024;

    private final BulletinRepository bulletins;
    private final MediaStore media;

    BulletinAudioEndpoint(BulletinRepository bulletins, MediaStore media) {
        this.bulletins = bulletins;
        this.media = media;
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        long id = request.pathId("id");
        Bulletin b = bulletins.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.BULLETIN, id));
        Path file = media.pathOf(b.sha256());
        if (!Files.isRegularFile(file)) {
            log.error("bulletin {}: its stored audio {} is missing", id, file);
            throw RejectionCode.STORED_AUDIO_UNUSABLE.reject(id);
        }
        byte[] wav;
        try {
            wav = LopWavDecoder.decode(file, MAX_WAV_BYTES);
        } catch (LopWavDecoder.TooLongException e) {
            throw RejectionCode.AUDIO_TOO_LONG_TO_LISTEN.reject(id, e.getMessage());
        } catch (IOException e) {
            log.error("bulletin {}: its stored audio cannot be decoded: {}", id, e.toString(), e);
            throw RejectionCode.STORED_AUDIO_UNUSABLE.reject(id);
        }
        return ApiResponse.bytes(HttpResponseStatus.OK, wav, "audio/wav")
                .withHeader("Content-Disposition", "inline; filename=\"bulletin-" + id + ".wav\"");
    }
}
