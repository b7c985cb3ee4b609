package dev.palisade.engine.batch;

import java.util.List;

/**
 * A horizontal bar chart of a top-N list as inline SVG: each entry's label above its bar, the
 * count at the bar's end, the full label and count as the bar's tooltip. Scales with its
 * container (viewBox); no script, no external reference.
 */
final class SvgBarChart {
    private static final int WIDTH = 400;
    private static final int ROW = 42;
    private static final int LABEL_CHARS = 44;

    private SvgBarChart() {}

    static String render(String id, String title, List<TopCounter.Entry> entries) {
        StringBuilder svg = new StringBuilder();
        int height = Math.max(ROW, entries.size() * ROW);
        svg.append("<svg id=\"").append(id).append("\" class=\"chart bars\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Html.text(title)).append("\">");
        if (entries.isEmpty()) {
            svg.append("<text x=\"0\" y=\"20\" class=\"count\">none</text>");
        }
        long max = entries.stream().mapToLong(TopCounter.Entry::count).max().orElse(1);
        int barSpace = WIDTH - 60; // room for the count after the longest bar
        for (int i = 0; i < entries.size(); i++) {
            TopCounter.Entry e = entries.get(i);
            int y = i * ROW;
            long barWidth = Math.max(2, Math.round((double) e.count() / max * barSpace));
            svg.append("<g class=\"entry\" data-key=\"").append(Html.text(e.key())).append("\" data-count=\"")
                    .append(e.count()).append("\"><title>").append(Html.text(e.key())).append(": ")
                    .append(Html.number(e.count())).append("</title>");
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\">").append(Html.text(shortened(e.key())))
                    .append("</text>");
            svg.append("<rect class=\"bar\" x=\"0\" y=\"").append(y + 21).append("\" width=\"").append(barWidth)
                    .append("\" height=\"15\" rx=\"2\"></rect>");
            svg.append("<text class=\"count\" x=\"").append(barWidth + 6).append("\" y=\"").append(y + 33)
                    .append("\">").append(Html.number(e.count())).append("</text></g>");
        }
        return svg.append("</svg>").toString();
    }

    /** A label that fits the chart's width; the tooltip has it whole. */
    private static String shortened(String label) {
        if (label.codePointCount(0, label.length()) <= LABEL_CHARS) {
            return label;
        }
        return label.substring(0, label.offsetByCodePoints(0, LABEL_CHARS - 1)) + "\u2026";
    }
}
