package dev.lakebasemcp.tools.shape;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of what {@link UntrustedText} writes, for tests: finds the fences by their tag and reads the
 * CSV records between them as RFC 4180 does, with an unquoted empty field read as null (NULL).
 */
public final class CsvReader {

    private static final Pattern OPEN = Pattern.compile("(?m)^<data ([0-9a-f]{8})>\n");

    private CsvReader() {
    }

    /** The fenced blocks of {@code text}, each as the raw text between its two fence lines. */
    public static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = OPEN.matcher(text);
        int from = 0;
        while (m.find(from)) {
            String close = "\n</data " + m.group(1) + ">\n";
            int end = text.indexOf(close, m.end() - 1);
            if (end < 0) {
                throw new AssertionError("fence " + m.group(1) + " never closes: " + text);
            }
            out.add(text.substring(m.end(), end + 1));
            from = end + close.length();
        }
        return out;
    }

    /** The records of one block; each field a String, or null for an unquoted empty field. */
    public static List<List<String>> records(String block) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = block.length();
        while (i < n) {
            boolean quoted = block.charAt(i) == '"';
            field.setLength(0);
            if (quoted) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new AssertionError("unclosed quote in " + block);
                    }
                    char c = block.charAt(i++);
                    if (c == '"') {
                        if (i < n && block.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            } else {
                while (i < n && block.charAt(i) != ',' && block.charAt(i) != '\n') {
                    char c = block.charAt(i++);
                    if (c == '"' || c == '\r') {
                        throw new AssertionError("bare " + (c == '"' ? "quote" : "CR") + " in an unquoted field: "
                                + block);
                    }
                    field.append(c);
                }
            }
            record.add(!quoted && field.length() == 0 ? null : field.toString());
            if (i >= n) {
                throw new AssertionError("record without line end: " + block);
            }
            char sep = block.charAt(i++);
            if (sep == '\n') {
                records.add(record);
                record = new ArrayList<>();
            } else if (sep != ',') {
                throw new AssertionError("text after a quoted field at " + (i - 1) + ": " + block);
            }
        }
        return records;
    }
}
