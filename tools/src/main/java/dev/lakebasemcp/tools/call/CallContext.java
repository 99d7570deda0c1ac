package dev.lakebasemcp.tools.call;

/** What a running handler may ask of the call it serves. */
public interface CallContext {

    /** Reports progress to the client when it asked for it (a progress token); otherwise does nothing. */
    void progress(double done, Double total, String message);

    /** True once the client cancelled the request; long waits check it and stop. */
    boolean cancelled();

    /** A context for calls made without a client (tests, examples). */
    CallContext NONE = new CallContext() {
        @Override
        public void progress(double done, Double total, String message) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };
}
