package vn.loa.controller.announcement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Speaks text into a WAV file. espeak-ng today; a better Vietnamese engine can replace it. Every
 * implementation speaks the text as {@link #spokenForm} renders it (for Vietnamese: through
 * {@link vn.loa.controller.speech.VietnameseTextNormaliser}), so what the console previews is what is said.
 */
public interface TextToSpeech {
    /** The voices this engine offers, e.g. "vi". */
    Set<String> voices();

    /** The languages (codes from {@link vn.loa.controller.bulletin.BulletinLanguage}) it has a voice for. */
    Set<String> languages();

    /** Whether the engine can run on this machine. */
    boolean available();

    /** What to tell a person when it cannot. */
    String unavailableReason();

    /** The text exactly as this engine will speak it (numbers, dates, units and abbreviations written out). */
    String spokenForm(String text);

    /** Speaks {@link #spokenForm the spoken form} of the text. */
    Speech synthesize(String text, String voice, Path directory) throws IOException, InterruptedException;

    /**
     * What was synthesised: the WAV (the caller deletes it), the text actually spoken, and the engine's own
     * phonetic transcription of it (espeak-ng's {@code -x}; empty when an engine has none).
     */
    record Speech(Path wav, String spoken, String phonemes) {
    }
}
