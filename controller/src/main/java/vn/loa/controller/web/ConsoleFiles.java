package vn.loa.controller.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web console's files, read once from the classpath folder {@code console/} (a directory in development,
 * the controller's jar in production) into memory, each with its content type and an ETag.
 */
public final class ConsoleFiles {
    /** A file of the console. */
    public record File(byte[] bytes, String contentType, String etag) {
    }

    private static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json"));

    private final Map<String, File> files;

    private ConsoleFiles(Map<String, File> files) {
        this.files = Map.copyOf(files);
    }

    /** Reads every file under {@code console/} on the class path of this class. */
    public static ConsoleFiles fromClasspath() {
        URL index = ConsoleFiles.class.getResource("/console/index.html");
        if (index == null) {
            throw new IllegalStateException("the web console is missing from the class path (console/index.html)");
        }
        try {
            URI uri = index.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return fromDirectory(jar.getPath("/console"));
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    return fromDirectory(FileSystems.getFileSystem(uri).getPath("/console"));
                }
            }
            return fromDirectory(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the web console from " + index + ": " + e, e);
        }
    }

    /** Reads every regular file under {@code dir}; names are relative, with {@code /} separators. */
    public static ConsoleFiles fromDirectory(Path dir) throws IOException {
        Map<String, File> out = new HashMap<>();
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String name = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                try {
                    byte[] bytes = Files.readAllBytes(p);
                    total[0] += bytes.length;
                    if (total[0] > MAX_TOTAL_BYTES) {
                        throw new IllegalStateException("the web console is larger than " + MAX_TOTAL_BYTES + " bytes");
                    }
                    out.put(name, new File(bytes, contentType(name), etag(bytes)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ConsoleFiles(out);
    }

    /** The file of that relative name, or null. */
    public File get(String name) {
        return files.get(name);
    }

    public int size() {
        return files.size();
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
