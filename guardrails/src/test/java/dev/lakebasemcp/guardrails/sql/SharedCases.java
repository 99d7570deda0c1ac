package dev.lakebasemcp.guardrails.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code shared/sql-guard/} (cases.tsv and fixture.sql) as it stands when the tests run, found
 * by walking up from the working directory: the shared folder is a sibling of the repository root.
 */
public final class SharedCases {
    private SharedCases() {
    }

    public record Case(int line, String input, String expectedClass, boolean mustBlockInReadOnly, String note) {
        @Override
        public String toString() {
            return "line " + line + ": " + input;
        }
    }

    public static Path sqlGuardDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("sql-guard");
            if (Files.isRegularFile(candidate.resolve("cases.tsv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/sql-guard/cases.tsv not found walking up from " + dir
                + ": the shared folder must sit beside the repository root");
    }

    public static List<Case> cases() {
        Path file = sqlGuardDir().resolve("cases.tsv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty() || !lines.get(0).startsWith("input\texpected_class\tmust_block_in_read_only")) {
            throw new IllegalStateException(file + " lost its header line");
        }
        List<Case> out = new ArrayList<>();
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3) {
                throw new IllegalStateException(file + ":" + (k + 1) + " has " + f.length + " fields, needs 3 or 4");
            }
            String block = f[2].strip();
            if (!block.equals("yes") && !block.equals("no")) {
                throw new IllegalStateException(file + ":" + (k + 1) + " must_block_in_read_only is " + block);
            }
            out.add(new Case(k + 1, unescape(f[0]), f[1].strip(), block.equals("yes"), f.length > 3 ? f[3] : ""));
        }
        return out;
    }

    /** The TSV writes a tab as \t, a newline as \n and a backslash as \\. */
    static String unescape(String field) {
        StringBuilder b = new StringBuilder(field.length());
        for (int k = 0; k < field.length(); k++) {
            char c = field.charAt(k);
            if (c == '\\' && k + 1 < field.length()) {
                char n = field.charAt(k + 1);
                if (n == 't') {
                    b.append('\t');
                    k++;
                    continue;
                }
                if (n == 'n') {
                    b.append('\n');
                    k++;
                    continue;
                }
                if (n == '\\') {
                    b.append('\\');
                    k++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /**
     * What fixture.sql declares about its functions, read with our own lexer: volatility
     * (VOLATILE unless IMMUTABLE or STABLE is written) and SECURITY DEFINER.
     */
    static FunctionVolatility fixtureVolatility() {
        String sql;
        try {
            sql = Files.readString(sqlGuardDir().resolve("fixture.sql"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LexResult lexed = SqlLexer.lex(sql);
        if (!(lexed instanceof LexResult.Lexed ok)) {
            throw new IllegalStateException("fixture.sql does not lex: " + lexed);
        }
        Map<String, FunctionFacts> facts = new HashMap<>();
        for (Statement st : StatementSplitter.split(sql, ok.tokens())) {
            List<Token> t = st.tokens();
            int k = 1;
            if (t.size() > 3 && t.get(1).isWord("or") && t.get(2).isWord("replace")) {
                k = 3;
            }
            if (!t.get(0).isWord("create") || t.size() <= k + 1 || !t.get(k).isWord("function")) {
                continue;
            }
            String name = t.get(k + 1).text();
            FunctionFacts.Volatility v = FunctionFacts.Volatility.VOLATILE;
            boolean definer = false;
            for (int i = k + 2; i < t.size(); i++) {
                if (t.get(i).isWord("stable")) {
                    v = FunctionFacts.Volatility.STABLE;
                } else if (t.get(i).isWord("immutable")) {
                    v = FunctionFacts.Volatility.IMMUTABLE;
                } else if (t.get(i).isWord("security") && i + 1 < t.size() && t.get(i + 1).isWord("definer")) {
                    definer = true;
                }
            }
            facts.put(name, new FunctionFacts(v, definer));
        }
        if (facts.isEmpty()) {
            throw new IllegalStateException("fixture.sql declares no functions");
        }
        return fn -> Optional.ofNullable(facts.get(fn.name()));
    }
}
