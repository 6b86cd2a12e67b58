package vn.loa.controller.announcement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.speech.VietnameseTextNormaliser;

/**
 * Text to speech with espeak-ng's Vietnamese voices (northern, central, southern). The text is normalised
 * first (numbers, dates, times, units, abbreviations: {@link VietnameseTextNormaliser}), so the Vietnamese
 * voice never spells "h" or "m" nor switches to its English voice on "UBND"; espeak-ng's phonemes of what
 * it spoke ({@code -x}) come back with the WAV.
 */
public final class EspeakNg implements TextToSpeech {
    private static final Logger log = LoggerFactory.getLogger(EspeakNg.class);
    private static final Set<String> VOICES = Set.of("vi", "vi-vn-x-central", "vi-vn-x-south");
    private static final Set<String> LANGUAGES = Set.of("vi");
    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;
    private final boolean available;
    private final VietnameseTextNormaliser normaliser;

    public EspeakNg(String executable) {
        this(executable, new VietnameseTextNormaliser());
    }

    public EspeakNg(String executable, VietnameseTextNormaliser normaliser) {
        this.executable = executable;
        this.normaliser = normaliser;
        this.available = probe(executable);
        if (!available) {
            log.info("espeak-ng not found: text announcements are unavailable until it is installed");
        }
    }

    private static boolean probe(String executable) {
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Set<String> voices() {
        return VOICES;
    }

    @Override
    public Set<String> languages() {
        return LANGUAGES;
    }

    @Override
    public String spokenForm(String text) {
        return normaliser.normalise(text);
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public String unavailableReason() {
        return "text-to-speech needs espeak-ng, which is not installed on the controller (apt-get install espeak-ng)";
    }

    @Override
    public Speech synthesize(String text, String voice, Path directory) throws IOException, InterruptedException {
        if (!VOICES.contains(voice)) {
            throw new IllegalArgumentException("voice '" + voice + "' is not one of " + VOICES);
        }
        String spoken = spokenForm(text);
        Files.createDirectories(directory);
        Path wav = Files.createTempFile(directory, "tts-", ".wav");
        // the text goes through stdin, never the command line: no option injection, no length limit there
        Process p = new ProcessBuilder(List.of(executable, "-v", voice, "-s", "150", "-x", "-w", wav.toString(), "--stdin"))
                .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(spoken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Files.deleteIfExists(wav);
            throw new IOException("espeak-ng did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0 || Files.size(wav) <= 44) {
            Files.deleteIfExists(wav);
            throw new IOException("espeak-ng failed (exit " + p.exitValue() + "): " + output.strip());
        }
        // with -w, espeak-ng writes only the phonemes (-x) to its output
        return new Speech(wav, spoken, output.strip());
    }
}
