package vn.loa.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControllerAddressesTest {
    private static final ControllerAddress A = new ControllerAddress("a.example", 7070);
    private static final ControllerAddress B = new ControllerAddress("b.example", 7070);
    private static final ControllerAddress C = new ControllerAddress("10.0.0.3", 7071);

    /** What happened to the link to the current controller. */
    private sealed interface Event {
    }

    private record Failed() implements Event {
    }

    private record Refused(String leader) implements Event {
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("one controller: always the same", List.of(A), List.of(new Failed(), new Failed()), A),
                Arguments.of("a failure moves on", List.of(A, B, C), List.of(new Failed()), B),
                Arguments.of("failures go round the list", List.of(A, B, C),
                        List.of(new Failed(), new Failed(), new Failed()), A),
                Arguments.of("a standby names the leader: dial it", List.of(A, B, C), List.of(new Refused("10.0.0.3:7071")), C),
                Arguments.of("the leader named is not configured: the next one", List.of(A, B),
                        List.of(new Refused("elsewhere.example:7070")), B),
                Arguments.of("no leader known yet: the next one", List.of(A, B), List.of(new Refused("")), B),
                Arguments.of("a standby names itself (stale lease): the next one", List.of(A, B),
                        List.of(new Refused("a.example:7070")), B),
                Arguments.of("the named leader died: refused, failed, back to the standby", List.of(A, B),
                        List.of(new Refused("b.example:7070"), new Failed()), A),
                Arguments.of("garbage in the refusal is ignored", List.of(A, B), List.of(new Refused("b.example:x")), B));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void picksTheNextController(String why, List<ControllerAddress> all, List<Event> events, ControllerAddress expected) {
        ControllerAddresses addresses = new ControllerAddresses(all);
        assertThat(addresses.current()).isEqualTo(all.get(0));
        for (Event e : events) {
            switch (e) {
                case Failed f -> addresses.failed();
                case Refused r -> addresses.refusedBy(r.leader());
            }
        }
        assertThat(addresses.current()).as(why).isEqualTo(expected);
    }

    @Test
    void parsesTheListOfTheCommandLine() {
        assertThat(ControllerAddress.parseList("a.example:7070, b.example , [fd00::1]:7072"))
                .containsExactly(A, new ControllerAddress("b.example", 7070), new ControllerAddress("fd00::1", 7072));
        assertThat(new ControllerAddress("fd00::1", 7072)).hasToString("[fd00::1]:7072");
        assertThatThrownBy(() -> ControllerAddress.parseList(" , ")).hasMessageContaining("no controller address");
        assertThatThrownBy(() -> ControllerAddress.parse("a.example:port")).hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> ControllerAddress.parse("a.example:70700")).hasMessageContaining("not a TCP port");
    }

    @Test
    void linkSettingsListTheFirstControllerThenTheOthersOnce() {
        LinkSettings s = new LinkSettings("a.example", 7070, 1, "x", null, 600, java.time.Duration.ofMillis(500),
                java.time.Duration.ofSeconds(30), List.of(B, A, C));
        assertThat(s.controllers()).containsExactly(A, B, C);
    }
}
