package dev.palisade.engine.yaml;

/**
 * A YAML stream that could not be read, with its place: {@code file:line:col: reason}. Line and
 * column are 1-based; 0 means unknown (then left out of {@link #getMessage()}).
 */
public final class YamlReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String reason;

    public YamlReadException(String file, int line, int column, String reason) {
        super(render(file, line, column, reason));
        this.file = file;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The reason alone, without the place. */
    public String reason() {
        return reason;
    }

    private static String render(String file, int line, int column, String reason) {
        String place = line <= 0 ? file : column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
        return place + ": " + reason;
    }
}
