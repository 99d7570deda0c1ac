package dev.lakebasemcp.emulator.cluster;

/** A cluster operation failed; the message says which step and includes the server log's last lines. */
public final class ClusterException extends Exception {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
