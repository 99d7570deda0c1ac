package dev.lakebasemcp.emulator.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lakebasemcp.emulator.model.Branch;
import dev.lakebasemcp.emulator.model.Database;
import dev.lakebasemcp.emulator.model.Endpoint;
import dev.lakebasemcp.emulator.model.OperationRecord;
import dev.lakebasemcp.emulator.model.Project;
import dev.lakebasemcp.emulator.model.Role;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The metadata store in a PostgreSQL database of the control cluster: one JSONB document per resource and
 * per operation, every {@link Change} one transaction. Documents are the model records as Jackson writes
 * them; {@code kind} is the record's simple name.
 */
public final class PostgresMetadataStore implements MetadataStore {

    private static final Map<String, Class<? extends Record>> KINDS = Map.of(
            "Project", Project.class, "Branch", Branch.class, "Endpoint", Endpoint.class,
            "Database", Database.class, "Role", Role.class);

    private static final String SCHEMA = """
            create table if not exists resource (
              name   text primary key,
              kind   text not null,
              parent text not null,
              seq    bigserial,
              doc    jsonb not null);
            create index if not exists resource_parent on resource (parent, kind, seq);
            create table if not exists operation (
              name text primary key,
              seq  bigserial,
              done boolean not null,
              doc  jsonb not null);
            create index if not exists operation_running on operation (done) where not done;
            """;

    private final Supplier<Connection> connector;
    private final ObjectMapper mapper = documentMapper();
    private Connection connection;

    /**
     * @param connector opens a connection to the store's database; called again after a connection breaks
     */
    public PostgresMetadataStore(Supplier<Connection> connector) throws StoreException {
        this.connector = connector;
        try (Statement statement = connection().createStatement()) {
            statement.execute(SCHEMA);
        } catch (SQLException e) {
            throw new StoreException("cannot create the metadata schema", e);
        }
    }

    static ObjectMapper documentMapper() {
        SimpleModule time = new SimpleModule("instants");
        time.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        time.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return Instant.parse(parser.getValueAsString());
            }
        });
        return new ObjectMapper().registerModule(time)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connector.get();
            connection.setAutoCommit(true);
        }
        return connection;
    }

    @Override
    public synchronized <T extends Record> Optional<T> find(String name, Class<T> type) {
        try (PreparedStatement query = connection().prepareStatement(
                "select doc::text from resource where name = ? and kind = ?")) {
            query.setString(1, name);
            query.setString(2, type.getSimpleName());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(mapper.readValue(rows.getString(1), type)) : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("metadata store read failed for " + name, e);
        }
    }

    @Override
    public synchronized <T extends Record> List<T> children(String parent, Class<T> type) {
        try (PreparedStatement query = connection().prepareStatement(
                "select doc::text from resource where parent = ? and kind = ? order by seq")) {
            query.setString(1, parent);
            query.setString(2, type.getSimpleName());
            List<T> result = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(mapper.readValue(rows.getString(1), type));
                }
            }
            return result;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("metadata store read failed under " + parent, e);
        }
    }

    @Override
    public synchronized Optional<OperationRecord> operation(String name) {
        try (PreparedStatement query = connection().prepareStatement("select doc::text from operation where name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(mapper.readValue(rows.getString(1), OperationRecord.class))
                        : Optional.empty();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("metadata store read failed for " + name, e);
        }
    }

    @Override
    public synchronized List<OperationRecord> unfinishedOperations() {
        try (Statement query = connection().createStatement();
                ResultSet rows = query.executeQuery("select doc::text from operation where not done order by seq")) {
            List<OperationRecord> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.readValue(rows.getString(1), OperationRecord.class));
            }
            return result;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("metadata store read of the journal failed", e);
        }
    }

    @Override
    public synchronized Set<String> referencedClusterIds() {
        try (Statement query = connection().createStatement();
                ResultSet rows = query.executeQuery(
                        "select doc->>'clusterId' from resource where doc ? 'clusterId'")) {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("metadata store read of cluster ids failed", e);
        }
    }

    @Override
    public synchronized void apply(Change change) throws StoreException {
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                for (Change.Write write : change.writes()) {
                    apply(c, write);
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("metadata change not applied", e);
        }
    }

    private void apply(Connection c, Change.Write write) throws SQLException, IOException {
        if (write instanceof Change.Write.Put) {
            Change.Write.Put put = (Change.Write.Put) write;
            String kind = put.resource().getClass().getSimpleName();
            if (!KINDS.containsKey(kind)) {
                throw new IllegalArgumentException("not a stored resource kind: " + kind);
            }
            try (PreparedStatement upsert = c.prepareStatement("""
                    insert into resource (name, kind, parent, doc) values (?, ?, ?, ?::jsonb)
                    on conflict (name) do update set kind = excluded.kind, parent = excluded.parent, doc = excluded.doc
                    """)) {
                upsert.setString(1, put.name());
                upsert.setString(2, kind);
                upsert.setString(3, put.parent());
                upsert.setString(4, mapper.writeValueAsString(put.resource()));
                upsert.executeUpdate();
            }
        } else if (write instanceof Change.Write.Delete) {
            try (PreparedStatement delete = c.prepareStatement("delete from resource where name = ?")) {
                delete.setString(1, ((Change.Write.Delete) write).name());
                delete.executeUpdate();
            }
        } else if (write instanceof Change.Write.DeleteTree) {
            String name = ((Change.Write.DeleteTree) write).name();
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from resource where name = ? or starts_with(name, ?)")) {
                delete.setString(1, name);
                delete.setString(2, name + "/");
                delete.executeUpdate();
            }
        } else if (write instanceof Change.Write.Journal) {
            OperationRecord operation = ((Change.Write.Journal) write).operation();
            try (PreparedStatement upsert = c.prepareStatement("""
                    insert into operation (name, done, doc) values (?, ?, ?::jsonb)
                    on conflict (name) do update set done = excluded.done, doc = excluded.doc
                    """)) {
                upsert.setString(1, operation.name());
                upsert.setBoolean(2, operation.done());
                upsert.setString(3, mapper.writeValueAsString(operation));
                upsert.executeUpdate();
            }
        } else {
            throw new AssertionError(write);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            // closing a connection to a cluster that is about to stop; nothing to keep
        }
    }
}
