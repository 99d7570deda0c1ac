package dev.lakebasemcp.guardrails.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Gives SQL text a class, a risk and a reason (see {@code shared/sql-guard/README.md}). Total and
 * failing closed: every input gets an answer, and a statement that is not understood is
 * {@link SqlClass#INVALID}, never {@link SqlClass#READ}. Thread-safe and without IO; the
 * {@link FunctionVolatility} passed in is the only outside knowledge it uses.
 *
 * <p>What it cannot see, and Postgres' READ ONLY transaction must still catch: effects reached
 * through views, triggers, rules, default expressions, user-defined operators and casts, and
 * functions shadowing built-in names earlier on the search_path.
 */
public final class StatementClassifier {
    /** Deeper nesting (CTEs in subqueries in CTEs ...) is refused rather than followed. */
    static final int MAX_DEPTH = 48;

    private final FunctionVolatility volatility;

    public StatementClassifier(FunctionVolatility volatility) {
        this.volatility = Objects.requireNonNull(volatility, "volatility must not be null");
    }

    /** A classifier that knows only the built-in functions: every other function is opaque code. */
    public StatementClassifier() {
        this(FunctionVolatility.none());
    }

    /** Lexes, splits and classifies a whole SQL text. */
    public ScriptClassification classify(String sql) {
        LexResult lexed = SqlLexer.lex(sql);
        if (lexed instanceof LexResult.Failed failed) {
            return new ScriptClassification(List.of(), SqlClass.INVALID, failed.reason() + ": nothing was sent");
        }
        if (lexed instanceof LexResult.Lexed ok) {
            return classify(StatementSplitter.split(sql, ok.tokens()));
        }
        throw new AssertionError(lexed);
    }

    /**
     * Classifies statements already split (for example by {@link StatementSplitter}), in order: a
     * function or prepared statement created by an earlier statement is judged by its body when a
     * later one calls it.
     */
    public ScriptClassification classify(List<Statement> statements) {
        if (statements.isEmpty()) {
            return new ScriptClassification(List.of(), SqlClass.INVALID, "no statement to run (empty or only comments)");
        }
        ScriptContext context = new ScriptContext();
        List<Classification> out = new ArrayList<>(statements.size());
        Classification worst = null;
        int worstIndex = 0;
        for (int k = 0; k < statements.size(); k++) {
            Classification c = classify(statements.get(k), context);
            out.add(c);
            if (worst == null || c.sqlClass().isMoreDangerousThan(worst.sqlClass())) {
                worst = c;
                worstIndex = k;
            }
        }
        String reason = out.size() == 1 ? worst.reason()
                : "statement " + (worstIndex + 1) + " of " + out.size() + ": " + worst.reason();
        return new ScriptClassification(out, worst.sqlClass(), reason);
    }

    /** Classifies one statement on its own. */
    public Classification classify(Statement statement) {
        return classify(statement, new ScriptContext());
    }

    private Classification classify(Statement statement, ScriptContext context) {
        Judge judge = new Judge(new TokenScan(statement.tokens(), statement.text(), statement.start()), context);
        Finding f = judge.top();
        return new Classification(statement, f.cls, f.reason, judge.touches);
    }

    /** What earlier statements of the same script created, so later calls can be judged by body. */
    private static final class ScriptContext {
        final Map<String, Finding> routines = new HashMap<>();
        final Map<String, Finding> prepared = new HashMap<>();
    }

    /** The worst class found so far and why. */
    static final class Finding {
        SqlClass cls;
        String reason;

        Finding(SqlClass cls, String reason) {
            this.cls = cls;
            this.reason = reason;
        }

        void raise(SqlClass c, String why) {
            if (c.isMoreDangerousThan(cls)) {
                cls = c;
                reason = why;
            }
        }

        void raise(Finding other) {
            raise(other.cls, other.reason);
        }
    }

    /** Judges the tokens of one statement; sub-statements (CTEs, subqueries) are judged by recursion. */
    private final class Judge {
        final TokenScan s;
        final ScriptContext context;
        final List<TableTouch> touches = new ArrayList<>();

        Judge(TokenScan s, ScriptContext context) {
            this.s = s;
            this.context = context;
        }

        Finding top() {
            // A ';' is part of a statement only inside a BEGIN ATOMIC body (see StatementSplitter).
            boolean routine = s.isWord(0, "create") && (isAnyWord(1, "function", "procedure")
                    || (s.isWord(1, "or") && s.isWord(2, "replace") && isAnyWord(3, "function", "procedure")));
            for (int k = 0; k < s.size(); k++) {
                Token tok = s.t[k];
                if (tok.kind() == TokenKind.OTHER) {
                    return invalid("unexpected character '" + tok.text() + "' (PostgreSQL would reject the statement)");
                }
                if (tok.isPunctuation(";") && !routine) {
                    return invalid("a ';' inside parentheses or an unfinished BEGIN ATOMIC body");
                }
            }
            if (!s.balanced) {
                return invalid("unbalanced parentheses (PostgreSQL would reject the statement)");
            }
            return statement(0, s.size(), 0);
        }

        Finding invalid(String why) {
            return new Finding(SqlClass.INVALID, why);
        }

        Finding statement(int from, int to, int depth) {
            if (depth > MAX_DEPTH) {
                return invalid("nested more than " + MAX_DEPTH + " levels deep: too deep to judge");
            }
            if (from >= to) {
                return invalid("an empty statement or subquery");
            }
            if (s.isPunct(from, "(")) {
                return query(from, to, depth);
            }
            String w = s.word(from);
            if (w == null) {
                return invalid("does not start with a command: " + s.text(from, Math.min(to, from + 3)));
            }
            switch (w) {
                case "select":
                case "values":
                case "table":
                    return query(from, to, depth);
                case "with":
                    return with(from, to, depth);
                case "insert":
                    return insert(from, to, depth);
                case "update":
                    return update(from, to, depth);
                case "delete":
                    return delete(from, to, depth);
                case "merge":
                    return merge(from, to, depth);
                case "explain":
                    return explain(from, to, depth);
                case "show":
                    return new Finding(SqlClass.READ, "SHOW reads a setting");
                case "set":
                    return set(from, to);
                case "reset":
                    return reset(from, to);
                case "begin":
                case "start":
                case "commit":
                case "end":
                case "rollback":
                case "abort":
                case "savepoint":
                case "release":
                    return new Finding(SqlClass.TRANSACTION, upper(w) + " controls the transaction: it could end"
                            + " the read-only wrapper and let what follows run outside it");
                case "prepare":
                    return prepare(from, to, depth);
                case "execute":
                    return execute(from, to);
                case "create":
                    return create(from, to, depth);
                case "alter":
                    return alter(from, to);
                case "drop":
                    return drop(from, to);
                case "truncate":
                    return truncate(from, to);
                case "grant":
                    return new Finding(SqlClass.PRIVILEGE, "GRANT gives privileges or role membership: "
                            + s.text(from, to));
                case "revoke":
                    return new Finding(SqlClass.PRIVILEGE, "REVOKE takes privileges away (it can lock out users or apps): "
                            + s.text(from, to));
                case "reassign":
                    return new Finding(SqlClass.PRIVILEGE, "REASSIGN OWNED gives away every object a role owns: "
                            + s.text(from, to));
                case "comment":
                case "security":
                    return new Finding(SqlClass.DDL, upper(s.text(from, Math.min(to, from + 2)))
                            + " changes catalog metadata");
                case "refresh":
                    return new Finding(SqlClass.WRITE, "REFRESH MATERIALIZED VIEW recomputes and rewrites "
                            + s.text(from + 3, to));
                case "vacuum":
                    return new Finding(SqlClass.SIDE_EFFECT, "VACUUM runs maintenance (I/O and locks) outside any transaction");
                case "analyze":
                case "analyse":
                    return new Finding(SqlClass.SIDE_EFFECT, "ANALYZE rewrites planner statistics (pg_statistic)");
                case "checkpoint":
                    return new Finding(SqlClass.SIDE_EFFECT, "CHECKPOINT forces a server-wide checkpoint");
                case "cluster":
                case "reindex":
                    return new Finding(SqlClass.SIDE_EFFECT, upper(w) + " rewrites tables or indexes under an"
                            + " exclusive lock");
                case "lock":
                    return new Finding(SqlClass.SIDE_EFFECT, "LOCK blocks other sessions until the transaction ends: "
                            + s.text(from, to));
                case "notify":
                    return new Finding(SqlClass.SIDE_EFFECT, "NOTIFY sends a message to other sessions");
                case "listen":
                case "unlisten":
                case "discard":
                case "deallocate":
                case "fetch":
                case "move":
                case "close":
                    return new Finding(SqlClass.SESSION, upper(w) + " changes session state");
                case "declare":
                    return declare(from, to, depth);
                case "load":
                    return new Finding(SqlClass.OPAQUE_CODE, "LOAD loads a shared library into the server process");
                case "do":
                    return new Finding(SqlClass.OPAQUE_CODE, "DO runs an anonymous code block: what it does cannot be"
                            + " known before it runs");
                case "call":
                    return call(from, to, depth);
                case "copy":
                    return copy(from, to, depth);
                case "import":
                    return new Finding(SqlClass.DDL, "IMPORT FOREIGN SCHEMA creates foreign tables");
                default:
                    return invalid("'" + w + "' does not start a statement this guard knows");
            }
        }

        // SELECT, VALUES, TABLE and parenthesized queries (with UNION and the like).
        Finding query(int from, int to, int depth) {
            if (s.isPunct(from, "(") && !s.isPunct(from + 1, "(")
                    && !isAnyWord(from + 1, "select", "values", "table", "with")) {
                return invalid("parentheses that do not hold a query: " + s.text(from, to));
            }
            Finding f = new Finding(SqlClass.READ, "reads data");
            if (s.isWord(from, "select")) {
                int into = s.findTop(from, to, "into");
                if (into >= 0) {
                    int k = into + 1;
                    while (isAnyWord(k, "temp", "temporary", "unlogged", "table")) {
                        k++;
                    }
                    TokenScan.NameAt name = s.nameAt(k, to);
                    String target = name == null ? "a table" : name.name().toString();
                    if (name != null) {
                        touches.add(new TableTouch(name.name(), TableTouch.Action.CREATE));
                    }
                    f.raise(SqlClass.DDL, "SELECT INTO creates table " + target);
                }
            }
            expressions(from, to, depth, f);
            return f;
        }

        Finding with(int from, int to, int depth) {
            Finding f = new Finding(SqlClass.READ, "reads data");
            int k = from + 1;
            if (s.isWord(k, "recursive")) {
                k++;
            }
            while (true) {
                if (k >= to || !s.t[k].isName()) {
                    return invalid("could not read the WITH clause");
                }
                k++;
                if (s.isPunct(k, "(")) {
                    k = s.skipGroup(k);
                }
                if (!s.isWord(k, "as")) {
                    return invalid("could not read the WITH clause");
                }
                k++;
                if (s.isWord(k, "not")) {
                    k++;
                }
                if (s.isWord(k, "materialized")) {
                    k++;
                }
                if (!s.isPunct(k, "(") || s.match[k] < k || s.match[k] >= to) {
                    return invalid("could not read the WITH clause");
                }
                Finding body = statement(k + 1, s.match[k], depth + 1);
                f.raise(body.cls, "in a WITH query: " + body.reason);
                k = s.match[k] + 1;
                while (isAnyWord(k, "search", "cycle")) {
                    int end = s.isWord(k, "search") ? s.findTop(k, to, "set") : s.findTop(k, to, "using");
                    if (end < 0) {
                        return invalid("could not read the WITH clause");
                    }
                    k = end + 2;
                }
                if (s.isPunct(k, ",")) {
                    k++;
                    continue;
                }
                break;
            }
            if (k >= to) {
                return invalid("WITH without a statement after it");
            }
            f.raise(statement(k, to, depth + 1));
            return f;
        }

        Finding insert(int from, int to, int depth) {
            if (!s.isWord(from + 1, "into")) {
                return invalid("INSERT without INTO");
            }
            TokenScan.NameAt name = s.nameAt(from + 2, to);
            if (name == null) {
                return invalid("INSERT without a table name");
            }
            touches.add(new TableTouch(name.name(), TableTouch.Action.WRITE));
            Finding f = new Finding(SqlClass.WRITE, "INSERT adds rows to " + name.name());
            expressions(name.end(), to, depth, f);
            return f;
        }

        Finding update(int from, int to, int depth) {
            int k = from + 1;
            if (s.isWord(k, "only")) {
                k++;
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("UPDATE without a table name");
            }
            touches.add(new TableTouch(name.name(), TableTouch.Action.WRITE));
            Finding f = whereVerdict("UPDATE", "changes", name, to);
            expressions(name.end(), to, depth, f);
            return f;
        }

        Finding delete(int from, int to, int depth) {
            if (!s.isWord(from + 1, "from")) {
                return invalid("DELETE without FROM");
            }
            int k = from + 2;
            if (s.isWord(k, "only")) {
                k++;
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("DELETE without a table name");
            }
            touches.add(new TableTouch(name.name(), TableTouch.Action.WRITE));
            Finding f = whereVerdict("DELETE", "removes", name, to);
            expressions(name.end(), to, depth, f);
            return f;
        }

        /** UPDATE and DELETE: a missing or always-true WHERE reaches every row. */
        Finding whereVerdict(String command, String verb, TokenScan.NameAt name, int to) {
            String table = name.name().toString();
            int where = s.findTop(name.end(), to, "where");
            if (where < 0) {
                return new Finding(SqlClass.DESTRUCTIVE, command + " without WHERE " + verb + " every row of " + table);
            }
            if (s.isWord(where + 1, "current") && s.isWord(where + 2, "of")) {
                return new Finding(SqlClass.WRITE, command + " WHERE CURRENT OF " + verb + " one row of " + table);
            }
            int returning = s.findTop(where, to, "returning");
            int end = returning < 0 ? to : returning;
            if (s.alwaysTrue(where + 1, end)) {
                return new Finding(SqlClass.DESTRUCTIVE, command + " with a WHERE that holds for every row ("
                        + s.text(where + 1, end) + ") " + verb + " every row of " + table);
            }
            return new Finding(SqlClass.WRITE, command + " " + verb + " the rows of " + table + " matching WHERE "
                    + s.text(where + 1, end));
        }

        Finding merge(int from, int to, int depth) {
            if (!s.isWord(from + 1, "into")) {
                return invalid("MERGE without INTO");
            }
            int k = from + 2;
            if (s.isWord(k, "only")) {
                k++;
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("MERGE without a table name");
            }
            touches.add(new TableTouch(name.name(), TableTouch.Action.WRITE));
            Finding f = new Finding(SqlClass.WRITE, "MERGE inserts, updates or deletes rows of " + name.name());
            expressions(name.end(), to, depth, f);
            return f;
        }

        Finding explain(int from, int to, int depth) {
            int k = from + 1;
            boolean analyze = false;
            if (s.isPunct(k, "(") && !isAnyWord(k + 1, "select", "with", "values", "table", "insert", "update",
                    "delete", "merge")) {
                int close = s.match[k];
                for (int[] option : s.splitCommas(k + 1, close)) {
                    if (isAnyWord(option[0], "analyze", "analyse")) {
                        analyze |= option[1] - option[0] < 2 || !isFalse(s.t[option[0] + 1]);
                    }
                }
                k = close + 1;
            } else {
                while (isAnyWord(k, "analyze", "analyse", "verbose")) {
                    analyze |= !s.isWord(k, "verbose");
                    k++;
                }
            }
            if (k >= to) {
                return invalid("EXPLAIN without a statement");
            }
            if (!s.isPunct(k, "(") && !isAnyWord(k, "select", "with", "values", "table", "insert", "update", "delete",
                    "merge", "execute", "declare", "create")) {
                return invalid("EXPLAIN of something that cannot be explained: " + s.text(k, to));
            }
            if (!analyze) {
                return new Finding(SqlClass.READ, "EXPLAIN without ANALYZE plans the statement without running it");
            }
            Finding inner = statement(k, to, depth + 1);
            Finding f = new Finding(SqlClass.READ, "EXPLAIN ANALYZE runs the statement, which " + inner.reason);
            f.raise(inner.cls, "EXPLAIN ANALYZE runs the statement: " + inner.reason);
            return f;
        }

        boolean isFalse(Token value) {
            String v = value.text().toLowerCase(Locale.ROOT);
            return v.equals("false") || v.equals("off") || v.equals("0") || v.equals("no");
        }

        Finding set(int from, int to) {
            int k = from + 1;
            if (s.isWord(k, "session") && s.isWord(k + 1, "authorization")) {
                return new Finding(SqlClass.PRIVILEGE, "SET SESSION AUTHORIZATION changes the user the session acts as");
            }
            if (s.isWord(k, "session") && s.isWord(k + 1, "characteristics")) {
                return new Finding(SqlClass.SESSION, "SET SESSION CHARACTERISTICS changes the defaults of later"
                        + " transactions (READ WRITE would undo read-only)");
            }
            if (isAnyWord(k, "session", "local")) {
                k++;
            }
            if (s.isWord(k, "role")) {
                return new Finding(SqlClass.PRIVILEGE, "SET ROLE changes the role the session acts as");
            }
            if (isAnyWord(k, "transaction", "constraints")) {
                return new Finding(SqlClass.TRANSACTION, "SET " + upper(s.word(k))
                        + " changes the running transaction (READ WRITE would leave read-only)");
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("SET without a setting name");
            }
            return setting(name.name().toString(), "SET " + name.name());
        }

        /** SET x, RESET x and set_config('x', ...) all change setting x. */
        Finding setting(String name, String what) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.startsWith("transaction_")) {
                return new Finding(SqlClass.TRANSACTION, what + " changes the running transaction"
                        + " (transaction_read_only off would leave read-only)");
            }
            if (n.equals("role") || n.equals("session_authorization")) {
                return new Finding(SqlClass.PRIVILEGE, what + " changes the role the session acts as");
            }
            return new Finding(SqlClass.SESSION, what + " changes session setting " + n);
        }

        Finding reset(int from, int to) {
            int k = from + 1;
            if (s.isWord(k, "session") && s.isWord(k + 1, "authorization")) {
                return new Finding(SqlClass.PRIVILEGE, "RESET SESSION AUTHORIZATION changes the user the session acts as");
            }
            if (s.isWord(k, "all")) {
                return new Finding(SqlClass.SESSION, "RESET ALL resets every session setting (statement_timeout too)");
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("RESET without a setting name");
            }
            String n = name.name().toString();
            if (n.equals("role")) {
                return new Finding(SqlClass.PRIVILEGE, "RESET ROLE escapes a SET ROLE sandbox");
            }
            return setting(n, "RESET " + n);
        }

        Finding prepare(int from, int to, int depth) {
            if (s.isWord(from + 1, "transaction")) {
                return new Finding(SqlClass.TRANSACTION, "PREPARE TRANSACTION ends the transaction for two-phase commit");
            }
            TokenScan.NameAt name = s.nameAt(from + 1, to);
            int as = s.findTop(from + 1, to, "as");
            if (name == null || as < 0) {
                return invalid("PREPARE without a name or AS");
            }
            // The stored statement does not run now; a later EXECUTE of it in this script is judged by it.
            Judge dry = new Judge(s, context);
            Finding inner = dry.statement(as + 1, to, depth + 1);
            context.prepared.put(name.name().name(), inner);
            return new Finding(SqlClass.SESSION, "PREPARE stores a statement for later EXECUTE; it outlives ROLLBACK");
        }

        Finding execute(int from, int to) {
            TokenScan.NameAt name = s.nameAt(from + 1, to);
            String n = name == null ? "?" : name.name().name();
            Finding f = new Finding(SqlClass.OPAQUE_CODE, "EXECUTE runs prepared statement " + n
                    + ", whose text is not part of this request");
            Finding stored = context.prepared.get(n);
            if (stored != null) {
                f.raise(stored.cls, "EXECUTE runs prepared statement " + n + ", which " + stored.reason);
            }
            return f;
        }

        Finding declare(int from, int to, int depth) {
            int cursor = s.findTop(from, to, "cursor");
            int forAt = cursor < 0 ? -1 : s.findTop(cursor, to, "for");
            if (forAt < 0) {
                return invalid("DECLARE without CURSOR ... FOR");
            }
            Finding f = new Finding(SqlClass.SESSION, "DECLARE opens a cursor (session state)");
            f.raise(statement(forAt + 1, to, depth + 1));
            return f;
        }

        Finding call(int from, int to, int depth) {
            TokenScan.NameAt name = s.nameAt(from + 1, to);
            if (name == null) {
                return invalid("CALL without a procedure name");
            }
            String n = name.name().name();
            Finding f = new Finding(SqlClass.OPAQUE_CODE, "CALL runs procedure " + name.name()
                    + ": what it does cannot be known before it runs");
            Finding body = context.routines.get(n);
            if (body != null) {
                f.raise(body.cls, "CALL runs " + n + ", created earlier in this script, whose body " + body.reason);
            }
            expressions(name.end(), to, depth, f);
            return f;
        }

        Finding copy(int from, int to, int depth) {
            int k = from + 1;
            TokenScan.NameAt name = null;
            Finding f = new Finding(SqlClass.READ, "COPY TO STDOUT reads data");
            if (s.isPunct(k, "(")) {
                f.raise(statement(k + 1, s.match[k], depth + 1));
                k = s.match[k] + 1;
            } else {
                name = s.nameAt(k, to);
                if (name == null) {
                    return invalid("COPY without a table or query");
                }
                k = s.isPunct(name.end(), "(") ? s.skipGroup(name.end()) : name.end();
            }
            boolean in = s.isWord(k, "from");
            if (!in && !s.isWord(k, "to")) {
                return invalid("COPY without FROM or TO");
            }
            if (s.isWord(k + 1, "program")) {
                f.raise(SqlClass.SIDE_EFFECT, "COPY ... PROGRAM runs a shell command on the database server");
            } else if (s.isWord(k + 1, "stdin") || s.isWord(k + 1, "stdout")) {
                if (in) {
                    f.raise(SqlClass.WRITE, "COPY FROM STDIN loads rows into " + (name == null ? "a table" : name.name()));
                }
            } else {
                f.raise(SqlClass.SIDE_EFFECT, "COPY " + (in ? "FROM" : "TO") + " a server file "
                        + (in ? "reads" : "writes") + " the database server's file system");
            }
            if (in && name != null) {
                touches.add(new TableTouch(name.name(), TableTouch.Action.WRITE));
            }
            return f;
        }

        Finding create(int from, int to, int depth) {
            int k = from + 1;
            if (s.isWord(k, "or") && s.isWord(k + 1, "replace")) {
                k += 2;
            }
            while (isAnyWord(k, "temp", "temporary", "unlogged", "global", "local", "unique", "trusted", "procedural",
                    "default", "constraint", "recursive")) {
                k++;
            }
            String kind = s.word(k);
            if (kind == null) {
                return invalid("CREATE without an object kind");
            }
            switch (kind) {
                case "table":
                    return createTable(k + 1, to, depth);
                case "materialized":
                    return createQueryBacked(k + 2, to, depth, "CREATE MATERIALIZED VIEW", "materialized view");
                case "view":
                    return new Finding(SqlClass.DDL, "CREATE VIEW stores a query (nothing runs now)");
                case "index":
                    return createIndex(k + 1, to);
                case "function":
                case "procedure":
                    return createRoutine(k, to, depth);
                case "trigger":
                case "event":
                    return createTrigger(k, to);
                case "role":
                case "user":
                case "group":
                case "policy":
                    return new Finding(SqlClass.PRIVILEGE, "CREATE " + (kind.equals("user") && s.isWord(k + 1, "mapping")
                            ? "USER MAPPING stores credentials for a foreign server" : upper(kind)
                            + " changes who may do what"));
                case "subscription":
                    return new Finding(SqlClass.SIDE_EFFECT, "CREATE SUBSCRIPTION connects to another server and copies"
                            + " its data");
                default:
                    return new Finding(SqlClass.DDL, "CREATE " + upper(kind) + " creates " + s.text(k + 1, to));
            }
        }

        Finding createTable(int k, int to, int depth) {
            if (s.isWord(k, "if") && s.isWord(k + 1, "not") && s.isWord(k + 2, "exists")) {
                k += 3;
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            if (name == null) {
                return invalid("CREATE TABLE without a name");
            }
            touches.add(new TableTouch(name.name(), TableTouch.Action.CREATE));
            int as = s.findTop(name.end(), to, "as");
            if (as < 0) {
                return new Finding(SqlClass.DDL, "CREATE TABLE creates table " + name.name());
            }
            Finding f = new Finding(SqlClass.DDL, "CREATE TABLE AS runs a query and stores its rows in " + name.name());
            if (as + 1 < to) {
                f.raise(statement(as + 1, to, depth + 1));
            }
            return f;
        }

        Finding createQueryBacked(int k, int to, int depth, String command, String what) {
            int as = s.findTop(k, to, "as");
            Finding f = new Finding(SqlClass.DDL, command + " runs a query and stores its rows in a " + what);
            if (as >= 0 && as + 1 < to) {
                f.raise(statement(as + 1, to, depth + 1));
            }
            return f;
        }

        Finding createIndex(int k, int to) {
            int on = s.findTop(k, to, "on");
            if (on < 0) {
                return invalid("CREATE INDEX without ON");
            }
            int t = on + 1;
            if (s.isWord(t, "only")) {
                t++;
            }
            TokenScan.NameAt table = s.nameAt(t, to);
            if (table == null) {
                return invalid("CREATE INDEX without a table");
            }
            touches.add(new TableTouch(table.name(), TableTouch.Action.INDEX));
            return new Finding(SqlClass.DDL, "CREATE INDEX builds an index on " + table.name());
        }

        Finding createRoutine(int k, int to, int depth) {
            String kind = s.word(k);
            TokenScan.NameAt name = s.nameAt(k + 1, to);
            if (name == null) {
                return invalid("CREATE " + upper(kind) + " without a name");
            }
            Finding body = routineBody(name.end(), to, depth);
            context.routines.put(name.name().name(), body);
            return new Finding(SqlClass.DDL, "CREATE " + upper(kind) + " " + name.name()
                    + " stores code; nothing runs until it is called");
        }

        /** What a routine created in this script does when called: at least opaque, worse if its body says so. */
        Finding routineBody(int from, int to, int depth) {
            Finding f = new Finding(SqlClass.OPAQUE_CODE, "cannot be analysed");
            int begin = s.findTop(from, to, "begin");
            if (begin >= 0 && s.isWord(begin + 1, "atomic")) {
                Judge inner = new Judge(s, context);
                int start = begin + 2;
                for (int k = start; k <= to; k++) {
                    if (k == to || s.isPunct(k, ";")) {
                        bodyStatement(inner, start, k, depth, f);
                        start = k + 1;
                    }
                }
                return f;
            }
            int ret = s.findTop(from, to, "return");
            if (ret >= 0) {
                Judge inner = new Judge(s, context);
                Finding e = new Finding(SqlClass.READ, "returns an expression");
                inner.expressions(ret + 1, to, depth + 1, e);
                f.raise(e.cls, e.reason);
                return f;
            }
            int as = s.findTop(from, to, "as");
            if (as >= 0 && as + 1 < to && s.t[as + 1].kind() == TokenKind.STRING) {
                String code = s.t[as + 1].text();
                LexResult lexed = SqlLexer.lex(code);
                if (lexed instanceof LexResult.Lexed ok && depth < MAX_DEPTH) {
                    for (Statement st : StatementSplitter.split(code, ok.tokens())) {
                        TokenScan bodyScan = new TokenScan(st.tokens(), st.text(), st.start());
                        if (bodyScan.balanced) {
                            bodyStatement(new Judge(bodyScan, context), 0, bodyScan.size(), depth, f);
                        }
                    }
                }
            }
            return f;
        }

        /** One statement of a body, after any PL/pgSQL control words; not understood means no finding. */
        void bodyStatement(Judge inner, int from, int to, int depth, Finding f) {
            TokenScan b = inner.s;
            for (int k = from; k < to; k++) {
                String w = b.word(k);
                if (w == null || !Keywords.BODY_STATEMENT_START.contains(w)) {
                    continue;
                }
                if (k != from && !Keywords.BODY_CONTROL.contains(String.valueOf(b.word(k - 1)))) {
                    continue;
                }
                Finding found;
                if (w.equals("perform")) {
                    found = new Finding(SqlClass.READ, "reads data");
                    inner.expressions(k + 1, to, depth + 1, found);
                } else {
                    found = inner.statement(k, to, depth + 1);
                }
                if (found.cls != SqlClass.INVALID) {
                    f.raise(found.cls, found.reason);
                }
                return;
            }
        }

        Finding createTrigger(int k, int to) {
            Finding f = new Finding(SqlClass.DDL, "CREATE " + upper(s.text(k, k + 1))
                    + " makes later statements run a function");
            int exec = s.findTop(k, to, "execute");
            if (exec >= 0 && isAnyWord(exec + 1, "function", "procedure")) {
                TokenScan.NameAt fn = s.nameAt(exec + 2, to);
                Finding body = fn == null ? null : context.routines.get(fn.name().name());
                if (body != null) {
                    f.raise(body.cls, "the trigger runs " + fn.name() + ", created earlier in this script, whose body "
                            + body.reason);
                }
            }
            return f;
        }

        Finding alter(int from, int to) {
            String kind = s.word(from + 1);
            if (kind == null) {
                return invalid("ALTER without an object kind");
            }
            switch (kind) {
                case "system":
                    return new Finding(SqlClass.SIDE_EFFECT, "ALTER SYSTEM rewrites the server's configuration"
                            + " (postgresql.auto.conf)");
                case "role":
                case "user":
                case "group":
                    return new Finding(SqlClass.PRIVILEGE, "ALTER " + upper(kind)
                            + " changes a role's attributes, password or settings: " + s.text(from, to));
                case "database":
                    return new Finding(SqlClass.PRIVILEGE, "ALTER DATABASE changes per-database settings or ownership: "
                            + s.text(from, to));
                case "default":
                case "policy":
                    return new Finding(SqlClass.PRIVILEGE, "ALTER " + upper(kind) + " changes who may do what");
                case "subscription":
                    return new Finding(SqlClass.SIDE_EFFECT, "ALTER SUBSCRIPTION changes replication from another server");
                default:
                    return alterObject(from, to, kind);
            }
        }

        Finding alterObject(int from, int to, String kind) {
            boolean table = kind.equals("table") || kind.equals("foreign");
            int k = from + 2;
            if (kind.equals("foreign") || kind.equals("materialized")) {
                k++;
            }
            if (s.isWord(k, "if") && s.isWord(k + 1, "exists")) {
                k += 2;
            }
            if (s.isWord(k, "only")) {
                k++;
            }
            TokenScan.NameAt name = s.nameAt(k, to);
            String object = name == null ? kind : name.name().toString();
            if (table && name != null) {
                touches.add(new TableTouch(name.name(), TableTouch.Action.ALTER));
            }
            Finding f = new Finding(SqlClass.DDL, "ALTER " + upper(kind) + " changes the definition of " + object);
            for (int i = name == null ? k : name.end(); i < to; i = s.skipGroup(i)) {
                String w = s.word(i);
                if (w == null) {
                    continue;
                }
                if (w.equals("owner") && s.isWord(i + 1, "to")) {
                    f.raise(SqlClass.PRIVILEGE, "ALTER ... OWNER TO gives " + object + " to another role");
                } else if (w.equals("row") && s.isWord(i + 1, "level") && s.isWord(i + 2, "security")) {
                    f.raise(SqlClass.PRIVILEGE, "changes row-level security on " + object);
                } else if (w.equals("security") && s.isWord(i + 1, "definer")) {
                    f.raise(SqlClass.PRIVILEGE, "makes " + object + " run with its owner's rights (SECURITY DEFINER)");
                } else if (w.equals("drop") && !isAnyWord(i + 1, "default", "not", "identity", "expression")) {
                    f.raise(SqlClass.DESTRUCTIVE, "ALTER " + upper(kind) + " " + object + " "
                            + s.text(i, Math.min(to, i + 3)) + " removes part of " + object + " for good");
                } else if (table && w.equals("type") && (s.isWord(i - 1, "data") || isAnyWord(i - 2, "alter", "column"))) {
                    f.raise(SqlClass.DESTRUCTIVE, "changing a column's type rewrites " + object + " and can lose data");
                }
            }
            return f;
        }

        Finding drop(int from, int to) {
            String kind = s.word(from + 1);
            if (kind == null) {
                return invalid("DROP without an object kind");
            }
            if (kind.equals("owned")) {
                return new Finding(SqlClass.DESTRUCTIVE, "DROP OWNED drops every object owned by "
                        + s.text(from + 3, to));
            }
            int k = from + 2;
            if (kind.equals("materialized") || kind.equals("foreign") || kind.equals("access")
                    || kind.equals("event") || kind.equals("text") || kind.equals("user")) {
                k++;
            }
            if (s.isWord(k, "concurrently")) {
                k++;
            }
            if (s.isWord(k, "if") && s.isWord(k + 1, "exists")) {
                k += 2;
            }
            int end = to;
            int cascade = s.findTop(k, to, "cascade");
            int restrict = s.findTop(k, to, "restrict");
            if (cascade >= 0) {
                end = cascade;
            } else if (restrict >= 0) {
                end = restrict;
            }
            List<String> names = new ArrayList<>();
            for (int[] part : s.splitCommas(k, end)) {
                TokenScan.NameAt name = s.nameAt(part[0], part[1]);
                if (name != null) {
                    names.add(name.name().toString());
                    if (kind.equals("table")) {
                        touches.add(new TableTouch(name.name(), TableTouch.Action.DROP));
                    }
                }
            }
            String what = String.join(", ", names);
            String cascadeNote = cascade >= 0 ? ", and CASCADE drops everything that depends on it" : "";
            if (kind.equals("table")) {
                return new Finding(SqlClass.DESTRUCTIVE, "DROP TABLE removes " + what + " and all its rows" + cascadeNote);
            }
            return new Finding(SqlClass.DESTRUCTIVE, "DROP " + upper(kind) + " removes " + what + cascadeNote);
        }

        Finding truncate(int from, int to) {
            int k = from + 1;
            if (s.isWord(k, "table")) {
                k++;
            }
            int end = to;
            for (String stop : new String[] {"restart", "continue", "cascade", "restrict"}) {
                int at = s.findTop(k, to, stop);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            List<String> names = new ArrayList<>();
            for (int[] part : s.splitCommas(k, end)) {
                int p = part[0];
                if (s.isWord(p, "only")) {
                    p++;
                }
                TokenScan.NameAt name = s.nameAt(p, part[1]);
                if (name != null) {
                    names.add(name.name().toString());
                    touches.add(new TableTouch(name.name(), TableTouch.Action.TRUNCATE));
                }
            }
            return new Finding(SqlClass.DESTRUCTIVE, "TRUNCATE removes every row of " + String.join(", ", names));
        }

        /**
         * Walks an expression-bearing range: function calls, catalog relations that disclose secrets,
         * row locks, and data-modifying statements nested in parentheses.
         */
        void expressions(int from, int to, int depth, Finding f) {
            for (int k = from; k < to; k++) {
                Token tok = s.t[k];
                if (tok.isPunctuation("(")) {
                    if (isAnyWord(k + 1, "insert", "update", "delete", "merge", "with") && s.match[k] > k) {
                        Finding inner = statement(k + 1, s.match[k], depth + 1);
                        f.raise(inner.cls, "in a nested statement: " + inner.reason);
                        k = s.match[k];
                    }
                    continue;
                }
                if (!tok.isName()) {
                    continue;
                }
                if (s.isPunct(k + 1, "(")) {
                    if (isCall(k)) {
                        function(k, f);
                    }
                    continue;
                }
                if (BuiltinFunctions.SENSITIVE_RELATIONS.contains(tok.text())) {
                    f.raise(SqlClass.INFO_DISCLOSURE, "reads " + tok.text()
                            + ", which discloses secrets, other sessions' SQL or the server's configuration");
                } else if (tok.isWord("for") && isAnyWord(k + 1, "update", "share", "no", "key")) {
                    f.raise(SqlClass.WRITE, "SELECT ... " + upper(s.text(k, Math.min(to, k + 4)))
                            + " locks rows (a write lock held until the transaction ends)");
                }
            }
        }

        /** Is {@code name(} at {@code k} a function call, rather than syntax, a type or an alias with columns? */
        boolean isCall(int k) {
            int start = s.nameStart(k);
            Token tok = s.t[k];
            if (start == k && tok.kind() == TokenKind.WORD && Keywords.SYNTAX_BEFORE_PAREN.contains(tok.text())) {
                return false;
            }
            if (start == 0) {
                return true;
            }
            Token prev = s.t[start - 1];
            if (prev.isPunctuation("::")) {
                return false;
            }
            if (prev.isPunctuation(")")) {
                // "f(1) g(a)" and "(VALUES ...) v(a)" alias a column list; only OPERATOR(schema.op) is
                // followed by an operand.
                int open = s.match[start - 1];
                return open > 0 && s.isWord(open - 1, "operator");
            }
            if (prev.kind() == TokenKind.QUOTED_IDENTIFIER) {
                return false;
            }
            if (prev.kind() == TokenKind.WORD) {
                if (tok.isWord("conflict") && prev.isWord("on")) {
                    return false;
                }
                if (tok.isWord("sets") && prev.isWord("grouping")) {
                    return false;
                }
                if (prev.isWord("as") || Keywords.BEFORE_RELATION.contains(prev.text())) {
                    return false;
                }
                return Keywords.BEFORE_EXPRESSION.contains(prev.text());
            }
            return true;
        }

        void function(int k, Finding f) {
            QualifiedName q = s.nameEndingAt(k);
            String name = q.name();
            if (name.equals("set_config")) {
                Token first = k + 2 < s.size() ? s.t[k + 2] : null;
                if (first != null && first.kind() == TokenKind.STRING && s.isPunct(k + 3, ",")) {
                    f.raise(setting(first.text(), "set_config('" + first.text() + "')"));
                } else {
                    f.raise(SqlClass.TRANSACTION, "set_config with a computed setting name could change any setting,"
                            + " transaction_read_only included");
                }
                return;
            }
            Optional<BuiltinFunctions.Effect> effect = BuiltinFunctions.effect(name);
            if (effect.isPresent()) {
                f.raise(effect.get().sqlClass(), "calls " + q + ": " + effect.get().does());
                return;
            }
            Finding body = context.routines.get(name);
            if (body != null) {
                f.raise(SqlClass.OPAQUE_CODE, "calls " + q + ", created earlier in this script");
                f.raise(body.cls, "calls " + q + ", created earlier in this script, whose body " + body.reason);
                return;
            }
            if (BuiltinFunctions.isReadOnly(q)) {
                return;
            }
            Optional<FunctionFacts> facts = volatility.lookup(q);
            if (facts.isEmpty()) {
                f.raise(SqlClass.OPAQUE_CODE, "calls " + q + ", a function whose effect is not known"
                        + " (not a known built-in, no catalog facts)");
            } else if (facts.get().securityDefiner()) {
                f.raise(SqlClass.OPAQUE_CODE, "calls " + q + ", a SECURITY DEFINER function that runs with its"
                        + " owner's rights");
            } else if (facts.get().volatility() == FunctionFacts.Volatility.VOLATILE) {
                f.raise(SqlClass.OPAQUE_CODE, "calls " + q + ", a volatile function that may change data");
            }
        }

        String upper(String word) {
            return word.toUpperCase(Locale.ROOT);
        }

        boolean isAnyWord(int i, String... words) {
            String w = s.word(i);
            if (w == null) {
                return false;
            }
            for (String candidate : words) {
                if (candidate.equals(w)) {
                    return true;
                }
            }
            return false;
        }
    }
}
