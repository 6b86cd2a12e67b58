package vn.loa.controller.speech;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites a bulletin's text the way a Vietnamese announcer reads it, before any speech engine sees it:
 * numbers, dates ("7/12" → "bảy tháng mười hai"), times ("14h30" → "mười bốn giờ ba mươi"), phone
 * numbers (digit by digit, in their groups), units after numbers ("3,5 m" → "ba phẩy năm mét"),
 * ranges ("20-25°C" → "hai mươi đến hai mươi lăm độ xê"), document numbers, abbreviations of public
 * life (UBND → "Ủy ban nhân dân") and loanwords; what is still not Vietnamese is spelt with
 * Vietnamese letter names, so the voice never switches language mid-sentence.
 *
 * <p>Pure and engine-neutral: espeak-ng uses it today, a neural engine can reuse it. The passes run in
 * a fixed order because each consumes what a later, more general one would misread (a date before
 * plain numbers, a range's dash before negative numbers).
 */
public final class VietnameseTextNormaliser {
    private static final int F = Pattern.UNICODE_CHARACTER_CLASS;
    /** A number as written in Vietnamese: dots between thousands, a comma before decimals. */
    private static final String NUMBER = "\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+,\\d+|\\d+";

    private static final Pattern DASHES = Pattern.compile("[–—]");
    private static final Pattern DOCUMENT = Pattern.compile(
            "\\b(\\d+)/(?:(\\d{4})/)?([A-ZĐ][A-ZĐ&]*\\d*(?:-[A-ZĐ][A-ZĐ&]*\\d*)*)\\b", F);
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d,.])(\\+84\\s?|0)(\\d{2,3})[ .-]?(\\d{3,4})[ .-]?(\\d{3,4})(?![\\d,])", F);
    private static final Pattern SERVICE_NUMBER = Pattern.compile(
            "\\b(gọi|điện thoại|đường dây nóng|hotline|tổng đài|SĐT|số máy)(:?\\s+(?:số\\s+)?)(\\d{3,5})\\b",
            F | Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_DASHED = Pattern.compile("\\b(\\d{1,2})-(\\d{1,2})-(\\d{4})\\b", F);
    private static final Pattern RANGE_DASH = Pattern.compile("(?<=[\\d%hC²³m])\\s{0,3}-\\s{0,3}(?=\\d)", F);
    private static final Pattern DATE = Pattern.compile("\\b(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?\\b", F);
    private static final Pattern MONTH_YEAR = Pattern.compile("\\b(?:(tháng)\\s+)?(\\d{1,2})/(\\d{4})\\b",
            F | Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH = Pattern.compile("\\b(tháng)\\s+0?(\\d{1,2})\\b", F | Pattern.CASE_INSENSITIVE);
    private static final Pattern DAY = Pattern.compile("\\b(ngày|mùng|mồng)\\s+0(\\d)\\b", F | Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_H = Pattern.compile("\\b(\\d{1,2})\\s?h\\s?(\\d{2})?(?:'|p|ph)?(?![\\p{L}\\d])", F);
    private static final Pattern TIME_COLON = Pattern.compile("\\b(\\d{1,2}):(\\d{2})\\b", F);
    private static final Pattern ORDINAL = Pattern.compile("\\b(thứ)\\s+(\\d{1,2})\\b", F | Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH_UNIT = Pattern.compile("(?<![\\p{L}\\d])(-?)(" + NUMBER + ")\\s?("
            + Arrays.stream(SpeechLexicon.UNITS).map(u -> Pattern.quote(u[0]))
                    .sorted(Comparator.comparingInt(String::length).reversed()).collect(Collectors.joining("|"))
            + ")(?![\\p{L}\\d])", F);
    private static final Pattern LETTER_DIGIT = Pattern.compile("(?<=\\p{L})(?=\\d)|(?<=\\d)(?=\\p{L})", F);
    private static final Pattern PLAIN_NUMBER = Pattern.compile(
            "(?<![\\p{L}\\d])(-?)(" + NUMBER.replace("|\\d+,", "|\\d+\\.\\d{1,2}(?!\\d)|\\d+,") + ")(?!\\d)", F);
    private static final Pattern FRACTION = Pattern.compile("(?<=\\d)\\s?/\\s?(?=\\d)", F);
    private static final Pattern LONE_DASH = Pattern.compile("\\s+-\\s+|-");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}&]*(?:-\\p{L}[\\p{L}&]*)*", F);
    private static final Pattern SPACES = Pattern.compile("[ \\t\\u00A0]+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +(?=[,.;:!?…)])");

    /** The text as it should be spoken. */
    public String normalise(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        s = DASHES.matcher(s).replaceAll("-");
        s = replace(s, DOCUMENT, VietnameseTextNormaliser::documentNumber);
        s = replace(s, PHONE, VietnameseTextNormaliser::phone);
        s = replace(s, SERVICE_NUMBER, m -> m.group(1) + m.group(2) + VietnameseNumbers.digits(m.group(3)));
        s = replace(s, DATE_DASHED, m -> date(m, m.group(0)));
        s = RANGE_DASH.matcher(s).replaceAll(" đến ");
        s = replace(s, DATE, m -> date(m, m.group(0)));
        s = replace(s, MONTH_YEAR, VietnameseTextNormaliser::monthYear);
        s = replace(s, MONTH, m -> validMonth(m.group(2))
                ? m.group(1) + " " + VietnameseNumbers.month(Integer.parseInt(m.group(2))) : m.group(0));
        s = replace(s, DAY, m -> m.group(1) + " " + m.group(2));
        s = FRACTION.matcher(s).replaceAll(" trên ");
        s = replace(s, TIME_H, VietnameseTextNormaliser::time);
        s = replace(s, TIME_COLON, VietnameseTextNormaliser::time);
        s = replace(s, ORDINAL, m -> m.group(1) + " " + VietnameseNumbers.ordinal(m.group(2)));
        s = replace(s, WITH_UNIT, m -> sign(m.group(1)) + number(m.group(2)) + " " + unit(m.group(3)));
        s = LETTER_DIGIT.matcher(s).replaceAll(" ");
        s = replace(s, PLAIN_NUMBER, m -> sign(m.group(1)) + number(m.group(2)));
        s = replace(s, WORD, m -> word(m.group()));
        s = dashes(symbols(s));
        s = SPACES.matcher(s).replaceAll(" ");
        s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("");
        return s.strip();
    }

    private static String replace(String s, Pattern p, Function<MatchResult, String> how) {
        return p.matcher(s).replaceAll(m -> Matcher.quoteReplacement(how.apply(m)));
    }

    /** "1672/NQ-UBTVQH15" → "một nghìn sáu trăm bảy mươi hai, nghị quyết Ủy ban Thường vụ Quốc hội mười lăm". */
    private static String documentNumber(MatchResult m) {
        StringBuilder out = new StringBuilder(number(m.group(1)));
        if (m.group(2) != null) {
            out.append(" năm ").append(VietnameseNumbers.integer(m.group(2)));
        }
        out.append(',');
        String code = m.group(3);
        String whole = SpeechLexicon.abbreviation(code).orElse(null);
        if (whole != null) {
            return out.append(' ').append(whole).toString();
        }
        for (String part : code.split("-")) {
            Matcher letters = Pattern.compile("([A-ZĐ&]+)(\\d*)").matcher(part);
            if (letters.matches()) {
                out.append(' ').append(word(letters.group(1)));
                if (!letters.group(2).isEmpty()) {
                    out.append(' ').append(VietnameseNumbers.integer(letters.group(2)));
                }
            }
        }
        return out.toString();
    }

    /** Digit by digit in the groups as written ("0912 345 678"), 4-3-3 when written without gaps. */
    private static String phone(MatchResult m) {
        String prefix = m.group(1).startsWith("+84") ? "cộng tám tư, " + VietnameseNumbers.digits(m.group(2))
                : VietnameseNumbers.digits("0" + m.group(2));
        return prefix + ", " + VietnameseNumbers.digits(m.group(3)) + ", " + VietnameseNumbers.digits(m.group(4));
    }

    private static String date(MatchResult m, String original) {
        int day = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return original;
        }
        String out = VietnameseNumbers.integer(day) + " tháng " + VietnameseNumbers.month(month);
        return m.group(3) == null ? out : out + " năm " + VietnameseNumbers.integer(m.group(3));
    }

    private static String monthYear(MatchResult m) {
        if (!validMonth(m.group(2))) {
            return m.group(0);
        }
        String word = m.group(1) == null ? "tháng" : m.group(1);
        return word + " " + VietnameseNumbers.month(Integer.parseInt(m.group(2))) + " năm "
                + VietnameseNumbers.integer(m.group(3));
    }

    private static boolean validMonth(String digits) {
        int month = Integer.parseInt(digits);
        return month >= 1 && month <= 12;
    }

    /** "14h30", "14h", "14:30" → "mười bốn giờ ba mươi"; the colon form says "phút". */
    private static String time(MatchResult m) {
        int hour = Integer.parseInt(m.group(1));
        String minutes = m.groupCount() >= 2 ? m.group(2) : null;
        if (hour > 24 || (minutes != null && Integer.parseInt(minutes) > 59)) {
            return m.group(0);
        }
        String out = VietnameseNumbers.integer(hour) + " giờ";
        if (minutes == null || Integer.parseInt(minutes) == 0) {
            return m.group(0).contains(":") ? out + " đúng" : out;
        }
        out += " " + VietnameseNumbers.integer(Integer.parseInt(minutes));
        return m.group(0).contains(":") ? out + " phút" : out;
    }

    private static String sign(String minus) {
        return minus.isEmpty() ? "" : "âm ";
    }

    /** "1.500.000" → "một triệu năm trăm nghìn", "3,5" → "ba phẩy năm", "3.5" → "ba chấm năm". */
    static String number(String written) {
        if (written.matches("\\d{1,3}(\\.\\d{3})+(,\\d+)?")) {
            written = written.replace(".", "");
        } else if (written.matches("\\d+\\.\\d{1,2}")) {
            int dot = written.indexOf('.');
            return VietnameseNumbers.integer(written.substring(0, dot)) + " chấm "
                    + VietnameseNumbers.digits(written.substring(dot + 1));
        }
        int comma = written.indexOf(',');
        return comma < 0 ? VietnameseNumbers.integer(written)
                : VietnameseNumbers.decimal(written.substring(0, comma), written.substring(comma + 1));
    }

    private static String unit(String written) {
        for (String[] u : SpeechLexicon.UNITS) {
            if (u[0].equals(written)) {
                return u[1];
            }
        }
        throw new IllegalStateException("unit without a name: " + written);
    }

    /** One word, or a hyphenated compound: an abbreviation, a loanword, Vietnamese, or spelt. */
    static String word(String w) {
        var known = SpeechLexicon.abbreviation(w).or(() -> SpeechLexicon.loanword(w));
        if (known.isPresent()) {
            return known.get();
        }
        if (w.indexOf('-') > 0) {
            return Arrays.stream(w.split("-")).map(VietnameseTextNormaliser::word).collect(Collectors.joining(" "));
        }
        if (w.indexOf('&') >= 0) {
            return Arrays.stream(w.split("&")).filter(p -> !p.isEmpty()).map(VietnameseTextNormaliser::word)
                    .collect(Collectors.joining(" và "));
        }
        if (SpeechLexicon.isVietnameseSyllable(w)) {
            return w.equals(w.toUpperCase(java.util.Locale.ROOT)) && w.length() > 1
                    ? w.toLowerCase(java.util.Locale.ROOT) : w; // a headline in capitals is read as words
        }
        return SpeechLexicon.spell(w);
    }

    private static String symbols(String s) {
        return s.replace("&", " và ").replace("+", " cộng ").replace("=", " bằng ").replace("%", " phần trăm ")
                .replace("°C", " độ xê ").replace("°", " độ ").replace("/", ", ").replace("#", " số ")
                .replace("*", " ").replace("_", " ").replace("~", " khoảng ");
    }

    private static String dashes(String s) {
        return LONE_DASH.matcher(s).replaceAll(m -> m.group().equals("-") ? " " : ", ");
    }
}
