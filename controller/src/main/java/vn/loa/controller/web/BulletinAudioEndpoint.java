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
        Bulletin b = bulletins.find(id).orElseThrow(() -> vn.loa.controller.rejection.RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.BULLETIN, id));
        Path file = media.pathOf(b.sha256());
        if (!Files.isRegularFile(file)) {
            log.error("bulletin {}: its stored audio {} is missing", id, file);
            throw new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "the stored audio of bulletin " + id + " is missing; see the controller log");
        }
        byte[] wav;
        try {
            wav = LopWavDecoder.decode(file, MAX_WAV_BYTES);
        } catch (LopWavDecoder.TooLongException e) {
            throw new ApiException(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "bulletin " + id + " is too long to listen to in the browser: " + e.getMessage());
        } catch (IOException e) {
            log.error("bulletin {}: its stored audio cannot be decoded: {}", id, e.toString(), e);
            throw new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "the stored audio of bulletin " + id + " cannot be decoded; see the controller log");
        }
        return ApiResponse.bytes(HttpResponseStatus.OK, wav, "audio/wav")
                .withHeader("Content-Disposition", "inline; filename=\"bulletin-" + id + ".wav\"");
    }
}
