package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.announcement.TextToSpeech;
import vn.loa.controller.bulletin.BulletinLanguage;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/**
 * The languages a bulletin may be tagged with (the console's picker: Vietnamese names first), and tagging a
 * stored bulletin with one.
 */
public final class LanguageEndpoints {
    private final BulletinRepository bulletins;
    private final TextToSpeech tts;

    public LanguageEndpoints(BulletinRepository bulletins, TextToSpeech tts) {
        this.bulletins = bulletins;
        this.tts = tts;
    }

    public void register(Router router) {
        router.add(HttpMethod.GET, "/api/v1/languages", this::list);
        router.add(HttpMethod.PUT, "/api/v1/bulletins/{id}/language", this::tag);
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(BulletinLanguage.ALL.stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", l.code());
            m.put("name", l.vietnamese());
            m.put("nameEn", l.english());
            m.put("speech", tts.languages().contains(l.code()));
            return m;
        }).toList());
    }

    private ApiResponse tag(ApiRequest request) throws Exception {
        if (!request.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.CHANGE_BULLETINS);
        }
        long id = request.pathId("id");
        JsonNode body = request.jsonBody();
        String code = body.hasNonNull("language") ? body.get("language").asText() : null;
        BulletinLanguage language = BulletinLanguage.of(code)
                .orElseThrow(() -> PlayEndpoints.unsupportedLanguage("language", String.valueOf(code)));
        if (!bulletins.setLanguage(id, language.code())) {
            throw RejectionCode.NOT_FOUND.reject(ObjectKind.BULLETIN, id);
        }
        request.audit("bulletin " + id, "language " + language.code());
        return ApiResponse.ok(BulletinEndpoints.view(bulletins.find(id).orElseThrow()));
    }
}
