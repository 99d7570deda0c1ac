package dev.lakebasemcp.tools.query;

import dev.lakebasemcp.tools.query.SchemaSnapshot.Column;
import dev.lakebasemcp.tools.query.SchemaSnapshot.Constraint;
import dev.lakebasemcp.tools.query.SchemaSnapshot.Function;
import dev.lakebasemcp.tools.query.SchemaSnapshot.Index;
import dev.lakebasemcp.tools.query.SchemaSnapshot.Sequence;
import dev.lakebasemcp.tools.query.SchemaSnapshot.Table;
import dev.lakebasemcp.tools.query.SchemaSnapshot.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between two snapshots, as a list of differences and as DDL that would turn the first into the
 * second. The DDL is ordered so that each statement finds what it needs: schemas and sequences first, then
 * drops (views, constraints and indexes before their tables), tables and columns, functions, constraints
 * (foreign keys last), indexes, views, and the remaining drops. It is a proposal to read, not a verified
 * script: a rename shows as a drop and an add, a type change may need {@code USING}, and a column default
 * calling a function created in the same diff would need that function first.
 */
record SchemaDiff(List<Difference> differences, List<String> ddl) {

    SchemaDiff {
        differences = List.copyOf(differences);
        ddl = List.copyOf(ddl);
    }

    /** One difference; {@code detail} says what changed ({@code null} for an added or removed object). */
    record Difference(String kind, String name, String change, String detail) {
        Difference {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(change, "change");
        }

