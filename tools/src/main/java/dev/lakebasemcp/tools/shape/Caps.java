package dev.lakebasemcp.tools.shape;

/**
 * How much of a result an agent gets: at most {@code maxRows} rows and {@code maxBytes} bytes of row data
 * (counted as the compact JSON the rows are written in). Enforced while rows stream in, never after.
 */
public record Caps(int maxRows, int maxBytes) {

    public static final Caps DEFAULT = new Caps(200, 64 * 1024);
    public static final Caps CEILING = new Caps(10_000, 1024 * 1024);

    public Caps {
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative, got " + maxRows);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
    }

    /** What is left after {@code rows} rows of {@code bytes} bytes were taken. */
    public Caps minus(int rows, long bytes) {
        return new Caps(Math.max(0, maxRows - rows), (int) Math.max(0, maxBytes - bytes));
    }
}
