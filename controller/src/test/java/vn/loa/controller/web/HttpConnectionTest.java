package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.TestController;

/** HTTP/1.1 on one connection, spoken over a raw socket: keep-alive and the order of answers. */
@Tag("e2e")
@Timeout(60)
class HttpConnectionTest {
    @TempDir
    static Path dir;

    static TestController controller;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    record RawResponse(int status, String headers, String body) {
    }

    /** Reads one response framed by Content-Length. */
    static RawResponse read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a response head: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return new RawResponse(Integer.parseInt(headers.substring(9, 12)), headers, new String(body, StandardCharsets.UTF_8));
    }

    static String signIn(String password) {
        String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
        return "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    static final String HEALTH = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    @Test
    void oneConnectionServesRequestsOneAfterAnother() throws Exception {
        try (Socket s = new Socket("127.0.0.1", controller.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            List<Integer> statuses = new ArrayList<>();
            for (String request : List.of(HEALTH, signIn("wrong"), HEALTH, signIn(TestController.ADMIN_PASSWORD))) {
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
                statuses.add(read(in).status());
            }
            assertThat(statuses).containsExactly(200, 401, 200, 200);
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket s = new Socket("127.0.0.1", controller.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            RawResponse r = read(in);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.headers().toLowerCase(Locale.ROOT)).contains("connection: close");
            assertThat(in.read()).as("end of stream after the answer").isEqualTo(-1);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", controller.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            // a slow request (a password check) followed at once by a quick one
            out.write((signIn("wrong") + HEALTH).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            RawResponse first = read(in);
            RawResponse second = read(in);
            assertThat(first.body()).as("the answer to the sign-in").contains("wrong username or password");
            assertThat(second.body()).as("the answer to the health check").contains("\"status\"");
        }
    }
}
