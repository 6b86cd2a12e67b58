package vn.loa.bench;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import vn.loa.bench.load.LoadWorker;

/**
 * The entry point of a load worker process (started by the harness, locally or over ssh): control
 * lines on stdin and stdout, everything else (logs) on stderr. It never outlives the harness: it ends
 * on {@code close}, when its stdin ends, or when its parent process (the harness, or the ssh session
 * that carries the pipe) exits, even in the middle of connecting.
 */
@Command(name = "load-worker", hidden = true,
        description = "A load process of a split fleet, driven over stdin/stdout by fanout/urgent --load-processes.")
final class LoadWorkerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(LoadWorkerCommand.class);

    @Override
    public Integer call() throws Exception {
        PrintStream control = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err); // a stray print or a console logger must not corrupt the control pipe
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            log.error("the parent process {} exited: this load worker stops too", parent.pid());
            Runtime.getRuntime().halt(3);
        }));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        new LoadWorker(control).serve(in);
        return 0;
    }
}
