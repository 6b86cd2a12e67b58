package vn.loa.controller.announcement;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Speaks text into a WAV file. espeak-ng today; a better Vietnamese engine can replace it. */
public interface TextToSpeech {
    /** The voices this engine offers, e.g. "vi". */
    Set<String> voices();

    /** Whether the engine can run on this machine. */
    boolean available();

    /** What to tell a person when it cannot. */
    String unavailableReason();

    Path synthesize(String text, String voice, Path directory) throws IOException, InterruptedException;
}
