package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3.1 description of the HTTP API (docs/openapi.json, packed into the
 * jar at build time). Public, like the API's own documentation. OpenApiContractTest keeps it equal to the router's
 * table.
 */
public final class OpenApiEndpoint {
    /** Where the build puts docs/openapi.json on the class path. */
    public static final String RESOURCE = "/vn/loa/controller/web/openapi.json";

    private final byte[] document;

    private OpenApiEndpoint(byte[] document) {
        this.document = document;
    }

    /** Reads the description once; fails at start when the jar was built without it. */
    public static OpenApiEndpoint fromClasspath() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path (the build copies"
                        + " docs/openapi.json there)");
            }
            return new OpenApiEndpoint(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    public void register(Router router) {
        router.addPublic(HttpMethod.GET, "/api/v1/openapi.json",
                r -> ApiResponse.bytes(HttpResponseStatus.OK, document, "application/json; charset=utf-8"));
    }
}
