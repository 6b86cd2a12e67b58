package vn.loa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's choice of Lạng Sơn communes, from the statistics office's list in the jar. */
class DemoSeederTest {

    @Test
    void thirtySevenDistinctCommunesWithTheNamedOnesFirst() throws Exception {
        List<DemoSeeder.CommuneRow> rows = DemoSeeder.readCsv();
        assertThat(rows).hasSize(200);
        List<DemoSeeder.CommuneRow> chosen = DemoSeeder.choose(rows);
        assertThat(chosen).hasSize(DemoSeeder.STATIONS).doesNotHaveDuplicates();
        assertThat(chosen.subList(0, DemoSeeder.NAMED_COMMUNES.size())).extracting(DemoSeeder.CommuneRow::commune)
                .containsExactlyElementsOf(DemoSeeder.NAMED_COMMUNES);
        assertThat(chosen.stream().map(DemoSeeder.CommuneRow::districtCode).distinct().count()).isEqualTo(11);
    }
}
