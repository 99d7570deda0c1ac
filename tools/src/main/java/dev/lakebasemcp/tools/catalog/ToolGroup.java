package dev.lakebasemcp.tools.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Groups that {@code --tools} selects from; names are what a person types. */
public enum ToolGroup {
    ACCOUNT, PROJECTS, BRANCHES, ENDPOINTS, DATABASES, CONNECT, SQL;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses one group name as given on the command line; the message lists the valid ones. */
    public static ToolGroup parse(String text) {
        for (ToolGroup g : values()) {
            if (g.cliName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("--tools: unknown group '" + text + "', expected one of "
                + Arrays.stream(values()).map(ToolGroup::cliName).collect(Collectors.joining(", ")));
    }
}
