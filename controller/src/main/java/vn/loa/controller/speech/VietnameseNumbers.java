package vn.loa.controller.speech;

import java.util.ArrayList;
import java.util.List;

/**
 * How numbers are read aloud in Vietnamese (northern usage, as on commune radio): "hai mươi mốt",
 * "mười lăm", "một trăm linh năm", "một nghìn không trăm linh năm", "ba phẩy năm". Pure functions.
 */
public final class VietnameseNumbers {
    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    private static final String[] SCALES = {"", "nghìn", "triệu", "tỷ"};
    /** Beyond this an integer is read digit by digit (identifiers, not quantities). */
    public static final int MAX_DIGITS = 15;

    private VietnameseNumbers() {
    }

    /** One digit's name: 0 → "không" … 9 → "chín". */
    public static String digit(char c) {
        if (c < '0' || c > '9') {
            throw new IllegalArgumentException("not a digit: " + c);
        }
        return DIGITS[c - '0'];
    }

    /** Each digit by name, e.g. a phone number's group: "0912" → "không chín một hai". */
    public static String digits(CharSequence s) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                words.add(digit(c));
            }
        }
        return String.join(" ", words);
    }

    /**
     * An integer written in digits (no separators), e.g. "2025" → "hai nghìn không trăm hai mươi lăm".
     * Leading zeros or more than {@link #MAX_DIGITS} digits: read digit by digit.
     */
    public static String integer(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an integer: '" + digits + "'");
        }
        if ((digits.length() > 1 && digits.charAt(0) == '0') || digits.length() > MAX_DIGITS) {
            return digits(digits);
        }
        return integer(Long.parseLong(digits));
    }

    /** A non-negative integer in words. */
    public static String integer(long n) {
        if (n < 0) {
            return "âm " + integer(-n);
        }
        if (n == 0) {
            return DIGITS[0];
        }
        // groups of three digits, lowest first; "tỷ" repeats for the groups above it (nghìn tỷ)
        List<Integer> groups = new ArrayList<>();
        for (long rest = n; rest > 0; rest /= 1000) {
            groups.add((int) (rest % 1000));
        }
        List<String> words = new ArrayList<>();
        for (int i = groups.size() - 1; i >= 0; i--) {
            int g = groups.get(i);
            boolean highest = i == groups.size() - 1;
            if (g == 0) {
                if (i % 3 == 0 && i > 0 && words.size() > 0 && !lastIs(words, "tỷ")) {
                    words.add("tỷ"); // 1.000.000.000.000 → "một nghìn tỷ"
                }
                continue;
            }
            words.add(group(g, !highest));
            String scale = scale(i);
            if (!scale.isEmpty()) {
                words.add(scale);
            }
        }
        return String.join(" ", words);
    }

    private static boolean lastIs(List<String> words, String w) {
        return !words.isEmpty() && words.get(words.size() - 1).endsWith(w);
    }

    private static String scale(int groupIndex) {
        if (groupIndex == 0) {
            return "";
        }
        int inBillions = groupIndex % 3; // 0: tỷ, 1: nghìn, 2: triệu
        if (groupIndex >= 3) {
            return inBillions == 0 ? "tỷ" : SCALES[inBillions];
        }
        return SCALES[groupIndex];
    }

    /**
     * Three digits. {@code full}: the group follows a higher one, so its hundreds and tens are said even
     * when zero ("một nghìn không trăm linh năm").
     */
    static String group(int g, boolean full) {
        int hundreds = g / 100;
        int tens = g / 10 % 10;
        int units = g % 10;
        List<String> w = new ArrayList<>();
        if (hundreds > 0 || full) {
            w.add(DIGITS[hundreds]);
            w.add("trăm");
        }
        if (tens == 0) {
            if (units != 0 && (hundreds > 0 || full)) {
                w.add("linh");
            }
        } else if (tens == 1) {
            w.add("mười");
        } else {
            w.add(DIGITS[tens]);
            w.add("mươi");
        }
        if (units != 0) {
            w.add(unit(units, tens));
        }
        return String.join(" ", w);
    }

    /** The units digit after its tens: "mốt" after twenty and up, "lăm" after ten, "tư" after twenty and up. */
    private static String unit(int units, int tens) {
        if (units == 1 && tens >= 2) {
            return "mốt";
        }
        if (units == 5 && tens >= 1) {
            return "lăm";
        }
        if (units == 4 && tens >= 2) {
            return "tư";
        }
        return DIGITS[units];
    }

    /**
     * A decimal with the Vietnamese comma: "3,5" → "ba phẩy năm", "0,25" → "không phẩy hai mươi lăm"; a
     * fraction with a leading zero is read digit by digit ("2,05" → "hai phẩy không năm").
     */
    public static String decimal(String integerPart, String fraction) {
        String whole = integer(integerPart.isEmpty() ? "0" : stripLeadingZeros(integerPart));
        String frac = fraction.length() > 3 || fraction.startsWith("0") ? digits(fraction) : integer(fraction);
        return whole + " phẩy " + frac;
    }

    private static String stripLeadingZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** An ordinal after "thứ": 1 → "nhất", 4 → "tư", others as cardinals ("thứ hai", "thứ mười"). */
    public static String ordinal(String digits) {
        return switch (stripLeadingZeros(digits)) {
            case "1" -> "nhất";
            case "4" -> "tư";
            default -> integer(stripLeadingZeros(digits));
        };
    }

    /** A month's name after "tháng": 4 → "tư", others as cardinals. */
    public static String month(int month) {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("month " + month);
        }
        return month == 4 ? "tư" : integer(month);
    }
}
