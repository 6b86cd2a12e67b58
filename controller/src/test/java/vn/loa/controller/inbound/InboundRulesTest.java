package vn.loa.controller.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.rejection.Rejection;

/** The pure parts of inbound bulletins, table-driven: the message's checks, and which communes its areas mean. */
class InboundRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "emergency spoken from text | {'ref':'a','level':'EMERGENCY','title':'t','gsoCodes':['1'],'text':'Lũ'} | ",
            "emergency with an upload   | {'ref':'a','level':'EMERGENCY','title':'t','gsoCodes':['1'],'bulletinId':4} | ",
            "normal with an audio URL   | {'ref':'a','level':'NORMAL','title':'t','gsoCodes':['1'],'audioUrl':'https://x/a.mp3'} | ",
            "normal with text only      | {'ref':'a','level':'NORMAL','title':'t','gsoCodes':['1'],'text':'x'} | REQUIRED",
            "no ref                     | {'level':'EMERGENCY','title':'t','gsoCodes':['1'],'text':'x'} | REQUIRED",
            "unknown level              | {'ref':'a','level':'URGENT','title':'t','gsoCodes':['1'],'text':'x'} | NOT_ONE_OF",
            "no codes                   | {'ref':'a','level':'EMERGENCY','title':'t','gsoCodes':[],'text':'x'} | EMPTY_LIST",
            "a code not text            | {'ref':'a','level':'EMERGENCY','title':'t','gsoCodes':[1],'text':'x'} | WRONG_TYPE",
            "both upload and URL        | {'ref':'a','level':'NORMAL','title':'t','gsoCodes':['1'],'bulletinId':4,'audioUrl':'https://x'} | EITHER_NOT_BOTH",
            "a sender field             | {'ref':'a','level':'EMERGENCY','title':'t','gsoCodes':['1'],'text':'x','sender':'tinh'} | UNKNOWN_FIELD",
            "a bad date                 | {'ref':'a','level':'NORMAL','title':'t','gsoCodes':['1'],'bulletinId':4,'proposedAt':'mai'} | NOT_A_DATE_TIME",
            "a window out of range      | {'ref':'a','level':'PRIORITY','title':'t','gsoCodes':['1'],'bulletinId':4,'windowMinutes':-1} | OUT_OF_RANGE"})
    void parse(String name, String body, String code) throws Exception {
        var node = JSON.readTree(body.replace('\'', '"'));
        if (code == null) {
            InboundBulletin b = InboundParser.parse(node);
            assertThat(b.ref()).isEqualTo("a");
            assertThat(b.gsoCodes()).containsExactly("1");
            assertThat(b.level()).isIn(Level.EMERGENCY, Level.NORMAL);
        } else {
            assertThatThrownBy(() -> InboundParser.parse(node)).isInstanceOf(Rejection.class)
                    .satisfies(e -> assertThat(((Rejection) e).problems()).anyMatch(p -> p.code().name().equals(code)));
        }
    }

    private static final AreaTree TREE = new AreaTree(List.of(
            new Area(1, null, "Tỉnh", AreaKind.PROVINCE, "20", null, null),
            new Area(2, 1L, "Huyện", AreaKind.DISTRICT, "200", null, null),
            new Area(3, 2L, "Xã A", AreaKind.COMMUNE, "06253", null, null),
            new Area(4, 2L, "Xã B", AreaKind.COMMUNE, "06254", null, null),
            new Area(5, 1L, "Xã C", AreaKind.COMMUNE, "06255", null, null),
            new Area(6, 3L, "Thôn 1", AreaKind.VILLAGE, null, null, null)));

    @ParameterizedTest(name = "areas {0} → communes {1}")
    @CsvSource(delimiter = '|', value = {
            "3      | 3", "3 4    | 3 4", "2      | 3 4", "1      | 3 4 5", "6      | 3", "6 3    | 3", "99     | "})
    void communesOfAreas(String areas, String communes) {
        Set<Long> in = new java.util.LinkedHashSet<>();
        for (String a : areas.trim().split(" +")) {
            in.add(Long.parseLong(a));
        }
        List<Long> expected = communes == null ? List.of()
                : java.util.Arrays.stream(communes.trim().split(" +")).map(Long::valueOf).toList();
        assertThat(TargetCommunes.of(TREE, in)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
