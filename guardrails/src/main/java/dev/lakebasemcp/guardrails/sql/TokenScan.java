package dev.lakebasemcp.guardrails.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The tokens of one statement (or one function body) with their parentheses matched, and the
 * small readers the classifier needs: words, names, top-level searches and the always-true test
 * for WHERE clauses. All work is iterative, so deep nesting cannot exhaust the stack.
 */
final class TokenScan {
    private static final int SNIPPET = 60;

    final Token[] t;
    /** For a parenthesis, the index of its partner; -1 elsewhere. */
    final int[] match;
    final boolean balanced;
    private final String source;
    private final int base;

    /** A name read from the tokens and the index just after it. */
    record NameAt(QualifiedName name, int end) {
    }

    TokenScan(List<Token> tokens, String source, int base) {
        this.t = tokens.toArray(new Token[0]);
        this.match = new int[t.length];
        this.source = source;
        this.base = base;
        Deque<Integer> open = new ArrayDeque<>();
        boolean ok = true;
        for (int k = 0; k < t.length; k++) {
            match[k] = -1;
            if (t[k].isPunctuation("(")) {
                open.push(k);
            } else if (t[k].isPunctuation(")")) {
                if (open.isEmpty()) {
                    ok = false;
                } else {
                    int o = open.pop();
                    match[o] = k;
                    match[k] = o;
                }
            }
        }
        this.balanced = ok && open.isEmpty();
    }

    int size() {
        return t.length;
    }

    /** The word at {@code i}, or null when there is none (out of range, or not an unquoted word). */
    String word(int i) {
        return i >= 0 && i < t.length && t[i].kind() == TokenKind.WORD ? t[i].text() : null;
    }

    boolean isWord(int i, String w) {
        return i >= 0 && i < t.length && t[i].isWord(w);
    }

    boolean isPunct(int i, String p) {
        return i >= 0 && i < t.length && t[i].isPunctuation(p);
    }

    /** The index after the group opened at {@code i}, or {@code i + 1} when {@code i} opens none. */
    int skipGroup(int i) {
        return isPunct(i, "(") && match[i] > i ? match[i] + 1 : i + 1;
    }

