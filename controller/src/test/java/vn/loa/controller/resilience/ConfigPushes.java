package vn.loa.controller.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import vn.loa.controller.support.ApiClient;

/** A station's configuration pushes as the API shows them (docs/configuration.md), for the remote-configuration tests. */
final class ConfigPushes {
    private ConfigPushes() {
    }

    /** The state of one push ({@code SENT}, {@code APPLIED}, {@code ROLLED_BACK}, …). */
    static String state(ApiClient api, long pushId) {
        ApiClient.Response r = api.get("/api/v1/config-pushes/" + pushId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("state").asText();
    }

    /** The station's configuration history, newest first. */
    static JsonNode history(ApiClient api, long stationId) {
        ApiClient.Response r = api.get("/api/v1/stations/" + stationId + "/config-history");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
