package dev.lakebasemcp.server.cli;

import dev.lakebasemcp.tools.catalog.ToolGroup;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command line, checked once: a bad value stops start-up with a message naming the flag and the rule;
 * nothing is clamped or guessed.
 */
public record Options(boolean local, Optional<String> profile, Transport transport, String host, int port,
        Path dataDir, boolean readOnly, Optional<String> project, Set<ToolGroup> toolGroups,
        boolean conformanceFixtures, Optional<Path> auditLog, Duration operationTimeout, boolean help,
        boolean version) {

    public enum Transport { STDIO, HTTP }

    private static final Pattern ID = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    public static final String USAGE = String.join("\n",
            "Usage: lakebase-mcp [--local | --profile NAME] [--transport stdio|http] [--host H] [--port N]",
            "                    [--data-dir DIR] [--read-only] [--project ID] [--tools GROUPS]",
            "                    [--conformance-fixtures] [--audit-log FILE] [--operation-timeout SECONDS]",
            "",
            "  --local                  Use Lakebase Local (the embedded emulator) even if Databricks is configured.",
            "  --profile NAME           Use this ~/.databrickscfg profile. Without it and without DATABRICKS_HOST,",
            "                           the server runs on Lakebase Local.",
            "  --transport stdio|http   stdio (default) or Streamable HTTP at http://HOST:PORT/mcp.",
            "  --host H                 HTTP bind address (default 127.0.0.1). Any other address requires",
            "                           LAKEBASE_MCP_TOKEN, which clients then send as a bearer token.",
            "  --port N                 HTTP port (default 8080; 0 picks a free one).",
            "  --data-dir DIR           Lakebase Local's data and the audit log (default ~/.lakebase-mcp/local).",
            "  --read-only              List and run only tools that change nothing; SQL runs read-only.",
            "  --project ID             Confine every tool to this project.",
            "  --tools GROUPS           Comma-separated groups to offer: " + groupNames() + " (default all).",
            "  --conformance-fixtures   Add the fixture tools, prompts and resources of the MCP conformance suite.",
            "  --audit-log FILE         Where the JSON Lines audit log goes (default DATA_DIR/audit.jsonl).",
            "  --operation-timeout S    Seconds a tool waits for a long-running operation (default 300).",
            "  --help, --version");

    public static Options parse(String... args) {
        boolean local = false;
        String profile = null;
        Transport transport = Transport.STDIO;
        String host = "127.0.0.1";
        int port = 8080;
        Path dataDir = Paths.get(System.getProperty("user.home"), ".lakebase-mcp", "local");
        boolean readOnly = false;
        String project = null;
        Set<ToolGroup> groups = EnumSet.allOf(ToolGroup.class);
        boolean fixtures = false;
        Path audit = null;
        Duration opTimeout = Duration.ofSeconds(300);
        boolean help = false;
        boolean version = false;
        List<String> a = List.of(args);
        for (int i = 0; i < a.size(); i++) {
            String flag = a.get(i);
            String inline = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                inline = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            switch (flag) {
                case "--local" -> local = true;
                case "--read-only" -> readOnly = true;
                case "--conformance-fixtures" -> fixtures = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--profile" -> profile = nonEmpty(flag, inline != null ? inline : value(a, i++, flag));
                case "--transport" -> {
                    String v = inline != null ? inline : value(a, i++, flag);
                    transport = switch (v) {
                        case "stdio" -> Transport.STDIO;
                        case "http" -> Transport.HTTP;
                        default -> throw new IllegalArgumentException("--transport must be stdio or http, got '" + v + "'");
                    };
                }
                case "--host" -> host = nonEmpty(flag, inline != null ? inline : value(a, i++, flag));
                case "--port" -> port = intIn(flag, inline != null ? inline : value(a, i++, flag), 0, 65535);
                case "--data-dir" -> dataDir = Paths.get(nonEmpty(flag, inline != null ? inline : value(a, i++, flag)));
                case "--project" -> {
                    project = inline != null ? inline : value(a, i++, flag);
                    if (!ID.matcher(project).matches()) {
                        throw new IllegalArgumentException("--project must be a project id (1-63 lowercase letters, "
                                + "digits or hyphens, starting with a letter), got '" + project + "'");
                    }
                }
                case "--tools" -> {
                    String v = inline != null ? inline : value(a, i++, flag);
                    groups = EnumSet.noneOf(ToolGroup.class);
                    for (String g : v.split(",")) {
                        groups.add(ToolGroup.parse(g));
                    }
                }
                case "--audit-log" -> audit = Paths.get(nonEmpty(flag, inline != null ? inline : value(a, i++, flag)));
                case "--operation-timeout" -> opTimeout = Duration.ofSeconds(
                        intIn(flag, inline != null ? inline : value(a, i++, flag), 1, 86_400));
                default -> throw new IllegalArgumentException("unknown option '" + a.get(i) + "' (see --help)");
            }
        }
        if (local && profile != null) {
            throw new IllegalArgumentException("--local and --profile exclude each other: pick one");
        }
        return new Options(local, Optional.ofNullable(profile), transport, host, port, dataDir, readOnly,
                Optional.ofNullable(project), Set.copyOf(groups), fixtures, Optional.ofNullable(audit), opTimeout,
                help, version);
    }

    public Path auditLogPath() {
        return auditLog.orElse(dataDir.resolve("audit.jsonl"));
    }

    private static String value(List<String> a, int i, String flag) {
        if (i + 1 >= a.size() || a.get(i + 1).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return a.get(i + 1);
    }

    private static String nonEmpty(String flag, String v) {
        if (v.isBlank()) {
            throw new IllegalArgumentException(flag + " must not be empty");
        }
        return v;
    }

    private static int intIn(String flag, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + v + "'");
        }
    }

    private static String groupNames() {
        List<String> names = new ArrayList<>();
        for (ToolGroup g : ToolGroup.values()) {
            names.add(g.cliName());
        }
        return String.join(",", names);
    }
}
