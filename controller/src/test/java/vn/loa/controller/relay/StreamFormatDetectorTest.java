package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFormatDetectorTest {
    private final StreamFormatDetector detector = new StreamFormatDetector();

    private StreamFormat detect(String contentType, byte... head) {
        return detector.detect(contentType, head, head.length);
    }

    private static byte[] ascii(String s) {
        return (s + "\0\0\0\0\0\0\0\0\0\0\0\0").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void conclusiveBytesWinOverTheContentType() {
        assertThat(detect("audio/mpeg", ascii("OggS"))).isEqualTo(StreamFormat.OGG);
        assertThat(detect("application/octet-stream", ascii("ID3"))).isEqualTo(StreamFormat.MP3);
        assertThat(detect(null, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x64)).isEqualTo(StreamFormat.MP3);
        assertThat(detect(null, (byte) 0xFF, (byte) 0xF1, (byte) 0x50, (byte) 0x80)).isEqualTo(StreamFormat.AAC);
        assertThat(detect("audio/mpeg", ascii("<html>"))).isEqualTo(StreamFormat.NOT_AUDIO);
        assertThat(detect(null, ascii("fLaC"))).isEqualTo(StreamFormat.FLAC);
    }

    @Test
    void otherwiseTheContentTypeDecides() {
        byte[] midFrame = {0x12, 0x34, 0x56, 0x78};
        assertThat(detect("audio/mpeg", midFrame)).isEqualTo(StreamFormat.MP3);
        assertThat(detect("application/ogg", midFrame)).isEqualTo(StreamFormat.OGG);
        assertThat(detect("audio/aacp; charset=x", midFrame)).isEqualTo(StreamFormat.AAC);
        assertThat(detect("audio/x-wav", midFrame)).isEqualTo(StreamFormat.OTHER_AUDIO);
        assertThat(detect(null, midFrame)).isEqualTo(StreamFormat.OTHER_AUDIO);
        assertThat(detect("text/plain", midFrame)).isEqualTo(StreamFormat.NOT_AUDIO);
        assertThat(StreamFormat.MP3.decodedInProcess()).isTrue();
        assertThat(StreamFormat.OGG.decodedInProcess()).isFalse();
    }
}
