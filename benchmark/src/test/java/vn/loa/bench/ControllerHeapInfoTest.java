package vn.loa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jcmd GC.heap_info} as each collector prints it (JDK 25), read into committed and used kB. */
@Timeout(10)
class ControllerHeapInfoTest {
    record Case(String collector, String info, long committedKb, long usedKb) {
    }

    @Test
    void readsG1ZgcAndSerial() throws IOException {
        for (Case c : List.of(
                new Case("G1", """
                         garbage-first heap   total reserved 6291456K, committed 262144K, used 26542K [0x0000000680000000, 0x0000000800000000)
                          region size 4096K, 7 young (28672K), 0 survivors (0K)
                        """, 262144, 26542),
                new Case("ZGC", " ZHeap           used 58M, capacity 256M, max capacity 6144M\n", 256 * 1024, 58 * 1024),
                new Case("Serial (one CPU)", """
                        DefNew     total 116224K, used 4136K [0x0000000687400000, 0x000000068f210000, 0x0000000704d50000)
                         eden space 103360K,   4% used [0x0000000687400000, 0x000000068780a188, 0x000000068d8f0000)
                        Tenured    total 258048K, used 25528K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                         the  space 258048K,   9% used [0x0000000704d50000, 0x000000070663e268, 0x0000000714950000)
                        """, 116224 + 258048, 4136 + 25528))) {
            assertThat(ControllerProcess.heapOf(c.info())).as(c.collector())
                    .isEqualTo(new ControllerProcess.Heap(c.committedKb(), c.usedKb()));
        }
    }

    @Test
    void somethingElseIsAnErrorThatShowsWhatJcmdSaid() {
        assertThatThrownBy(() -> ControllerProcess.heapOf("no heap here")).isInstanceOf(IOException.class)
                .hasMessageContaining("no heap here");
    }
}
