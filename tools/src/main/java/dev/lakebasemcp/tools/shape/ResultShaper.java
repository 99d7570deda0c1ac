package dev.lakebasemcp.tools.shape;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Streams a result set into the caps: each row is rendered and measured as it arrives, and reading stops at
 * the first row that would not fit. A row weighs the larger of its two forms on the wire, the CSV record in
 * the text and the JSON array in structuredContent (see {@link Caps}). Nothing is read whole and cut
 * afterwards, so a million-row result costs the memory of one fetch, not of the result.
 */
public final class ResultShaper {

    /** After the caps are reached, rows are still counted (not rendered) for this long to give a total. */
    private final long countNanos;
    private final int countRows;

    /**
     * @param countBudgetMillis how long to keep counting rows past the caps for {@code total_rows}; 0 never counts
     * @param countBudgetRows   at most this many rows are counted past the caps
     */
    public ResultShaper(long countBudgetMillis, int countBudgetRows) {
        this.countNanos = countBudgetMillis * 1_000_000L;
        this.countRows = countBudgetRows;
    }

    /**
     * The default: count on for at most 50 ms and 100,000 rows. Counting still moves every row over the wire
     * (20,000 rows of 4 columns took 120-430 ms here), so a total is given only when that was quick: a capped
     * call never pays more than 50 ms for it.
     */
    public static ResultShaper standard() {
        return new ResultShaper(50, 100_000);
    }

    /**
     * Reads {@code rs} within {@code caps}. {@code cancelled} is polled as rows arrive; when it turns true the
     * read stops with {@link Cancelled}.
     */
    public Shaped shape(ResultSet rs, Caps caps, BooleanSupplier cancelled) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        CellFormat[] formats = new CellFormat[n];
        boolean[] arrays = new boolean[n];
        for (int i = 0; i < n; i++) {
            String type = md.getColumnTypeName(i + 1);
            boolean array = type.startsWith("_");
            String base = array ? type.substring(1) : type;
            arrays[i] = array;
            formats[i] = CellFormat.of(base);
            columns.add(new Column(md.getColumnLabel(i + 1), array ? base + "[]" : base));
        }
        List<List<Object>> rows = new ArrayList<>(Math.min(caps.maxRows(), 256));
        List<String> records = new ArrayList<>(Math.min(caps.maxRows(), 256));
        RowText out = new RowText();
        long bytes = 0;
        String stoppedBy = null;
        long seen = 0;
        while (rs.next()) {
            seen++;
            if ((seen & 63) == 0 && cancelled.getAsBoolean()) {
                throw new Cancelled();
            }
            if (rows.size() >= caps.maxRows()) {
                stoppedBy = "max_rows";
                break;
            }
            List<Object> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String text = rs.getString(i + 1);
                row.add(text == null ? null
                        : arrays[i] ? CellFormat.array(text, formats[i]) : formats[i].value(text));
            }
            long size = out.render(row);
            if (bytes + size > caps.maxBytes()) {
                stoppedBy = "max_bytes";
                break;
            }
            bytes += size;
            rows.add(row);
            records.add(out.record());
        }
        if (stoppedBy == null) {
            return new Shaped(columns, rows, records, bytes, false, seen, null);
        }
        Long total = count(rs, seen, cancelled);
        return new Shaped(columns, rows, records, bytes, true, total, stoppedBy);
    }

    /** Counts the rest while it is cheap; null when the budget ran out first. */
    private Long count(ResultSet rs, long seen, BooleanSupplier cancelled) throws SQLException {
        if (countRows <= 0) {
            return null;
        }
        long deadline = System.nanoTime() + countNanos;
        long limit = seen + countRows;
        rs.setFetchSize(Math.max(rs.getFetchSize(), 2000));
        long total = seen;
        while (total < limit) {
            if ((total & 1023) == 0 && (System.nanoTime() > deadline || cancelled.getAsBoolean())) {
                return null;
            }
            if (!rs.next()) {
                return total;
            }
            total++;
        }
        return null;
    }

    /** The call was cancelled while rows streamed. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