        Map<String, Object> view() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", kind);
            m.put("name", name);
            m.put("change", change);
            if (detail != null) {
                m.put("detail", detail);
            }
            return m;
        }
    }

    boolean isEmpty() {
        return differences.isEmpty();
    }

    /** The DDL as one script. */
    String script() {
        StringBuilder s = new StringBuilder();
        for (String d : ddl) {
            s.append(d).append(";\n");
        }
        return s.toString();
    }

    static SchemaDiff between(SchemaSnapshot from, SchemaSnapshot to) {
        return new Builder(from, to).build();
    }

    /** Collects differences and DDL in the order the DDL must run. */
    private static final class Builder {
        private final SchemaSnapshot from;
        private final SchemaSnapshot to;
        private final List<Difference> differences = new ArrayList<>();
        private final List<String> ddl = new ArrayList<>();

        Builder(SchemaSnapshot from, SchemaSnapshot to) {
            this.from = from;
            this.to = to;
        }

        SchemaDiff build() {
            for (Map.Entry<String, String> s : to.schemas().entrySet()) {
                if (!from.schemas().containsKey(s.getKey())) {
                    add("schema", s.getKey(), "added", null, "CREATE SCHEMA " + s.getValue());
                }
            }
            sequences();
            dropViews();
            dropConstraintsAndIndexes();
            for (Table t : from.tables().values()) {
                Table other = to.tables().get(t.name());
                if (other == null || !other.kind().equals(t.kind()) || !Objects.equals(other.partitionBy(), t.partitionBy())) {
                    add("table", t.name(), "removed", other == null ? null : "recreated as " + other.kind()
                            + (other.partitionBy() == null ? "" : " partitioned by " + other.partitionBy()),
                            "DROP TABLE " + t.quoted());
                }
            }
            for (Table t : to.tables().values()) {
                Table old = from.tables().get(t.name());
                if (old == null || !old.kind().equals(t.kind()) || !Objects.equals(old.partitionBy(), t.partitionBy())) {
                    add("table", t.name(), "added", null, createTable(t));
                } else {
                    columns(old, t);
                }
            }
            for (Sequence s : to.sequences().values()) {
                Sequence old = from.sequences().get(s.name());
                if (s.ownedBy() != null && (old == null || !s.ownedBy().equals(old.ownedBy()))) {
                    ddl.add("ALTER SEQUENCE " + s.quoted() + " OWNED BY " + s.ownedBy());
                }
            }
            functions();
            addConstraintsAndIndexes();
            createViews();
            for (Sequence s : from.sequences().values()) {
                if (!to.sequences().containsKey(s.name())) {
                    // IF EXISTS: a sequence owned by a dropped column or table is already gone with it.
                    add("sequence", s.name(), "removed", null, "DROP SEQUENCE IF EXISTS " + s.quoted());
                }
            }
            for (Map.Entry<String, String> s : from.schemas().entrySet()) {
                if (!to.schemas().containsKey(s.getKey())) {
                    add("schema", s.getKey(), "removed", null, "DROP SCHEMA " + s.getValue());
                }
            }
            return new SchemaDiff(differences, ddl);
        }

        private void sequences() {
            for (Sequence s : to.sequences().values()) {
                Sequence old = from.sequences().get(s.name());
                if (old == null) {
                    add("sequence", s.name(), "added", null, "CREATE SEQUENCE " + s.quoted() + " AS " + s.type()
                            + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min() + " MAXVALUE " + s.max()
                            + " START WITH " + s.start() + " CACHE " + s.cache() + (s.cycle() ? " CYCLE" : " NO CYCLE"));
                } else if (!sameParameters(old, s)) {
                    add("sequence", s.name(), "changed", describe(old) + " -> " + describe(s), "ALTER SEQUENCE "
                            + s.quoted() + " AS " + s.type() + " INCREMENT BY " + s.increment() + " MINVALUE " + s.min()
                            + " MAXVALUE " + s.max() + " START WITH " + s.start() + " CACHE " + s.cache()
                            + (s.cycle() ? " CYCLE" : " NO CYCLE"));
                }
            }
        }

        private static boolean sameParameters(Sequence a, Sequence b) {
            return a.type().equals(b.type()) && a.start() == b.start() && a.increment() == b.increment()
                    && a.min() == b.min() && a.max() == b.max() && a.cache() == b.cache() && a.cycle() == b.cycle();
        }

        private static String describe(Sequence s) {
            return s.type() + " start " + s.start() + " increment " + s.increment() + " min " + s.min() + " max "
                    + s.max() + " cache " + s.cache() + (s.cycle() ? " cycle" : "");
        }

        private void dropViews() {
            List<View> old = new ArrayList<>(from.views().values());
            // Dependent views were made later: drop in reverse order of creation.
            for (int i = old.size() - 1; i >= 0; i--) {
                View v = old.get(i);
                View now = to.views().get(v.name());
                if (now == null) {
                    add(v.kind(), v.name(), "removed", null, "DROP " + v.kind().toUpperCase() + " " + v.quoted());
                } else if (!now.kind().equals(v.kind()) || !now.definition().equals(v.definition())) {
                    ddl.add("DROP " + v.kind().toUpperCase() + " " + v.quoted());
                }
            }
        }

        private void createViews() {
            for (View v : to.views().values()) {
                View old = from.views().get(v.name());
                String create = "CREATE " + v.kind().toUpperCase() + " " + v.quoted() + " AS\n" + stripSemicolon(v.definition());
                if (old == null) {
                    add(v.kind(), v.name(), "added", null, create);
                } else if (!old.kind().equals(v.kind()) || !old.definition().equals(v.definition())) {
                    add(v.kind(), v.name(), "changed", "definition", create);
                }
            }
        }

        private boolean tableGoes(String table) {
            Table now = to.tables().get(table);
            Table old = from.tables().get(table);
            return now == null || old == null || !now.kind().equals(old.kind())
                    || !Objects.equals(now.partitionBy(), old.partitionBy());
        }

        private void dropConstraintsAndIndexes() {
            // Foreign keys first: a unique or primary key they rely on may be dropped next.
            for (int pass = 0; pass < 2; pass++) {
                for (Constraint k : from.constraints().values()) {
                    if ((pass == 0) != k.type().equals("f")) {
                        continue;
                    }
                    Constraint now = to.constraints().get(k.table() + "." + k.name());
                    boolean tableGoes = tableGoes(k.table());
                    if (now == null) {
                        Difference d = new Difference("constraint", k.table() + "." + k.name(), "removed", null);
                        differences.add(d);
                        if (!tableGoes || k.type().equals("f")) {
                            ddl.add("ALTER TABLE " + k.tableQuoted() + " DROP CONSTRAINT " + k.quoted());
                        }
                    } else if (!now.definition().equals(k.definition())) {
                        ddl.add("ALTER TABLE " + k.tableQuoted() + " DROP CONSTRAINT " + k.quoted());
                    }
                }
            }
            for (Index x : from.indexes().values()) {
                Index now = to.indexes().get(x.name());
                if (now == null) {
                    differences.add(new Difference("index", x.name(), "removed", null));
                    if (!tableGoes(x.table())) {
                        ddl.add("DROP INDEX " + x.quoted());
                    }
                } else if (!now.definition().equals(x.definition())) {
                    ddl.add("DROP INDEX " + x.quoted());
                }
            }
        }

        private void addConstraintsAndIndexes() {
            for (int pass = 0; pass < 2; pass++) {
                for (Constraint k : to.constraints().values()) {
                    if ((pass == 1) != k.type().equals("f")) {
                        continue;
                    }
                    Constraint old = from.constraints().get(k.table() + "." + k.name());
                    String add = "ALTER TABLE " + k.tableQuoted() + " ADD CONSTRAINT " + k.quoted() + " " + k.definition();
                    if (old == null) {
                        add("constraint", k.table() + "." + k.name(), "added", k.definition(), add);
                    } else if (!old.definition().equals(k.definition())) {
                        add("constraint", k.table() + "." + k.name(), "changed", old.definition() + " -> "
                                + k.definition(), add);
                    } else if (tableGoes(k.table())) {
                        ddl.add(add);
                    }
                }
            }
            for (Index x : to.indexes().values()) {
                Index old = from.indexes().get(x.name());
                if (old == null) {
                    add("index", x.name(), "added", x.definition(), x.definition());
                } else if (!old.definition().equals(x.definition())) {
                    add("index", x.name(), "changed", old.definition() + " -> " + x.definition(), x.definition());
                } else if (tableGoes(x.table())) {
                    ddl.add(x.definition());
                }
            }
        }

        private void functions() {
            for (Function f : to.functions().values()) {
                Function old = from.functions().get(f.signature());
                if (old == null) {
                    add(f.kind(), f.signature(), "added", null, stripSemicolon(f.definition()));
                } else if (!old.definition().equals(f.definition())) {
                    add(f.kind(), f.signature(), "changed", "definition", stripSemicolon(f.definition()));
                }
            }
            for (Function f : from.functions().values()) {
                if (!to.functions().containsKey(f.signature())) {
                    add(f.kind(), f.signature(), "removed", null, "DROP " + f.kind().toUpperCase() + " "
                            + f.quotedSignature());
                }
            }
        }

        private void columns(Table old, Table now) {
            String alter = "ALTER TABLE " + now.quoted() + " ";
            for (Column c : old.columns()) {
                if (now.column(c.name()) == null) {
                    add("column", now.name() + "." + c.name(), "removed", null, alter + "DROP COLUMN " + c.quoted());
                }
            }
            for (Column c : now.columns()) {
                Column was = old.column(c.name());
                String name = now.name() + "." + c.name();
                String col = alter + "ALTER COLUMN " + c.quoted() + " ";
                if (was == null) {
                    add("column", name, "added", columnDefinition(c).substring(c.quoted().length() + 1),
                            alter + "ADD COLUMN " + columnDefinition(c));
                    continue;
                }
                if (!was.generated().equals(c.generated())
                        || (!c.generated().isEmpty() && !Objects.equals(was.defaultExpr(), c.defaultExpr()))) {
                    // A generated column cannot become a plain one in place (nor the reverse): drop and add.
                    add("column", name, "changed", "generation " + generation(was) + " -> " + generation(c),
                            alter + "DROP COLUMN " + c.quoted());
                    ddl.add(alter + "ADD COLUMN " + columnDefinition(c));
                    continue;
                }
                if (!was.type().equals(c.type())) {
                    add("column", name, "changed", "type " + was.type() + " -> " + c.type(), col + "TYPE " + c.type());
                }
                if (!was.identity().equals(c.identity())) {
                    String sql = c.identity().isEmpty() ? "DROP IDENTITY"
                            : was.identity().isEmpty() ? "ADD " + identity(c) : "SET GENERATED "
                                    + (c.identity().equals("a") ? "ALWAYS" : "BY DEFAULT");
                    add("column", name, "changed", "identity " + identityWords(was) + " -> " + identityWords(c),
                            col + sql);
                }
                if (c.identity().isEmpty() && !Objects.equals(was.defaultExpr(), c.defaultExpr())) {
                    add("column", name, "changed", "default " + was.defaultExpr() + " -> " + c.defaultExpr(),
                            col + (c.defaultExpr() == null ? "DROP DEFAULT" : "SET DEFAULT " + c.defaultExpr()));
                }
                if (was.notNull() != c.notNull() && c.identity().isEmpty()) {
                    add("column", name, "changed", c.notNull() ? "nullable -> not null" : "not null -> nullable",
                            col + (c.notNull() ? "SET NOT NULL" : "DROP NOT NULL"));
                }
            }
        }

        private static String createTable(Table t) {
            StringBuilder s = new StringBuilder("CREATE TABLE ").append(t.quoted()).append(" (");
            for (int i = 0; i < t.columns().size(); i++) {
                s.append(i == 0 ? "\n    " : ",\n    ").append(columnDefinition(t.columns().get(i)));
            }
            s.append(t.columns().isEmpty() ? ")" : "\n)");
            if (t.partitionBy() != null) {
                s.append(" PARTITION BY ").append(t.partitionBy());
            }
            return s.toString();
        }

        private static String columnDefinition(Column c) {
            StringBuilder s = new StringBuilder(c.quoted()).append(' ').append(c.type());
            if (c.generated().equals("s")) {
                s.append(" GENERATED ALWAYS AS (").append(c.defaultExpr()).append(") STORED");
            } else if (!c.identity().isEmpty()) {
                s.append(' ').append(identity(c));
            } else if (c.defaultExpr() != null) {
                s.append(" DEFAULT ").append(c.defaultExpr());
            }
            if (c.notNull() && c.identity().isEmpty()) {
                s.append(" NOT NULL");
            }
            return s.toString();
        }

        private static String identity(Column c) {
            return "GENERATED " + (c.identity().equals("a") ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY";
        }

        private static String identityWords(Column c) {
            return c.identity().isEmpty() ? "none" : c.identity().equals("a") ? "always" : "by default";
        }

        private static String generation(Column c) {
            return c.generated().isEmpty() ? "none" : "stored (" + c.defaultExpr() + ")";
        }

        private void add(String kind, String name, String change, String detail, String statement) {
            differences.add(new Difference(kind, name, change, detail));
            ddl.add(statement);
        }

        private static String stripSemicolon(String s) {
            String t = s.stripTrailing();
            return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
        }
    }
}
