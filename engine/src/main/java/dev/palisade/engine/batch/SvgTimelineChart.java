package dev.palisade.engine.batch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Decisions over time as inline SVG: one stacked bar per {@link Timeline} bucket (allowed now
 * below, denied now above), a dot over buckets with flips, a y axis with round ticks and a few
 * time labels (UTC). Each bar's tooltip gives its bucket and counts.
 */
final class SvgTimelineChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 280;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 14;
    private static final int BOTTOM = 40;
    private static final int LABELS = 6;
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private SvgTimelineChart() {}

    static String render(Timeline t) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"timeline-chart\" class=\"chart timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" role=\"img\" aria-label=\"requests per ").append(width(t.widthMillis()))
                .append(", allowed and denied now\">");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        long max = 1;
        for (int i = 0; i < t.buckets(); i++) {
            max = Math.max(max, t.allowed(i) + t.denied(i));
        }
        long step = roundStep(max);
        long top = (max + step - 1) / step * step;
        for (long v = 0; v <= top; v += step) {
            double y = TOP + plotHeight - (double) v / top * plotHeight;
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                    .append("\" y1=\"").append(fmt(y)).append("\" y2=\"").append(fmt(y)).append("\"></line>");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">").append(Html.number(v)).append("</text>");
        }
        double slot = (double) plotWidth / Math.max(1, t.buckets());
        double bar = Math.max(1, slot * 0.8);
        for (int i = 0; i < t.buckets(); i++) {
            long a = t.allowed(i);
            long d = t.denied(i);
            if (a + d == 0) {
                continue;
            }
            double x = LEFT + i * slot + (slot - bar) / 2;
            double ha = (double) a / top * plotHeight;
            double hd = (double) d / top * plotHeight;
            double base = TOP + plotHeight;
            svg.append("<g class=\"bucket\" data-start=\"").append(t.bucketStart(i)).append("\" data-allowed=\"")
                    .append(a).append("\" data-denied=\"").append(d).append("\" data-flipped=\"").append(t.flipped(i))
                    .append("\"><title>").append(INSTANT.format(Instant.ofEpochMilli(t.bucketStart(i))))
                    .append(" + ").append(width(t.widthMillis())).append(": ").append(Html.number(a))
                    .append(" allowed, ").append(Html.number(d)).append(" denied, ").append(Html.number(t.flipped(i)))
                    .append(" flipped</title>");
            rect(svg, "allow", x, base - ha, bar, ha);
            rect(svg, "deny", x, base - ha - hd, bar, hd);
            if (t.flipped(i) > 0) {
                svg.append("<circle class=\"flip\" cx=\"").append(fmt(x + bar / 2)).append("\" cy=\"")
                        .append(fmt(base - ha - hd - 6)).append("\" r=\"4\"></circle>");
            }
            svg.append("</g>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y1=\"").append(TOP + plotHeight).append("\" y2=\"").append(TOP + plotHeight)
                .append("\"></line>");
        timeLabels(svg, t, slot);
        return svg.append("</svg>").toString();
    }

    private static void timeLabels(StringBuilder svg, Timeline t, double slot) {
        if (t.buckets() == 0) {
            return;
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(t.widthMillis() < 60_000 ? "HH:mm:ss"
                : t.widthMillis() < 86_400_000 ? "MM-dd HH:mm" : "yyyy-MM-dd").withZone(ZoneOffset.UTC);
        int every = Math.max(1, (t.buckets() + LABELS - 1) / LABELS);
        for (int i = 0; i < t.buckets(); i += every) {
            double x = LEFT + i * slot;
            svg.append("<line class=\"axis\" x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"")
                    .append(HEIGHT - BOTTOM).append("\" y2=\"").append(HEIGHT - BOTTOM + 5).append("\"></line>");
            svg.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(HEIGHT - BOTTOM + 20)
                    .append("\" text-anchor=\"").append(i == 0 ? "start" : "middle").append("\">")
                    .append(f.format(Instant.ofEpochMilli(t.bucketStart(i)))).append("</text>");
        }
    }

    private static void rect(StringBuilder svg, String cls, double x, double y, double w, double h) {
        if (h <= 0) {
            return;
        }
        svg.append("<rect class=\"").append(cls).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y))
                .append("\" width=\"").append(fmt(w)).append("\" height=\"").append(fmt(h)).append("\"></rect>");
    }

    /** 1, 2 or 5 times a power of ten, giving about four grid lines up to {@code max}. */
    static long roundStep(long max) {
        long step = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                if (max / (step * m) <= 4) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    /** A bucket width as people say it: {@code 1 s}, {@code 5 min}, {@code 6 h}, {@code 7 days}. */
    static String width(long millis) {
        if (millis % 86_400_000 == 0) {
            long days = millis / 86_400_000;
            return days == 1 ? "day" : days + " days";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + " s" : millis + " ms";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
