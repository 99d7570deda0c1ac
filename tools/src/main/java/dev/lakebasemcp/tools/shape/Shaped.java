package dev.lakebasemcp.tools.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of one result, cut to the caps while they streamed in.
 *
 * @param records    each row as one CSV record (what the text content shows; see {@link CsvText})
 * @param bytes      what the byte cap counted for these rows (see {@link Caps})
 * @param truncated  more rows existed than were kept
 * @param totalRows  how many rows the result had, when it was cheap to find out; null otherwise
 * @param stoppedBy  why rows stopped being kept: {@code max_rows}, {@code max_bytes}, or null
 */
public record Shaped(List<Column> columns, List<List<Object>> rows, List<String> records, long bytes,
        boolean truncated, Long totalRows, String stoppedBy) {

    public Shaped {
        Objects.requireNonNull(columns, "columns");
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows)); // rows hold nulls
        records = List.copyOf(records);
        if (records.size() != rows.size()) {
            throw new IllegalArgumentException("records must match rows: " + records.size() + " records for "
                    + rows.size() + " rows");
        }
    }

    /** Rows made elsewhere than from a result set (a schema diff, rows read back from a result), rendered here. */
    public static Shaped of(List<Column> columns, List<List<Object>> rows, boolean truncated, Long totalRows,
            String stoppedBy) {
        RowText out = new RowText();
        List<String> records = new ArrayList<>(rows.size());
        long bytes = 0;
        for (List<Object> row : rows) {
            bytes += out.render(row);
            records.add(out.record());
        }
        return new Shaped(columns, rows, records, bytes, truncated, totalRows, stoppedBy);
    }

    /** The structured form: columns, rows as arrays, counts. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(c.view());
        }
        m.put("columns", cols);
        m.put("rows", rows);
        m.put("row_count", rows.size());
        m.put("truncated", truncated);
        if (totalRows != null) {
            m.put("total_rows", totalRows);
        }
        if (stoppedBy != null) {
            m.put("truncated_by", stoppedBy);
        }
        return m;
    }
}
