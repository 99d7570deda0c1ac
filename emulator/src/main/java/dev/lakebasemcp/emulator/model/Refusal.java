package dev.lakebasemcp.emulator.model;

/** A request refused with {@link #error()}; thrown from deep inside validation, answered as that error. */
public final class Refusal extends Exception {

    private final transient ApiError error;

    public Refusal(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
