package dev.lakebasemcp.emulator.store;

/** The metadata store could not read or write; the change was not applied. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
