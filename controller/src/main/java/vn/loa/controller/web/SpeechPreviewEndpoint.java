package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.announcement.TextToSpeech;

/**
 * The text of a text announcement as the speech engine will say it (numbers, dates, units and
 * abbreviations written out), for the console's preview before anything is sent.
 */
public final class SpeechPreviewEndpoint {
    private static final int MAX_TEXT = 5000;

    private final TextToSpeech tts;

    public SpeechPreviewEndpoint(TextToSpeech tts) {
        this.tts = tts;
    }

    public void register(Router router) {
        router.add(HttpMethod.POST, "/api/v1/speech/preview", this::preview);
    }

    private ApiResponse preview(ApiRequest request) throws Exception {
        JsonNode body = request.jsonBody();
        vn.loa.controller.rejection.Problems errors = new vn.loa.controller.rejection.Problems();
        String text = Json.text(body, "text", MAX_TEXT, errors);
        errors.throwIfAny();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("text", text);
        out.put("spoken", tts.spokenForm(text));
        out.put("engineAvailable", tts.available());
        return ApiResponse.ok(out);
    }
}
