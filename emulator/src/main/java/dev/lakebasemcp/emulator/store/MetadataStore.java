package dev.lakebasemcp.emulator.store;

import dev.lakebasemcp.emulator.model.OperationRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where Lakebase Local keeps its resources and operations. Every {@link Change} is applied atomically, so
 * after a crash the store holds either all of it or none of it.
 */
public interface MetadataStore extends AutoCloseable {

    /** The resource named {@code name} if it exists and is a {@code type}. */
    <T extends Record> Optional<T> find(String name, Class<T> type);

    /** The direct children of {@code parent} of {@code type}, oldest first. */
    <T extends Record> List<T> children(String parent, Class<T> type);

    Optional<OperationRecord> operation(String name);

    /** Operations not yet done: after a restart, the ones the previous process left half-way. */
    List<OperationRecord> unfinishedOperations();

    /** Cluster ids referenced by stored resources (a branch's data, a read-only endpoint's standby). */
    Set<String> referencedClusterIds();

    void apply(Change change) throws StoreException;

    @Override
    void close();
}
