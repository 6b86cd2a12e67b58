package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: a status, a JSON value (or raw bytes) and extra headers. */
public record ApiResponse(HttpResponseStatus status, Object json, byte[] raw, String contentType,
        Map<String, String> headers) {

    public static ApiResponse ok(Object json) {
        return new ApiResponse(HttpResponseStatus.OK, json, null, null, new LinkedHashMap<>());
    }

    public static ApiResponse created(Object json) {
        return new ApiResponse(HttpResponseStatus.CREATED, json, null, null, new LinkedHashMap<>());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, null, null, null, new LinkedHashMap<>());
    }

    public static ApiResponse bytes(HttpResponseStatus status, byte[] body, String contentType) {
        return new ApiResponse(status, null, body, contentType, new LinkedHashMap<>());
    }

    public ApiResponse withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
