package vn.loa.controller.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Referenced tables first: table-driven. */
class TableOrderTest {
    record Case(Map<String, Set<String>> references, List<String> order) {
    }

    @Test
    void referencedTablesComeFirst() {
        for (Case c : List.of(
                new Case(Map.of(), List.of()),
                new Case(Map.of("b", Set.of(), "a", Set.of()), List.of("a", "b")),
                new Case(Map.of("zone", Set.of("station", "area"), "station", Set.of("area"), "area", Set.of("area")),
                        List.of("area", "station", "zone")),
                new Case(Map.of("play", Set.of(), "alarm_event", Set.of("alarm"), "alarm", Set.of()),
                        List.of("alarm", "play", "alarm_event")),
                new Case(Map.of("chunk", Set.of("blob", "not_copied")), List.of("chunk")))) {
            assertThat(TableOrder.sort(c.references())).as(c.references().toString()).isEqualTo(c.order());
        }
    }

    @Test
    void aCycleHasNoOrder() {
        assertThatThrownBy(() -> TableOrder.sort(Map.of("a", Set.of("b"), "b", Set.of("a"), "c", Set.of())))
                .hasMessageContaining("cycle").hasMessageContaining("a").hasMessageContaining("b");
    }
}
