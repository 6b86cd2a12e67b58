package vn.loa.controller.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.controller.media.DatabaseMediaBlobs;
import vn.loa.controller.media.MediaImport;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.DatabaseCopy;
import vn.loa.controller.storage.DatabaseSettings;
import vn.loa.controller.storage.DatabaseVendor;
import vn.loa.controller.storage.Jdbc;

/**
 * {@code loa-controller migrate-db --from <H2 file> --to jdbc:postgresql://…}: moves a controller from its
 * embedded H2 database to PostgreSQL — every table, then the audio files into the database (where a
 * controller on PostgreSQL keeps them). The controller must be stopped; the target must be empty.
 */
@Command(name = "migrate-db", mixinStandardHelpOptions = true,
        description = "Copy a stopped controller's H2 database (and its audio) into an empty PostgreSQL database.")
public final class MigrateDbCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "H2_FILE",
            description = "the H2 database: <data>/loa.mv.db (or the data directory holding it)")
    Path from;
    @Option(names = "--to", required = true, paramLabel = "URL", description = "the empty target: jdbc:postgresql://HOST:PORT/DATABASE")
    String to;
    @Option(names = "--database-credentials", paramLabel = "FILE", description = "properties file with user=… and "
            + "password=… for --to (default: $" + DatabaseSettings.USER_ENV + " and $" + DatabaseSettings.PASSWORD_ENV + ")")
    Path credentials;
    @Option(names = "--media", paramLabel = "DIR", description = "the audio files to copy into the database "
            + "(default: media/ beside the H2 file)")
    Path media;

    private final PrintStream out;
    private final PrintStream err;

    public MigrateDbCommand() {
        this(System.out, System.err);
    }

    MigrateDbCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        Path h2File;
        DatabaseSettings target;
        try {
            h2File = h2File(from);
            target = DatabaseSettings.resolve(to, credentials, System.getenv(), h2File.getParent());
            if (target.vendor() != DatabaseVendor.POSTGRESQL) {
                throw new IllegalArgumentException("--to must be a PostgreSQL database (jdbc:postgresql://…), got "
                        + target.displayUrl());
            }
        } catch (IllegalArgumentException e) {
            err.println("migrate-db: " + e.getMessage());
            return 2;
        }
        Path mediaDir = media != null ? media : h2File.getParent().resolve("media");
        String base = h2File.toString().substring(0, h2File.toString().length() - ".mv.db".length());
        out.println("Copying " + h2File + " to " + target.displayUrl());
        try (Database source = Database.open(DatabaseSettings.h2File(Path.of(base)).withIfExists());
                Database destination = Database.connect(target)) {
            DatabaseCopy.Result copied = DatabaseCopy.copy(source, destination, out::println);
            out.printf("%d tables, %,d rows copied and counted; identity columns set past the copied keys; schema "
                    + "version %s%n", copied.tables().size(), copied.rows(), copied.schemaVersion());
            MediaImport.Result audio = MediaImport.fromDirectory(mediaDir,
                    new DatabaseMediaBlobs(new Jdbc(destination), mediaDir));
            out.printf("%d audio files (%,d bytes) from %s stored in the database%n", audio.imported(), audio.bytes(),
                    mediaDir);
            for (String bad : audio.damaged()) {
                err.println("migrate-db: " + mediaDir.resolve(bad) + " does not match its name (damaged): not copied");
            }
            List<String> missing = missingAudio(new Jdbc(destination));
            for (String m : missing) {
                err.println("migrate-db: " + m);
            }
            out.println("Done. Start the controller with: loa-controller serve --data " + h2File.getParent()
                    + " --database " + target.displayUrl() + " (credentials as for this command)");
            return audio.damaged().isEmpty() && missing.isEmpty() ? 0 : 1;
        } catch (DatabaseCopy.TargetNotEmptyException e) {
            err.println("migrate-db: " + e.getMessage());
            return 1;
        } catch (RuntimeException | java.io.IOException e) {
            err.println("migrate-db: failed, nothing was committed to the target's tables: " + e.getMessage());
            return 1;
        }
    }

    /** Audio named by bulletins and announcements that the database does not hold (missing before, too). */
    private static List<String> missingAudio(Jdbc jdbc) {
        return jdbc.query("SELECT 'bulletin ' || b.id || ': its audio ' || b.media_sha256 || ' is missing' FROM bulletin b "
                + "WHERE NOT EXISTS (SELECT 1 FROM media_blob m WHERE m.sha256 = b.media_sha256) "
                + "UNION ALL SELECT 'announcement ' || a.id || ': its audio ' || a.media_sha256 || ' is missing' "
                + "FROM announcement a WHERE a.media_sha256 IS NOT NULL "
                + "AND NOT EXISTS (SELECT 1 FROM media_blob m WHERE m.sha256 = a.media_sha256)", rs -> rs.getString(1));
    }

    /** {@code <dir>/loa.mv.db}, or the file itself; it must exist (H2 would otherwise make a new, empty one). */
    static Path h2File(Path given) {
        Path file = Files.isDirectory(given) ? given.resolve("loa.mv.db") : given;
        if (!file.getFileName().toString().endsWith(".mv.db")) {
            throw new IllegalArgumentException("--from must name an H2 database file (*.mv.db), got " + given);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no H2 database at " + file.toAbsolutePath());
        }
        return file.toAbsolutePath();
    }
}
