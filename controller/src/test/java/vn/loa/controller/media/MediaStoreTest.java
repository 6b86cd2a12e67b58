package vn.loa.controller.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaStoreTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void resolvesExistingAndMissingFiles() throws IOException {
        MediaStore store = new MediaStore(dir);
        assertThat(store.pathOf(SHA)).isEqualTo(dir.resolve(SHA + ".lop"));
        assertThat(store.exists(SHA)).isFalse();
        assertThat(store.size(SHA)).isEqualTo(-1);
        Files.write(dir.resolve(SHA + ".lop"), new byte[42]);
        assertThat(store.exists(SHA)).isTrue();
        assertThat(store.size(SHA)).isEqualTo(42);
    }

    @Test
    void rejectsAnythingButLowerCaseHexSha256() {
        MediaStore store = new MediaStore(dir);
        for (String bad : new String[] {null, "", "../etc/passwd", SHA.toUpperCase(), SHA.substring(1),
            SHA + "0", SHA.substring(0, 60) + "/../", SHA.substring(0, 63) + "g"}) {
            assertThatThrownBy(() -> store.pathOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
