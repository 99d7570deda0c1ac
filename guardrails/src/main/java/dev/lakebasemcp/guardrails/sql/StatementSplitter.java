package dev.lakebasemcp.guardrails.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lexed SQL into statements at {@code ;}. Because the lexer already took strings, quoted
 * identifiers, dollar quotes and comments whole, a {@code ;} token is a real separator, except in two
 * places: inside parentheses (PostgreSQL rejects that; the statement keeps the {@code ;} and is judged
 * invalid), and inside the {@code BEGIN ATOMIC ... END} body of {@code CREATE FUNCTION/PROCEDURE}
 * (SQL-standard bodies, PostgreSQL 14+), where statements end with {@code ;} too.
 * Statements holding only comments are dropped.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<Statement> split(String source, List<Token> tokens) {
        List<Statement> out = new ArrayList<>();
        int from = 0;
        int parens = 0;
        int atomicDepth = 0;
        boolean routine = false;
        for (int k = 0; k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (k == from) {
                routine = startsRoutine(tokens, k);
            }
            if (t.isPunctuation("(")) {
                parens++;
            } else if (t.isPunctuation(")")) {
                parens = Math.max(0, parens - 1);
            } else if (routine && t.kind() == TokenKind.WORD) {
                if (t.text().equals("begin") && k + 1 < tokens.size() && tokens.get(k + 1).isWord("atomic")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && t.text().equals("case")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && t.text().equals("end")) {
                    atomicDepth--;
                }
            } else if (t.isPunctuation(";") && parens == 0 && atomicDepth == 0) {
                add(out, source, tokens, from, k);
                from = k + 1;
                routine = false;
            }
        }
        add(out, source, tokens, from, tokens.size());
        return out;
    }

    private static boolean startsRoutine(List<Token> tokens, int k) {
        if (k >= tokens.size() || !tokens.get(k).isWord("create")) {
            return false;
        }
        int j = k + 1;
        if (j + 1 < tokens.size() && tokens.get(j).isWord("or") && tokens.get(j + 1).isWord("replace")) {
            j += 2;
        }
        return j < tokens.size() && (tokens.get(j).isWord("function") || tokens.get(j).isWord("procedure"));
    }

    private static void add(List<Statement> out, String source, List<Token> tokens, int from, int to) {
        if (from >= to) {
            return;
        }
        int start = tokens.get(from).start();
        int end = tokens.get(to - 1).end();
        out.add(new Statement(source.substring(start, end), start, end, tokens.subList(from, to)));
    }
}
