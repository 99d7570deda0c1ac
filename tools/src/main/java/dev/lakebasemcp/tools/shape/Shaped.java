package dev.lakebasemcp.tools.shape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rows of one result, cut to the caps while they streamed in.
 *
 * @param lines      each row as one line of compact JSON (what the text content shows)
 * @param bytes      the size of those lines, what the byte cap counted
 * @param truncated  more rows existed than were kept
 * @param totalRows  how many rows the result had, when it was cheap to find out; null otherwise
 * @param stoppedBy  why rows stopped being kept: {@code max_rows}, {@code max_bytes}, or null
 */
public record Shaped(List<Column> columns, List<List<Object>> rows, List<String> lines, long bytes, boolean truncated,
        Long totalRows, String stoppedBy) {

    public Shaped {
        columns = List.copyOf(columns);
        rows = java.util.Collections.unmodifiableList(new ArrayList<>(rows)); // rows hold nulls
        lines = List.copyOf(lines);
        Objects.requireNonNull(columns, "columns");
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
