package dev.lakebasemcp.guardrails.risk;

/**
 * How much an action can lose, in increasing order: the declaration order is the ordering, so
 * {@code compareTo} and {@link #max} rank them.
 */
public enum Risk {
    /** Changes nothing. */
    READ("read"),
    /** Creates or changes something, and the change can be undone. */
    WRITE("write"),
    /** Loses data or cannot be undone: needs the person's confirmation. */
    DESTRUCTIVE("destructive");

    private final String label;

    Risk(String label) {
        this.label = label;
    }

    /** The lowercase word used on the wire and in audit lines: {@code read}, {@code write}, {@code destructive}. */
    public String label() {
        return label;
    }

    public boolean isAtLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Risk max(Risk a, Risk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The inverse of {@link #label()}; unknown words are refused rather than guessed. */
    public static Risk fromLabel(String label) {
        for (Risk r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("risk must be one of read, write, destructive, got " + label);
    }
}
