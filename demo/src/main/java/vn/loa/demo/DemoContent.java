package vn.loa.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.LoaController;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.schedule.ScheduleService;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.web.Json;

/**
 * A demo bulletin (spoken by espeak-ng in Vietnamese when it is installed, otherwise a chime and
 * tones), scheduled daily at the usual sessions for the whole province, and once a minute after
 * the demo starts so something plays during the tour.
 */
final class DemoContent {
    private static final Logger log = LoggerFactory.getLogger(DemoContent.class);
    private static final String TEXT = "Xin chào bà con. Đây là bản tin thử nghiệm của hệ thống truyền thanh Loa, "
            + "tỉnh Lạng Sơn.";

    private DemoContent() {
    }

    static void create(LoaController controller, Path tmpDir) throws IOException, InterruptedException {
        Files.createDirectories(tmpDir);
        Path wav = tmpDir.resolve("demo-bulletin.wav");
        if (!speak(wav)) {
            Files.write(wav, chime());
        }
        IngestedMedia media;
        try {
            media = controller.ingest().ingest(wav, "demo-bulletin.wav");
        } catch (MediaRejectedException e) {
            throw new IOException("demo bulletin refused: " + e.reason(), e);
        } finally {
            Files.deleteIfExists(wav);
        }
        long bulletin = controller.bulletins().create("Bản tin thử nghiệm", media.sha256(), media.sizeBytes(),
                media.durationMs(), media.sampleRate(), "demo-bulletin.wav", null);
        long province = controller.areas().findAll().stream().filter(a -> a.kind() == AreaKind.PROVINCE)
                .findFirst().orElseThrow().id();
        ObjectMapper json = Json.mapper();
        LocalDate today = LocalDate.now(Json.VIETNAM);
        ObjectNode daily = json.createObjectNode().put("type", "daily").put("from", today.toString())
                .put("until", today.plusDays(30).toString());
        daily.putArray("times").add("05:30").add("11:00").add("17:00");
        Targets all = new Targets(List.of(), List.of(province), List.of());
        RuleParser rules = new RuleParser();
        controller.schedules().create(new ScheduleService.NewSchedule("Bản tin sáng, trưa, chiều", bulletin, "NORMAL",
                all, rules.parse(daily)), new Problems(), null);
        Instant soon = Instant.now().plus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode once = json.createObjectNode().put("type", "once").put("at", Json.local(soon));
        controller.schedules().create(new ScheduleService.NewSchedule("Phát thử khi khởi động demo", bulletin,
                "NORMAL", all, rules.parse(once)), new Problems(), null);
        log.info("demo bulletin {} ({} ms) scheduled daily at 05:30, 11:00, 17:00 and once at {}", bulletin,
                media.durationMs(), Json.local(soon));
    }

    /** Vietnamese speech from espeak-ng, when it is installed. */
    private static boolean speak(Path wav) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("espeak-ng", "-v", "vi", "-s", "140", "-w", wav.toString(), TEXT)
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(wav) > 1000;
        } catch (IOException e) {
            log.info("espeak-ng is not installed; the demo bulletin is a chime instead of speech");
            return false;
        }
    }

    /** A three-note chime and a few seconds of tone, 16 kHz mono 16-bit WAV. */
    static byte[] chime() {
        int rate = 16_000;
        double[] notes = {523.25, 659.25, 783.99};
        int samples = rate * 5;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            double t = (double) i / rate;
            double v;
            if (t < 1.8) {
                int n = Math.min(2, (int) (t / 0.6));
                double local = t - n * 0.6;
                v = Math.sin(2 * Math.PI * notes[n] * t) * Math.exp(-3 * local);
            } else {
                v = 0.5 * Math.sin(2 * Math.PI * 440 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 3 * t));
            }
            b.putShort((short) (v * 12_000));
        }
        return b.array();
    }
}
