package dev.lakebasemcp.tools.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakebasemcp.guardrails.sql.Statement;
import dev.lakebasemcp.guardrails.sql.Token;
import dev.lakebasemcp.guardrails.sql.TokenKind;
import dev.lakebasemcp.tools.call.ArgumentException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A statement with {@code $1}-style parameters made ready for pgjdbc, which takes {@code ?} placeholders:
 * each {@code $n} token becomes {@code ?} (bound to the n-th value, repeats included) and each {@code ?}
 * in an operator ({@code ?}, {@code ?|}, {@code ?&} on jsonb) is doubled so pgjdbc leaves it alone. Works
 * from the guardrails lexer's tokens, so text inside strings, identifiers and comments is never touched.
 */
record BoundStatement(String sql, List<Object> values) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static BoundStatement of(Statement statement, List<?> params) {
        String text = statement.text();
        int base = statement.start();
        StringBuilder out = new StringBuilder(text.length());
        List<Object> values = new ArrayList<>();
        int pos = 0;
        for (Token t : statement.tokens()) {
            int from = t.start() - base;
            int to = t.end() - base;
            if (t.kind() == TokenKind.PARAMETER) {
                int n;
                try {
                    n = Integer.parseInt(text.substring(from + 1, to));
                } catch (NumberFormatException e) {
                    throw new ArgumentException("sql has an invalid parameter " + text.substring(from, to));
                }
                if (n < 1 || n > params.size()) {
                    throw new ArgumentException("sql uses $" + n + " but params has " + params.size() + " value(s)");
                }
                out.append(text, pos, from).append('?');
                values.add(params.get(n - 1));
                pos = to;
            } else if (t.kind() == TokenKind.OPERATOR && text.substring(from, to).indexOf('?') >= 0) {
                out.append(text, pos, from).append(text.substring(from, to).replace("?", "??"));
                pos = to;
            }
        }
        out.append(text, pos, text.length());
        return new BoundStatement(out.toString(), values);
    }

    /**
     * Binds every value as untyped text (the connection sets stringtype=unspecified): Postgres infers each
     * parameter's type from where it stands, as it would for a literal. Objects and arrays go as JSON.
     */
    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setString(i + 1, text(v));
            }
        }
    }

    private static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Number || v instanceof BigInteger || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map || v instanceof List) {
            try {
                return JSON.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new ArgumentException("params: a value could not be written as JSON: " + e.getOriginalMessage());
            }
        }
        return v.toString();
    }
}
