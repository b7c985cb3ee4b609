package dev.palisade.engine.admission;

/**
 * The syntax of a Kubernetes {@code resource.Quantity} string, as {@code ParseQuantity} accepts it:
 * an optional sign, digits with at most one decimal point, then a binary suffix (Ki … Ei), a
 * decimal one (n u m k M G T P E) or an exponent (e/E and a signed integer). Surrounding spaces
 * are trimmed as the JSON decoder trims them.
 */
final class Quantities {
    private Quantities() {}

    static boolean valid(String text) {
        String s = text.strip();
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        boolean point = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        return validSuffix(s, i, n);
    }

    /** The suffix {@code s[from, to)}, compared in place: quantities are checked per request, without copies. */
    private static boolean validSuffix(String s, int from, int to) {
        int length = to - from;
        if (length == 0) {
            return true;
        }
        char first = s.charAt(from);
        if (length == 1 && "numkMGTPE".indexOf(first) >= 0) {
            return true;
        }
        if (length == 2 && s.charAt(from + 1) == 'i' && "KMGTPE".indexOf(first) >= 0) {
            return true;
        }
        if (first != 'e' && first != 'E') {
            return false;
        }
        int j = from + 1;
        if (j < to && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
        }
        if (j == to) {
            return false;
        }
        for (; j < to; j++) {
            if (s.charAt(j) < '0' || s.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }
}
