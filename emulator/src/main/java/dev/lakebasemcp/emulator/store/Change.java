package dev.lakebasemcp.emulator.store;

import dev.lakebasemcp.emulator.model.OperationRecord;
import java.util.ArrayList;
import java.util.List;

/** A set of writes applied in one transaction: resource puts, deletes and operation journal entries. */
public final class Change {

    /** One write; applied in the order added. */
    sealed interface Write {
        record Put(String name, String parent, Record resource) implements Write {
        }

        record Delete(String name) implements Write {
        }

        /** The resource {@code name} and every resource below it. */
        record DeleteTree(String name) implements Write {
        }

        record Journal(OperationRecord operation) implements Write {
        }
    }

    private final List<Write> writes = new ArrayList<>();

    public Change put(String name, String parent, Record resource) {
        writes.add(new Write.Put(name, parent, resource));
        return this;
    }

    public Change delete(String name) {
        writes.add(new Write.Delete(name));
        return this;
    }

    public Change deleteTree(String name) {
        writes.add(new Write.DeleteTree(name));
        return this;
    }

    public Change journal(OperationRecord operation) {
        writes.add(new Write.Journal(operation));
        return this;
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }
}
