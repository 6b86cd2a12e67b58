package vn.loa.controller.relay;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real icecast2 server for tests, on a free loopback port, configured in a temporary directory, and ffmpeg
 * sources feeding it. Debian's icecast2 2.4.4 refuses to run as root unless {@code <security><changeowner>}
 * names a user to switch to: as root it switches to {@code nobody}, and logs go to stderr (a file under the
 * root-owned temporary directory would not be writable after the switch). Missing tools fail the test.
 */
final class Icecast implements AutoCloseable {
    static final String SOURCE_PASSWORD = "relay-test-source";

    private final Process server;
    private final int port;
    private final Path dir;
    private final List<Process> feeders = new ArrayList<>();

    private Icecast(Process server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    static Icecast start(Path dir) throws IOException, InterruptedException {
        requireTool("icecast2", "-v", "icecast2 is required by this test and is not installed "
                + "(DEBIAN_FRONTEND=noninteractive apt-get install -y icecast2; .ci/run does it)");
        requireTool("ffmpeg", "-version", "ffmpeg is required by this test and is not installed "
                + "(apt-get install -y ffmpeg; .ci/run does it)");
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("icecast.xml");
        Files.writeString(config, config(dir, port, isRoot()));
        Process p = new ProcessBuilder("icecast2", "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("icecast.out").toFile()).start();
        Icecast ice = new Icecast(p, port, dir);
        try {
            await("icecast2 listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!p.isAlive()) {
                            fail("icecast2 exited: " + Files.readString(dir.resolve("icecast.out")));
                        }
                        try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                            return true;
                        } catch (IOException e) {
                            return false;
                        }
                    });
        } catch (RuntimeException | Error e) {
            ice.close();
            throw e;
        }
        return ice;
    }

    private static boolean isRoot() throws IOException {
        Process id = new ProcessBuilder("id", "-u").start();
        return new String(id.getInputStream().readAllBytes()).strip().equals("0");
    }

    private static String config(Path dir, int port, boolean root) throws IOException {
        String group = Files.readAllLines(Path.of("/etc/group")).stream().anyMatch(l -> l.startsWith("nogroup:"))
                ? "nogroup" : "nobody";
        String changeOwner = root ? "<changeowner><user>nobody</user><group>" + group + "</group></changeowner>" : "";
        Path web = Files.createDirectories(dir.resolve("web"));
        Path admin = Files.createDirectories(dir.resolve("admin"));
        return """
                <icecast>
                  <location>test</location><admin>test@localhost</admin>
                  <limits><clients>20</clients><sources>4</sources><source-timeout>10</source-timeout>
                    <burst-on-connect>1</burst-on-connect><burst-size>16384</burst-size></limits>
                  <authentication>
                    <source-password>%s</source-password>
                    <admin-user>admin</admin-user><admin-password>%s-admin</admin-password>
                  </authentication>
                  <hostname>127.0.0.1</hostname>
                  <listen-socket><port>%d</port><bind-address>127.0.0.1</bind-address></listen-socket>
                  <fileserve>0</fileserve>
                  <paths><basedir>%s</basedir><logdir>%s</logdir><webroot>%s</webroot><adminroot>%s</adminroot></paths>
                  <logging><accesslog>-</accesslog><errorlog>-</errorlog><loglevel>3</loglevel></logging>
                  <security><chroot>0</chroot>%s</security>
                </icecast>
                """.formatted(SOURCE_PASSWORD, SOURCE_PASSWORD, port, dir, dir, web, admin, changeOwner);
    }

    URI url(String mount) {
        return URI.create("http://127.0.0.1:" + port + "/" + mount);
    }

    /**
     * Starts an ffmpeg source: {@code lavfi} input (e.g. {@code sine=frequency=440}) encoded with these codec
     * arguments, in real time, to this mount; returns once listeners can get it.
     */
    Process feed(String mount, String lavfi, String... codec) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-re",
                "-f", "lavfi", "-i", lavfi));
        cmd.addAll(List.of(codec));
        cmd.add("icecast://source:" + SOURCE_PASSWORD + "@127.0.0.1:" + port + "/" + mount);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg-" + mount + "-" + feeders.size() + ".out").toFile()).start();
        feeders.add(p);
        await("icecast mount /" + mount + " on air").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!p.isAlive()) {
                        fail("the ffmpeg source exited: " + Files.readString(dir.resolve("ffmpeg-" + mount + "-"
                                + (feeders.size() - 1) + ".out")));
                    }
                    return mounted(mount);
                });
        return p;
    }

    /** An MP3 source (LAME, 64 kbit/s, Content-Type audio/mpeg). */
    Process feedMp3(String mount, String lavfi) throws IOException {
        return feed(mount, lavfi, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-content_type", "audio/mpeg",
                "-f", "mp3");
    }

    private boolean mounted(String mount) {
        try {
            HttpURLConnection c = (HttpURLConnection) url(mount).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(500);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills a source the hard way, as a crashed encoder or a cut link would end. */
    static void kill(Process feeder) throws InterruptedException {
        feeder.destroyForcibly();
        if (!feeder.waitFor(5, TimeUnit.SECONDS)) {
            fail("the ffmpeg source did not die");
        }
    }

    private static void requireTool(String tool, String arg, String message) {
        try {
            Process p = new ProcessBuilder(tool, arg).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            fail(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while looking for " + tool);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process f : feeders) {
            f.destroyForcibly();
        }
        server.destroy();
        if (!server.waitFor(5, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }
}
