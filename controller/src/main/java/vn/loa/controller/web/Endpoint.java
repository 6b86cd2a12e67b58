package vn.loa.controller.web;

/** One operation of the API. Runs on a blocking executor, never on an event loop. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request) throws Exception;
}
