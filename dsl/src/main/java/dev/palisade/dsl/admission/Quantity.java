package dev.palisade.dsl.admission;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code "500m"}, {@code "1Gi"}, {@code "1.5"}, {@code "2e3"}) as
 * exact decimals, read as {@code resource.Quantity} reads them: a signed decimal number, then a
 * binary-SI suffix (Ki … Ei), a decimal-SI suffix (n u m k M G T P E) or a decimal exponent
 * ({@code e3}, {@code E-2}). Numbers are quantities too. Anything else is not a quantity (null).
 */
final class Quantity {
    private static final Pattern FORM = Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?");
    private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")));
    /** Kubernetes refuses exponents this large; so do we, rather than build a huge number. */
    private static final int MAX_EXPONENT = 1000;

    private Quantity() {}

    /** The quantity's value, or null when {@code v} is not a quantity (absent, a list, "lots"). */
    static BigDecimal of(Object v) {
        if (v instanceof Number n) {
            return JsonValues.decimal(n);
        }
        if (!(v instanceof String s) || s.length() > 64) {
            return null;
        }
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        if (suffix == null) {
            return number;
        }
        if (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') {
            if (suffix.length() > 1 && Character.isDigit(suffix.charAt(suffix.length() - 1)) && suffix.length() <= 6) {
                int exponent = Integer.parseInt(suffix.substring(1).replace("+", ""));
                return Math.abs(exponent) > MAX_EXPONENT ? null : number.scaleByPowerOfTen(exponent);
            }
            if (suffix.equals("E")) {
                return number.multiply(SUFFIX.get("E"));
            }
            return null;
        }
        return number.multiply(SUFFIX.get(suffix));
    }
}
