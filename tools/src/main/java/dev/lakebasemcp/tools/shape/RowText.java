package dev.lakebasemcp.tools.shape;

import java.util.List;

/**
 * One row as it goes out, for the caps: its CSV record for the text content and what it weighs on the wire.
 * Reused row after row, so measuring costs no garbage beyond the record kept.
 */
final class RowText {

    private final StringBuilder csv = new StringBuilder(128);
    private final StringBuilder json = new StringBuilder(128);

    /**
     * Renders {@code row} and gives its weight: the larger of its CSV record with the line end, as escaped inside
     * the text content's JSON string, and its JSON array with the comma between rows in structuredContent. A
     * client gives its model one of the two (Claude Code and VS Code only structuredContent, others only the
     * text), so the larger bounds what any model reads; the answer carries both.
     */
    long render(List<?> row) {
        csv.setLength(0);
        CsvText.append(csv, row);
        json.setLength(0);
        JsonText.append(json, row);
        return Math.max(JsonText.stringBytes(csv) + 2, JsonText.bytes(json) + 1);
    }

    /** The record last rendered. */
    String record() {
        return csv.toString();
    }
}
