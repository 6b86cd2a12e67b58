package vn.loa.controller.support;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started (controllers, agents, processes), closed in reverse order when the test ends:
 * register it with {@code @RegisterExtension}.
 */
public final class Running implements AutoCloseable, AfterEachCallback {
    private final List<AutoCloseable> started = new ArrayList<>();

    /** Keeps {@code t} to be closed at the end, and returns it. */
    public <T extends AutoCloseable> T keep(T t) {
        started.add(t);
        return t;
    }

    public void add(AutoCloseable t) {
        started.add(t);
    }

    /** Forgets {@code t} (the test closes it itself). */
    public boolean remove(Object t) {
        return started.remove(t);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        close();
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