    /** First index of {@code w} in [from, to) outside any parentheses; -1 if none. */
    int findTop(int from, int to, String w) {
        for (int k = from; k < to; k = skipGroup(k)) {
            if (t[k].isWord(w)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Splits [from, to) at top-level occurrences of the word {@code w}. With {@code w = "and"}, the
     * AND of {@code BETWEEN a AND b} does not split.
     */
    List<int[]> splitTop(int from, int to, String w) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        boolean between = false;
        for (int k = from; k < to; k = skipGroup(k)) {
            if (t[k].isWord("between")) {
                between = true;
            } else if (t[k].isWord(w)) {
                if (between && w.equals("and")) {
                    between = false;
                    continue;
                }
                parts.add(new int[] {start, k});
                start = k + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    /** Splits [from, to) at top-level commas. */
    List<int[]> splitCommas(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int k = from; k < to; k = skipGroup(k)) {
            if (t[k].isPunctuation(",")) {
                parts.add(new int[] {start, k});
                start = k + 1;
            }
        }
        parts.add(new int[] {start, to});
        return parts;
    }

    /** Reads {@code a}, {@code a.b} or {@code a.b.c} starting at {@code i}; null if no name starts there. */
    NameAt nameAt(int i, int to) {
        if (i >= to || !t[i].isName()) {
            return null;
        }
        List<String> parts = new ArrayList<>(3);
        parts.add(t[i].text());
        int k = i + 1;
        while (k + 1 < to && t[k].isPunctuation(".") && t[k + 1].isName() && parts.size() < 3) {
            parts.add(t[k + 1].text());
            k += 2;
        }
        return new NameAt(new QualifiedName(parts), k);
    }

    /** The qualified name that ends at {@code i} (walking back over {@code a.b.}), and where it starts. */
    int nameStart(int i) {
        int s = i;
        int parts = 1;
        while (s - 2 >= 0 && t[s - 1].isPunctuation(".") && t[s - 2].isName() && parts < 3) {
            s -= 2;
            parts++;
        }
        return s;
    }

    QualifiedName nameEndingAt(int i) {
        int s = nameStart(i);
        List<String> parts = new ArrayList<>(3);
        for (int k = s; k <= i; k += 2) {
            parts.add(t[k].text());
        }
        return new QualifiedName(parts);
    }

    /** The source text of tokens [from, to), shortened for a one-line reason. */
    String text(int from, int to) {
        if (from >= to || from < 0 || to > t.length) {
            return "";
        }
        int a = t[from].start() - base;
        int b = t[to - 1].end() - base;
        if (a < 0 || b > source.length() || a > b) {
            return "";
        }
        String s = source.substring(a, b).replaceAll("\\s+", " ");
        return s.length() <= SNIPPET ? s : s.substring(0, SNIPPET - 3) + "...";
    }

    /**
     * True when the condition [from, to) holds for every row, or cannot be shown to depend on the
     * row: no column reference at all ({@code true}, {@code 1=1}, {@code 'a'='a'}), the same
     * expression on both sides ({@code x = x}), {@code x IS NOT NULL} (every row of a NOT NULL
     * column; only an affected-row check could tell), {@code LIKE '%'}, or an OR with any such branch.
     */
    boolean alwaysTrue(int from, int to) {
        while (from < to && isPunct(from, "(") && match[from] == to - 1) {
            from++;
            to--;
        }
        if (from >= to) {
            return false;
        }
        List<int[]> ors = splitTop(from, to, "or");
        if (ors.size() > 1) {
            for (int[] p : ors) {
                if (alwaysTrue(p[0], p[1])) {
                    return true;
                }
            }
            return false;
        }
        List<int[]> ands = splitTop(from, to, "and");
        if (ands.size() > 1) {
            for (int[] p : ands) {
                if (!alwaysTrue(p[0], p[1])) {
                    return false;
                }
            }
            return true;
        }
        return atomAlwaysTrue(from, to);
    }

    private boolean atomAlwaysTrue(int from, int to) {
        if (isConstant(from, to)) {
            return true;
        }
        if (to - from >= 4 && isWord(to - 3, "is") && isWord(to - 2, "not") && isWord(to - 1, "null")) {
            return true;
        }
        for (int k = from; k < to; k = skipGroup(k)) {
            Token tok = t[k];
            if (tok.isOperator("=") || tok.isOperator(">=") || tok.isOperator("<=")) {
                return sameTokens(from, k, k + 1, to);
            }
            if (tok.isWord("is") && isWord(k + 1, "not") && isWord(k + 2, "distinct") && isWord(k + 3, "from")) {
                return sameTokens(from, k, k + 4, to);
            }
            if ((tok.isWord("like") || tok.isWord("ilike")) && k + 2 == to && t[k + 1].kind() == TokenKind.STRING
                    && !t[k + 1].text().isEmpty() && t[k + 1].text().chars().allMatch(c -> c == '%')) {
                return true;
            }
        }
        return false;
    }

    private boolean sameTokens(int a0, int a1, int b0, int b1) {
        if (a1 - a0 != b1 - b0 || a1 == a0) {
            return false;
        }
        for (int k = 0; k < a1 - a0; k++) {
            Token x = t[a0 + k];
            Token y = t[b0 + k];
            if (x.kind() != y.kind() || !x.text().equals(y.text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Words of multi-word types and of AT TIME ZONE, which are column names elsewhere
     * ({@code WHERE at < now()} names a column "at"), so only their neighbours decide.
     */
    private boolean isTypeWord(int k) {
        switch (t[k].text()) {
            case "at":
                return isWord(k + 1, "time");
            case "time":
                return isWord(k - 1, "at") || isWord(k + 1, "zone") || isWord(k + 1, "with")
                        || isWord(k + 1, "without") || (k + 1 < t.length && t[k + 1].kind() == TokenKind.STRING);
            case "zone":
                return isWord(k - 1, "time");
            case "with":
            case "without":
                return isWord(k + 1, "time");
            case "double":
                return isWord(k + 1, "precision");
            case "precision":
                return isWord(k - 1, "double");
            case "varying":
                return isWord(k - 1, "character");
            default:
                return false;
        }
    }

    /** No column reference in [from, to): only literals, operators, keywords, function and type names. */
    private boolean isConstant(int from, int to) {
        for (int k = from; k < to; k++) {
            Token tok = t[k];
            if (!tok.isName()) {
                continue;
            }
            if (tok.kind() == TokenKind.WORD && (Keywords.CONSTANT_WORDS.contains(tok.text()) || isTypeWord(k))) {
                continue;
            }
            if (isPunct(k + 1, "(") || isPunct(k - 1, "::")) {
                continue;
            }
            return false;
        }
        return true;
    }
}
