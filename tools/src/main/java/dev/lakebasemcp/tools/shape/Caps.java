package dev.lakebasemcp.tools.shape;

/**
 * How much of a result an agent gets: at most {@code maxRows} rows and {@code maxBytes} bytes of row data.
 * Enforced while rows stream in, never after.
 *
 * <p>A result goes out twice, as CSV records in the text content and as JSON arrays in structuredContent, and a
 * client hands its model one of the two. A row therefore counts as the larger: its record with the line end as
 * escaped inside the text's JSON string, or its array with the comma after it, in UTF-8 bytes. So
 * {@code maxBytes} bounds the rows any model reads, and the rows of an answer on the wire stay under twice it.
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
