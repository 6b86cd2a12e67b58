package vn.loa.controller.speech;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The words a Vietnamese voice cannot read as written: abbreviations of public life (UBND, HĐND, HTX…),
 * units after numbers, common loanwords, and the names of letters for spelling what is left. A word
 * a Vietnamese voice does not recognise makes espeak-ng switch to its English voice mid-sentence
 * ("UBND" → (en)…); everything here is written in plain Vietnamese syllables instead.
 */
public final class SpeechLexicon {
    /** Abbreviations, matched as whole words with their exact case. */
    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry("UBND", "Ủy ban nhân dân"),
            Map.entry("HĐND", "Hội đồng nhân dân"),
            Map.entry("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
            Map.entry("MTTQ", "Mặt trận Tổ quốc"),
            Map.entry("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
            Map.entry("QH", "Quốc hội"),
            Map.entry("HTX", "hợp tác xã"),
            Map.entry("THCS", "trung học cơ sở"),
            Map.entry("THPT", "trung học phổ thông"),
            Map.entry("TH", "tiểu học"),
            Map.entry("MN", "mầm non"),
            Map.entry("BCH", "ban chỉ huy"),
            Map.entry("BCĐ", "ban chỉ đạo"),
            Map.entry("PCTT", "phòng chống thiên tai"),
            Map.entry("TKCN", "tìm kiếm cứu nạn"),
            Map.entry("PCTT&TKCN", "phòng chống thiên tai và tìm kiếm cứu nạn"),
            Map.entry("PCCC", "phòng cháy chữa cháy"),
            Map.entry("PCCR", "phòng cháy chữa cháy rừng"),
            Map.entry("CSGT", "cảnh sát giao thông"),
            Map.entry("ATGT", "an toàn giao thông"),
            Map.entry("VSATTP", "vệ sinh an toàn thực phẩm"),
            Map.entry("ATTP", "an toàn thực phẩm"),
            Map.entry("BHYT", "bảo hiểm y tế"),
            Map.entry("BHXH", "bảo hiểm xã hội"),
            Map.entry("NTM", "nông thôn mới"),
            Map.entry("KT-XH", "kinh tế xã hội"),
            Map.entry("KTXH", "kinh tế xã hội"),
            Map.entry("KTTV", "khí tượng thủy văn"),
            Map.entry("CAX", "công an xã"),
            Map.entry("QĐ", "quyết định"),
            Map.entry("NQ", "nghị quyết"),
            Map.entry("NĐ", "nghị định"),
            Map.entry("CT", "chỉ thị"),
            Map.entry("TB", "thông báo"),
            Map.entry("KH", "kế hoạch"),
            Map.entry("CV", "công văn"),
            Map.entry("TT", "thông tư"),
            Map.entry("BTTTT", "Bộ Thông tin và Truyền thông"),
            Map.entry("TTCS", "thông tin cơ sở"),
            Map.entry("TW", "trung ương"),
            Map.entry("TƯ", "trung ương"),
            Map.entry("VN", "Việt Nam"),
            Map.entry("TP", "thành phố"),
            Map.entry("Tp", "thành phố"),
            Map.entry("QL", "quốc lộ"),
            Map.entry("ĐT", "đường tỉnh"),
            Map.entry("ĐTN", "Đoàn thanh niên"),
            Map.entry("HLHPN", "Hội Liên hiệp Phụ nữ"),
            Map.entry("HND", "Hội Nông dân"),
            Map.entry("HCCB", "Hội Cựu chiến binh"),
            Map.entry("GD&ĐT", "giáo dục và đào tạo"),
            Map.entry("GDĐT", "giáo dục và đào tạo"),
            Map.entry("NN&PTNT", "nông nghiệp và phát triển nông thôn"),
            Map.entry("TN&MT", "tài nguyên và môi trường"),
            Map.entry("TNMT", "tài nguyên và môi trường"),
            Map.entry("VH-XH", "văn hóa xã hội"),
            Map.entry("TTYT", "trung tâm y tế"),
            Map.entry("TYT", "trạm y tế"),
            Map.entry("BQL", "ban quản lý"),
            Map.entry("CLB", "câu lạc bộ"),
            Map.entry("SXKD", "sản xuất kinh doanh"),
            Map.entry("ĐVT", "đơn vị tính"),
            Map.entry("STT", "số thứ tự"),
            Map.entry("SĐT", "số điện thoại"),
            Map.entry("ĐC", "địa chỉ"),
            Map.entry("VNĐ", "đồng"),
            Map.entry("VND", "đồng"),
            Map.entry("USD", "đô la Mỹ"),
            Map.entry("SMS", "tin nhắn"),
            Map.entry("CCCD", "căn cước công dân"),
            Map.entry("CMND", "chứng minh nhân dân"),
            Map.entry("GPS", "giê pê ét"),
            Map.entry("TV", "ti vi"),
            Map.entry("OK", "ô kê"));

    /** Loanwords, matched as whole words whatever their case. */
    private static final Map<String, String> LOANWORDS = Map.ofEntries(
            Map.entry("covid", "cô vít"),
            Map.entry("km", "ki lô mét"),
            Map.entry("virus", "vi rút"),
            Map.entry("vaccine", "vắc xin"),
            Map.entry("vacxin", "vắc xin"),
            Map.entry("internet", "in tơ nét"),
            Map.entry("online", "trực tuyến"),
            Map.entry("email", "i meo"),
            Map.entry("website", "trang thông tin điện tử"),
            Map.entry("zalo", "da lô"),
            Map.entry("facebook", "phây búc"),
            Map.entry("hotline", "đường dây nóng"),
            Map.entry("video", "vi đê ô"),
            Map.entry("wifi", "oai phai"),
            Map.entry("app", "ứng dụng"),
            Map.entry("radio", "ra đi ô"),
            Map.entry("show", "sô"),
            Map.entry("karaoke", "ca ra ô kê"),
            Map.entry("camera", "ca mê ra"),
            Map.entry("dengue", "sốt xuất huyết"),
            Map.entry("container", "công te nơ"));

    /** Units after a number, longest first where one is a prefix of another (the caller tries in this order). */
    static final String[][] UNITS = {
            {"km/h", "ki lô mét một giờ"}, {"km²", "ki lô mét vuông"}, {"km2", "ki lô mét vuông"},
            {"km", "ki lô mét"}, {"m/s", "mét một giây"}, {"mm", "mi li mét"}, {"cm", "xen ti mét"},
            {"m²", "mét vuông"}, {"m2", "mét vuông"}, {"m³", "mét khối"}, {"m3", "mét khối"}, {"m", "mét"},
            {"kg", "ki lô gam"}, {"g", "gam"}, {"ha", "héc ta"}, {"°C", "độ xê"}, {"ºC", "độ xê"}, {"℃", "độ xê"},
            {"°", "độ"}, {"%", "phần trăm"}, {"kW", "ki lô oát"}, {"MW", "mê ga oát"}, {"kWh", "ki lô oát giờ"},
            {"VNĐ", "đồng"}, {"VND", "đồng"}, {"vnđ", "đồng"}, {"đ", "đồng"}, {"USD", "đô la Mỹ"}, {"l", "lít"},
            {"ml", "mi li lít"}, {"h", "giờ"}};

    /** Vietnamese names of letters, for spelling what is left (acronyms such as "ATM"). */
    private static final Map<Character, String> LETTERS = Map.ofEntries(
            Map.entry('a', "a"), Map.entry('ă', "á"), Map.entry('â', "ớ"), Map.entry('b', "bê"), Map.entry('c', "xê"),
            Map.entry('d', "dê"), Map.entry('đ', "đê"), Map.entry('e', "e"), Map.entry('ê', "ê"), Map.entry('f', "ép"),
            Map.entry('g', "giê"), Map.entry('h', "hát"), Map.entry('i', "i"), Map.entry('j', "gi"), Map.entry('k', "ca"),
            Map.entry('l', "e lờ"), Map.entry('m', "em mờ"), Map.entry('n', "en nờ"), Map.entry('o', "o"),
            Map.entry('ô', "ô"), Map.entry('ơ', "ơ"), Map.entry('p', "pê"), Map.entry('q', "quy"), Map.entry('r', "e rờ"),
            Map.entry('s', "ét"), Map.entry('t', "tê"), Map.entry('u', "u"), Map.entry('ư', "ư"), Map.entry('v', "vê"),
            Map.entry('w', "vê kép"), Map.entry('x', "ích"), Map.entry('y', "i dài"), Map.entry('z', "dét"));

    /**
     * A syllable Vietnamese phonotactics allow (initial consonant, one to three vowels, an allowed final),
     * tones included; anything else is a foreign word a Vietnamese voice may hand to another language.
     */
    private static final Pattern SYLLABLE = Pattern.compile(
            "(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                    + "[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,4}"
                    + "(ch|ng|nh|[cmnpt])?",
            Pattern.UNICODE_CASE | Pattern.CASE_INSENSITIVE);

    private SpeechLexicon() {
    }

    public static Optional<String> abbreviation(String word) {
        return Optional.ofNullable(ABBREVIATIONS.get(word));
    }

    public static Optional<String> loanword(String word) {
        return Optional.ofNullable(LOANWORDS.get(word.toLowerCase(Locale.ROOT)));
    }

    public static boolean isVietnameseSyllable(String word) {
        return SYLLABLE.matcher(word).matches();
    }

    /** Each letter by its Vietnamese name ("ATM" → "a tê em mờ"); characters without a name are dropped. */
    public static String spell(String word) {
        StringBuilder out = new StringBuilder();
        for (char c : word.toLowerCase(Locale.ROOT).toCharArray()) {
            String name = LETTERS.get(c);
            if (name == null && Character.isLetter(c)) {
                name = LETTERS.get(baseLetter(c));
            }
            if (name != null) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(name);
            }
        }
        return out.toString();
    }

    /** The letter under a tone mark: "ệ" → 'ê', "á" → 'a'. */
    private static char baseLetter(char c) {
        String decomposed = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
        char base = decomposed.charAt(0);
        // keep the vowel marks that make a letter (ă â ê ô ơ ư), drop the tones
        if (decomposed.length() > 1) {
            for (int i = 1; i < decomposed.length(); i++) {
                char mark = decomposed.charAt(i);
                String recomposed = java.text.Normalizer.normalize(base + String.valueOf(mark), java.text.Normalizer.Form.NFC);
                if (recomposed.length() == 1 && LETTERS.containsKey(recomposed.charAt(0))) {
                    return recomposed.charAt(0);
                }
            }
        }
        return base;
    }
}
