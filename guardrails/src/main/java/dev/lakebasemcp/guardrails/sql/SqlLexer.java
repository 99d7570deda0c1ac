package dev.lakebasemcp.guardrails.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A lexer for PostgreSQL's SQL, written from the documented lexical structure
 * (https://www.postgresql.org/docs/17/sql-syntax-lexical.html) and checked against the cases in
 * {@code shared/sql-guard}. It assumes {@code standard_conforming_strings = on} (the default since
 * 9.1): a backslash is an ordinary character in {@code '...'}; the session must be checked to match.
 *
 * <p>It is total: every input gives {@link LexResult.Lexed} or {@link LexResult.Failed}, never an
 * exception, and its work is linear in the input.
 */
public final class SqlLexer {
    /** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private final String s;
    private final int n;
    private final List<Token> out;
    private int i;

    private SqlLexer(String s) {
        this.s = s;
        this.n = s.length();
        this.out = new ArrayList<>(Math.max(16, n / 5));
    }

    public static LexResult lex(String sql) {
        if (sql == null) {
            return new LexResult.Failed(0, "no SQL given");
        }
        SqlLexer lexer = new SqlLexer(sql);
        try {
            lexer.run();
        } catch (LexError e) {
            return new LexResult.Failed(e.offset, e.getMessage());
        }
        return new LexResult.Lexed(lexer.out);
    }

    /** Thrown inside the lexer only, turned into {@link LexResult.Failed} at the edge. */
    private static final class LexError extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        LexError(int offset, String message) {
            super(message, null, false, false);
            this.offset = offset;
        }
    }

    private void run() throws LexError {
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == '\'') {
                standardString(i, i, TokenKind.STRING);
            } else if (c == '"') {
                quotedIdentifier();
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                escapeString(i);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X') && peek(1) == '\'') {
                bitString(i);
            } else if ((c == 'n' || c == 'N') && peek(1) == '\'') {
                standardString(i, i + 1, TokenKind.STRING);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
                unicodeQuoted();
            } else if (isIdentStart(c)) {
                word();
            } else if (c == '$') {
                dollar();
            } else if (c == '.' && peek(1) == '.') {
                add(TokenKind.PUNCTUATION, "..", i, i + 2);
                i += 2;
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (c == ':' && peek(1) == ':') {
                add(TokenKind.PUNCTUATION, "::", i, i + 2);
                i += 2;
            } else if ("()[],;.:".indexOf(c) >= 0) {
                add(TokenKind.PUNCTUATION, String.valueOf(c), i, i + 1);
                i++;
            } else if (isOperatorChar(c)) {
                operator();
            } else {
                add(TokenKind.OTHER, String.valueOf(c), i, i + 1);
                i++;
            }
        }
    }

    private void skipLineComment() {
        while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
            i++;
        }
    }

    // PostgreSQL nests block comments (unlike the SQL standard's reading in many tools), so
    // "/* a /* b */ c */" is one comment and "/* /* */" is unterminated.
    private void skipBlockComment() throws LexError {
        int start = i;
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && peek(1) == '*') {
                depth++;
                i += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                i++;
            }
        }
        throw new LexError(start, "unterminated /* comment at offset " + start);
    }

    /** {@code '...'} with {@code ''} for a quote, from {@code quoteAt}; {@code start} includes any prefix. */
    private void standardString(int start, int quoteAt, TokenKind kind) throws LexError {
        StringBuilder b = new StringBuilder();
        i = quoteAt + 1;
        while (true) {
            if (i >= n) {
                throw new LexError(start, "unterminated quoted string at offset " + start);
            }
            char c = s.charAt(i);
            if (c == '\'') {
                if (peek(1) == '\'') {
                    b.append('\'');
                    i += 2;
                } else if (!continueString()) {
                    i++;
                    break;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        add(kind, b.toString(), start, i);
    }

    /** {@code E'...'}: backslash escapes as well as {@code ''}. */
    private void escapeString(int start) throws LexError {
        StringBuilder b = new StringBuilder();
        i = start + 2;
        while (true) {
            if (i >= n) {
                throw new LexError(start, "unterminated quoted string at offset " + start);
            }
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new LexError(start, "unterminated quoted string at offset " + start);
                }
                i = appendEscape(b, i + 1);
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    b.append('\'');
                    i += 2;
                } else if (!continueString()) {
                    i++;
                    break;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        add(TokenKind.STRING, b.toString(), start, i);
    }

    /** Decodes the escape whose letter is at {@code at}; returns the offset after it. */
    private int appendEscape(StringBuilder b, int at) {
        char c = s.charAt(at);
        switch (c) {
            case 'b': b.append('\b'); return at + 1;
            case 'f': b.append('\f'); return at + 1;
            case 'n': b.append('\n'); return at + 1;
            case 'r': b.append('\r'); return at + 1;
            case 't': b.append('\t'); return at + 1;
            case 'x': {
                int j = at + 1;
                int v = 0;
                while (j < n && j < at + 3 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j), 16);
                    j++;
                }
                if (j == at + 1) {
                    b.append('x');
                    return at + 1;
                }
                b.append((char) v);
                return j;
            }
            case 'u':
            case 'U': {
                int len = c == 'u' ? 4 : 8;
                int cp = hex(at + 1, len);
                if (cp >= 0 && Character.isValidCodePoint(cp)) {
                    b.appendCodePoint(cp);
                    return at + 1 + len;
                }
                b.append(c);
                return at + 1;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int j = at;
                    int v = 0;
                    while (j < n && j < at + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    b.append((char) (v & 0xff));
                    return j;
                }
                b.append(c);
                return at + 1;
        }
    }

    /** {@code B'...'} and {@code X'...'}: no escapes, no doubled quote (the first quote ends them). */
    private void bitString(int start) throws LexError {
        StringBuilder b = new StringBuilder();
        i = start + 2;
        while (true) {
            if (i >= n) {
                throw new LexError(start, "unterminated bit string at offset " + start);
            }
            char c = s.charAt(i);
            if (c == '\'') {
                if (!continueString()) {
                    i++;
                    break;
                }
            } else {
                b.append(c);
                i++;
            }
        }
        add(TokenKind.STRING, b.toString(), start, i);
    }

    /**
     * At a closing quote: PostgreSQL joins {@code 'a'} and {@code 'b'} into one constant when only
     * whitespace holding a newline (and {@code --} comments) lies between. If so, moves past the
     * second quote and returns true; the caller keeps lexing the same constant with the same rules.
     */
    private boolean continueString() {
        int j = i + 1;
        while (j < n && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\f' || s.charAt(j) == '\u000B')) {
            j++;
        }
        if (j >= n || (s.charAt(j) != '\n' && s.charAt(j) != '\r')) {
            return false;
        }
        while (j < n) {
            char c = s.charAt(j);
            if (isSpace(c)) {
                j++;
            } else if (c == '-' && j + 1 < n && s.charAt(j + 1) == '-') {
                while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
                    j++;
                }
            } else {
                break;
            }
        }
        if (j < n && s.charAt(j) == '\'') {
            i = j + 1;
            return true;
        }
        return false;
    }

    private void quotedIdentifier() throws LexError {
        int start = i;
        String name = quotedBody(start, i + 1);
        if (name.isEmpty()) {
            throw new LexError(start, "zero-length delimited identifier at offset " + start);
        }
        add(TokenKind.QUOTED_IDENTIFIER, truncate(name), start, i);
    }

    /** Reads {@code "..."} (doubled quotes) from {@code bodyAt}, leaving {@code i} after the closing quote. */
    private String quotedBody(int start, int bodyAt) throws LexError {
        StringBuilder b = new StringBuilder();
        i = bodyAt;
        while (true) {
            if (i >= n) {
                throw new LexError(start, "unterminated quoted identifier at offset " + start);
            }
            char c = s.charAt(i);
            if (c == '"') {
                if (peek(1) == '"') {
                    b.append('"');
                    i += 2;
                } else {
                    i++;
                    return b.toString();
                }
            } else {
                b.append(c);
                i++;
            }
        }
    }

    /** {@code U&'...'} and {@code U&"..."}, with an optional {@code UESCAPE 'c'} after them. */
    private void unicodeQuoted() throws LexError {
        int start = i;
        boolean identifier = s.charAt(i + 2) == '"';
        String raw;
        if (identifier) {
            raw = quotedBody(start, i + 3);
        } else {
            int before = out.size();
            standardString(start, i + 2, TokenKind.STRING);
            raw = out.remove(before).text();
        }
        char escape = '\\';
        int afterBody = i;
        int j = skipSpaceAndComments(i);
        if (j + 7 <= n && s.regionMatches(true, j, "uescape", 0, 7) && (j + 7 == n || !isIdentCont(s.charAt(j + 7)))) {
            int k = skipSpaceAndComments(j + 7);
            if (k + 2 < n && s.charAt(k) == '\'' && s.charAt(k + 2) == '\'' && s.charAt(k + 1) != '\'') {
                escape = s.charAt(k + 1);
                if (Character.digit(escape, 16) >= 0 || escape == '+' || escape == '"' || isSpace(escape)) {
                    throw new LexError(k, "invalid Unicode escape character at offset " + k);
                }
                afterBody = k + 3;
            } else {
                throw new LexError(j, "UESCAPE must be followed by a simple string literal, at offset " + j);
            }
        }
        String decoded = decodeUnicode(raw, escape, start);
        i = afterBody;
        if (identifier) {
            if (decoded.isEmpty()) {
                throw new LexError(start, "zero-length delimited identifier at offset " + start);
            }
            add(TokenKind.QUOTED_IDENTIFIER, truncate(decoded), start, i);
        } else {
            add(TokenKind.STRING, decoded, start, i);
        }
    }

    private String decodeUnicode(String raw, char escape, int start) throws LexError {
        StringBuilder b = new StringBuilder(raw.length());
        int k = 0;
        int m = raw.length();
        while (k < m) {
            char c = raw.charAt(k);
            if (c != escape) {
                b.append(c);
                k++;
                continue;
            }
            if (k + 1 < m && raw.charAt(k + 1) == escape) {
                b.append(escape);
                k += 2;
                continue;
            }
            int len = k + 1 < m && raw.charAt(k + 1) == '+' ? 6 : 4;
            int from = len == 6 ? k + 2 : k + 1;
            int cp = from + len <= m ? hexIn(raw, from, len) : -1;
            if (cp < 0 || !Character.isValidCodePoint(cp) || cp == 0
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                throw new LexError(start, "invalid Unicode escape in U& literal at offset " + start);
            }
            b.appendCodePoint(cp);
            k = from + len;
        }
        return b.toString();
    }

    private int skipSpaceAndComments(int from) throws LexError {
        int saved = i;
        i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                break;
            }
        }
        int result = i;
        i = saved;
        return result;
    }

    private void word() {
        int start = i;
        while (i < n && isIdentCont(s.charAt(i))) {
            i++;
        }
        add(TokenKind.WORD, truncate(foldCase(s.substring(start, i))), start, i);
    }

    /** {@code $1}, or a dollar quote {@code $tag$...$tag$}, or a lone {@code $} the grammar rejects. */
    private void dollar() throws LexError {
        int start = i;
        if (isDigit(peek(1))) {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            add(TokenKind.PARAMETER, s.substring(start, i), start, i);
            return;
        }
        int j = i + 1;
        if (j < n && isDollarTagStart(s.charAt(j))) {
            j++;
            while (j < n && isDollarTagCont(s.charAt(j))) {
                j++;
            }
        }
        if (j >= n || s.charAt(j) != '$') {
            add(TokenKind.OTHER, "$", start, start + 1);
            i++;
            return;
        }
        String delimiter = s.substring(start, j + 1);
        int close = s.indexOf(delimiter, j + 1);
        if (close < 0) {
            throw new LexError(start, "unterminated dollar-quoted string at offset " + start);
        }
        i = close + delimiter.length();
        add(TokenKind.STRING, s.substring(j + 1, close), start, i);
    }

    private void number() throws LexError {
        int start = i;
        char c = s.charAt(i);
        char x = peek(1);
        if (c == '0' && (x == 'x' || x == 'X' || x == 'o' || x == 'O' || x == 'b' || x == 'B')) {
            int radix = x == 'x' || x == 'X' ? 16 : x == 'o' || x == 'O' ? 8 : 2;
            int j = i + 2;
            int digits = 0;
            while (j < n && (Character.digit(s.charAt(j), radix) >= 0 || (s.charAt(j) == '_' && digits > 0))) {
                digits++;
                j++;
            }
            if (digits > 0) {
                i = j;
                finishNumber(start);
                return;
            }
        }
        digits();
        if (i < n && s.charAt(i) == '.' && peek(1) != '.') {
            i++;
            digits();
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                i = j;
                digits();
            }
        }
        finishNumber(start);
    }

    private void finishNumber(int start) throws LexError {
        // PostgreSQL 15+ refuses "1abc" ("trailing junk after numeric literal") instead of reading
        // it as 1 followed by an alias.
        if (i < n && isIdentStart(s.charAt(i))) {
            throw new LexError(start, "trailing junk after numeric literal at offset " + start);
        }
        add(TokenKind.NUMBER, s.substring(start, i).replace("_", ""), start, i);
    }

    private void digits() {
        while (i < n && (isDigit(s.charAt(i)) || (s.charAt(i) == '_' && isDigit(peek(1))))) {
            i++;
        }
    }

    private void operator() {
        int start = i;
        while (i < n && isOperatorChar(s.charAt(i))) {
            char c = s.charAt(i);
            // A comment start ends an operator: "1+--x" is 1, +, and a comment.
            if ((c == '-' && peek(1) == '-') || (c == '/' && peek(1) == '*')) {
                break;
            }
            i++;
        }
        // PostgreSQL drops a trailing + or - from a multi-character operator unless the operator
        // holds one of ~ ! @ # % ^ & | ` ? (so "=-1" is = and -1).
        int end = i;
        while (end - start > 1 && (s.charAt(end - 1) == '+' || s.charAt(end - 1) == '-')
                && !containsSpecialOperatorChar(start, end)) {
            end--;
        }
        i = end;
        add(TokenKind.OPERATOR, s.substring(start, end), start, end);
    }

    private boolean containsSpecialOperatorChar(int from, int to) {
        for (int k = from; k < to; k++) {
            if ("~!@#%^&|`?".indexOf(s.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private int hex(int from, int len) {
        return from + len <= n ? hexIn(s, from, len) : -1;
    }

    private static int hexIn(String text, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            int d = Character.digit(text.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    private char peek(int ahead) {
        int j = i + ahead;
        return j < n ? s.charAt(j) : '\0';
    }

    private void add(TokenKind kind, String text, int start, int end) {
        out.add(new Token(kind, text, start, end));
    }

    /** PostgreSQL folds only ASCII letters of unquoted identifiers (for UTF-8 databases). */
    static String foldCase(String word) {
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = word.toCharArray();
                for (int m = k; m < chars.length; m++) {
                    if (chars[m] >= 'A' && chars[m] <= 'Z') {
                        chars[m] = (char) (chars[m] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return word;
    }

    /** Identifiers longer than 63 bytes are truncated, so the name compared is the name PostgreSQL uses. */
    static String truncate(String name) {
        if (name.length() <= MAX_IDENTIFIER_BYTES / 4) {
            return name;
        }
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_IDENTIFIER_BYTES) {
            return name;
        }
        int cut = MAX_IDENTIFIER_BYTES;
        while (cut > 0 && (utf8[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return new String(utf8, 0, cut, StandardCharsets.UTF_8);
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDollarTagStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    private static boolean isDollarTagCont(char c) {
        return isDollarTagStart(c) || isDigit(c);
    }

    private static boolean isOperatorChar(char c) {
        return "+-*/<>=~!@#%^&|`?".indexOf(c) >= 0;
    }
}
