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
        String suffix = s.substring(i);
        switch (suffix) {
            case "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E":
                return true;
            default:
                break;
        }
        if (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E') {
            return false;
        }
        int j = 1;
        if (j < suffix.length() && (suffix.charAt(j) == '+' || suffix.charAt(j) == '-')) {
            j++;
        }
        if (j == suffix.length()) {
            return false;
        }
        for (; j < suffix.length(); j++) {
            if (suffix.charAt(j) < '0' || suffix.charAt(j) > '9') {
                return false;
            }
        }
        return true;
    }
}
