package dev.lakebasemcp.tools.catalog;

import static dev.lakebasemcp.tools.catalog.Schema.arrayOf;
import static dev.lakebasemcp.tools.catalog.Schema.bool;
import static dev.lakebasemcp.tools.catalog.Schema.enumOf;
import static dev.lakebasemcp.tools.catalog.Schema.id;
import static dev.lakebasemcp.tools.catalog.Schema.integer;
import static dev.lakebasemcp.tools.catalog.Schema.looseObject;
import static dev.lakebasemcp.tools.catalog.Schema.number;
import static dev.lakebasemcp.tools.catalog.Schema.object;
import static dev.lakebasemcp.tools.catalog.Schema.pattern;
import static dev.lakebasemcp.tools.catalog.Schema.string;

import dev.lakebasemcp.guardrails.risk.Risk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every tool the server offers, as the agent sees it. Handlers live elsewhere and are paired with these
 * by name at start; a test checks that every definition has one.
 */
public final class Catalog {

    /** Shared field descriptions: one wording everywhere. */
    public static final String PROJECT_ID = "Project id (lowercase letters, digits, hyphens; e.g. my-app). "
            + "Use list_projects only if you do not know it.";
    public static final String BRANCH_ID = "Branch id. Default: the project's default branch (production).";
    public static final String ENDPOINT_ID = "Endpoint (compute) id. Default: the branch's primary read-write endpoint.";
    public static final String CONFIRMATION = "Only when repeating a call that returned confirmation_required: the "
            + "token it gave. Never invent one.";
    public static final String TTL = "How long the branch lives before it is deleted automatically, as a number and "
            + "a unit: 90m, 4h, 2d, 3600s. At most 30 days. Typical: CI 2-4h, feature work 1-7d.";
    public static final String DESTRUCTIVE_NOTE = " Destructive: the server asks the person to confirm; never "
            + "call it on your own initiative.";

    private static final Map<String, Object> BACKEND = enumOf(
            "Which Lakebase answered: lakebase-local (the embedded emulator) or databricks (a workspace).",
            "lakebase-local", "databricks");

    private final List<ToolDefinition> tools;
    private final Map<String, ToolDefinition> byName;

    private Catalog(List<ToolDefinition> tools) {
        this.tools = List.copyOf(tools);
        Map<String, ToolDefinition> m = new LinkedHashMap<>();
        for (ToolDefinition t : tools) {
            if (m.put(t.name(), t) != null) {
                throw new IllegalStateException("duplicate tool " + t.name());
            }
        }
        this.byName = Map.copyOf(m);
    }

    public List<ToolDefinition> tools() {
        return tools;
    }

    public Optional<ToolDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The standard catalog. */
    public static Catalog standard() {
        List<ToolDefinition> t = new ArrayList<>();
        account(t);
        projects(t);
        branches(t);
        endpoints(t);
        databasesAndRoles(t);
        connect(t);
        dev.lakebasemcp.tools.query.SqlCatalog.define(t);
        return new Catalog(t);
    }

    /**
     * Tools whose risk is that of the SQL they carry, raised per call by the server's guard: they can need a
     * confirmation (a DROP through run_sql), so they take a confirmation_token too.
     */
    public static final Set<String> RISK_PER_CALL = Set.of("run_sql", "run_sql_transaction", "explain_sql");

    /** Builds a definition; tools that can need confirmation get the confirmation_token field. */
    public static ToolDefinition tool(String name, String title, ToolGroup group, Risk risk, boolean idempotent,
            String description, Schema.ObjectSchema input, Schema.ObjectSchema output) {
        if (risk == Risk.DESTRUCTIVE) {
            description = description + DESTRUCTIVE_NOTE;
        }
        if (risk == Risk.DESTRUCTIVE || RISK_PER_CALL.contains(name)) {
            input.optional("confirmation_token", string(CONFIRMATION, 2048));
        }
        output.required("backend", BACKEND).open();
        return new ToolDefinition(name, title, group, risk, idempotent, description, input.build(), output.build());
    }

    private static void account(List<ToolDefinition> t) {
        t.add(tool("whoami", "Who am I", ToolGroup.ACCOUNT, Risk.READ, true,
                "Shows the identity the server acts as, which Lakebase it talks to (Lakebase Local or a "
                        + "Databricks workspace) and the policy in force (read-only, project scope, tool groups). "
                        + "Call it when unsure where your actions land; not needed before every call.",
                object(),
                object().required("user", string("Databricks user name (e-mail) or service principal id."))
                        .optional("host", string("Workspace URL, or Lakebase Local's address."))
                        .optional("read_only", bool("Whether write tools are disabled."))
                        .optional("project_scope", string("The only project tools may touch, if set."))
                        .optional("tool_groups", arrayOf("Tool groups enabled.", string(null)))));
    }

    private static void projects(List<ToolDefinition> t) {
        Map<String, Object> project = looseObject("A project: project_id, display_name, pg_version, "
                + "default_branch, owner, create_time.");
        t.add(tool("list_projects", "List projects", ToolGroup.PROJECTS, Risk.READ, true,
                "Lists the Lakebase projects in the workspace (id, name, Postgres version, default branch). Use it "
                        + "to find a project id you do not know. Do not call it before create_project: creating "
                        + "needs no listing.",
                object().optional("max_results", integer("At most this many projects. Default 50.", 1, 500)),
                object().required("projects", arrayOf("Projects, oldest first.", project))
                        .optional("truncated", bool("More projects exist than max_results."))));
        t.add(tool("describe_project", "Describe project", ToolGroup.PROJECTS, Risk.READ, true,
                "Shows one project with its branches and their endpoints: the overview to read before working "
                        + "on a project. For one branch's detail use describe_branch.",
                object().required("project_id", id(PROJECT_ID)),
                object().required("project", project)
                        .optional("branches", arrayOf("Branches with their endpoints.", looseObject(null)))));
        t.add(tool("create_project", "Create project", ToolGroup.PROJECTS, Risk.WRITE, false,
                "Creates a Lakebase project. It comes with a production branch, the databricks_postgres database, "
                        + "an owner role for you and a primary read-write endpoint, ready to connect to "
                        + "(get_connection_string). Waits until it is ready (about a minute on Databricks, seconds "
                        + "on Lakebase Local). No need to list projects first.",
                object().required("project_id", id("New project id: 1-63 lowercase letters, digits or hyphens, "
                                + "starting with a letter (RFC 1123)."))
                        .optional("display_name", string("Human-readable name. Default: the id.", 256))
                        .optional("pg_version", integer("Postgres major version. Default 17.", 16, 17)),
                object().required("project", project)
                        .optional("default_branch", looseObject(null))
                        .optional("endpoint", looseObject(null))
                        .optional("operation", string("The operation's name, if still running."))));
        t.add(tool("update_project", "Update project", ToolGroup.PROJECTS, Risk.WRITE, true,
                "Renames a project or changes its default compute settings for new endpoints. Only the fields "
                        + "given change.",
                object().required("project_id", id(PROJECT_ID))
                        .optional("display_name", string("New human-readable name.", 256)),
                object().required("project", project)));
        t.add(tool("delete_project", "Delete project", ToolGroup.PROJECTS, Risk.DESTRUCTIVE, false,
                "Deletes a project with ALL its branches, endpoints, databases, roles and data. Only when the "
                        + "person asked for this project to be deleted.",
                object().required("project_id", id(PROJECT_ID)),
                object().required("deleted", string("The deleted project's name."))));
    }

    private static void branches(List<ToolDefinition> t) {
        Map<String, Object> branch = looseObject("A branch: branch_id, state, default, is_protected, "
                + "source_branch, expire_time, logical_size_bytes.");
        t.add(tool("list_branches", "List branches", ToolGroup.BRANCHES, Risk.READ, true,
                "Lists a project's branches with state, protection, parent and expiry.",
                object().required("project_id", id(PROJECT_ID)),
                object().required("branches", arrayOf("Branches.", branch))));
        t.add(tool("describe_branch", "Describe branch", ToolGroup.BRANCHES, Risk.READ, true,
                "Shows one branch with its endpoints, databases and roles.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID)),
                object().required("branch", branch)
                        .optional("endpoints", arrayOf("Endpoints.", looseObject(null)))
                        .optional("databases", arrayOf("Databases.", looseObject(null)))
                        .optional("roles", arrayOf("Roles.", looseObject(null)))));
        t.add(tool("create_branch", "Create branch", ToolGroup.BRANCHES, Risk.WRITE, false,
                "Creates an isolated copy-on-write branch of a parent branch's data (default: the production "
                        + "branch), with its own primary endpoint. Use it for migrations, tests and experiments "
                        + "instead of touching production. An expiry is required: give ttl, or no_expiry=true for "
                        + "a long-lived branch. At most 10 unarchived branches per project.",
                object().required("project_id", id(PROJECT_ID))
                        .required("branch_id", id("New branch id (RFC 1123), e.g. feature-login."))
                        .optional("source_branch_id", id("Parent branch. Default: the project's default branch."))
                        .optional("ttl", pattern(TTL, "^[1-9][0-9]{0,7}[smhd]$", 9))
                        .optional("no_expiry", bool("true for a branch that never expires (instead of ttl).")),
                object().required("branch", branch)
                        .optional("endpoint", looseObject(null))
                        .optional("operation", string("The operation's name, if still running."))));
        t.add(tool("update_branch", "Update branch", ToolGroup.BRANCHES, Risk.WRITE, true,
                "Protects or unprotects a branch, or changes its expiry. Only the fields given change. "
                        + "Unprotecting is needed before a protected branch can be deleted.",
                object().required("project_id", id(PROJECT_ID)).required("branch_id", id("Branch id."))
                        .optional("is_protected", bool("Protect (true) or unprotect (false)."))
                        .optional("ttl", pattern(TTL, "^[1-9][0-9]{0,7}[smhd]$", 9))
                        .optional("no_expiry", bool("true: never expire.")),
                object().required("branch", branch)));
        t.add(tool("reset_branch", "Reset branch", ToolGroup.BRANCHES, Risk.DESTRUCTIVE, false,
                "Replaces a branch's data with its parent's latest state: every change made on the branch is "
                        + "lost. Not possible for a root branch or a branch with children.",
                object().required("project_id", id(PROJECT_ID)).required("branch_id", id("Branch id.")),
                object().required("branch", branch)));
        t.add(tool("delete_branch", "Delete branch", ToolGroup.BRANCHES, Risk.DESTRUCTIVE, false,
                "Deletes a branch with its endpoints and data. The production (default) branch is never deleted; "
                        + "a protected branch must be unprotected first (update_branch); children go first.",
                object().required("project_id", id(PROJECT_ID)).required("branch_id", id("Branch id.")),
                object().required("deleted", string("The deleted branch's name."))));
    }

    private static void endpoints(List<ToolDefinition> t) {
        Map<String, Object> endpoint = looseObject("An endpoint (compute): endpoint_id, endpoint_type, state, "
                + "host, autoscaling_limit_min_cu, autoscaling_limit_max_cu, suspend_timeout.");
        Map<String, Object> minCu = number("Autoscaling minimum in compute units (0.5-32, steps of 0.5; "
                + "1 CU is about 2 GB RAM).", 0.5, 112);
        Map<String, Object> maxCu = number("Autoscaling maximum in compute units (max - min at most 16; "
                + "or a fixed size 36-112 with min = max).", 0.5, 112);
        Map<String, Object> suspend = integer("Seconds idle before the compute scales to zero (60-604800).",
                60, 604800);
        t.add(tool("list_endpoints", "List endpoints", ToolGroup.ENDPOINTS, Risk.READ, true,
                "Lists a branch's endpoints (computes) with type, state, host and size.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID)),
                object().required("endpoints", arrayOf("Endpoints.", endpoint))));
        t.add(tool("describe_endpoint", "Describe endpoint", ToolGroup.ENDPOINTS, Risk.READ, true,
                "Shows one endpoint: type, state, host, autoscaling range, suspend timeout.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .optional("endpoint_id", id(ENDPOINT_ID)),
                object().required("endpoint", endpoint)));
        t.add(tool("create_endpoint", "Create endpoint", ToolGroup.ENDPOINTS, Risk.WRITE, false,
                "Adds a compute to a branch. A branch has one read-write endpoint (created with it); add "
                        + "read_only endpoints as replicas for reporting or read scaling.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("endpoint_id", id("New endpoint id (RFC 1123), e.g. reporting."))
                        .optional("endpoint_type", enumOf("read_only (default) or read_write.", "read_only",
                                "read_write"))
                        .optional("min_cu", minCu).optional("max_cu", maxCu)
                        .optional("suspend_timeout_seconds", suspend)
                        .optional("no_suspension", bool("true: never scale to zero.")),
                object().required("endpoint", endpoint)
                        .optional("operation", string("The operation's name, if still running."))));
        t.add(tool("update_endpoint", "Update endpoint", ToolGroup.ENDPOINTS, Risk.WRITE, true,
                "Changes an endpoint's autoscaling range or scale-to-zero setting. Only the fields given change.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .optional("endpoint_id", id(ENDPOINT_ID))
                        .optional("min_cu", minCu).optional("max_cu", maxCu)
                        .optional("suspend_timeout_seconds", suspend)
                        .optional("no_suspension", bool("true: never scale to zero.")),
                object().required("endpoint", endpoint)));
        t.add(tool("delete_endpoint", "Delete endpoint", ToolGroup.ENDPOINTS, Risk.DESTRUCTIVE, false,
                "Deletes a read-only endpoint; clients connected to it are cut off. A branch's read-write "
                        + "endpoint cannot be deleted.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("endpoint_id", id("Endpoint id.")),
                object().required("deleted", string("The deleted endpoint's name."))));
    }

    private static void databasesAndRoles(List<ToolDefinition> t) {
        Map<String, Object> database = looseObject("A database: database_id, postgres_database, owner role.");
        Map<String, Object> role = looseObject("A role: role_id, postgres_role, identity_type, auth_method.");
        Map<String, Object> pgName = pattern("Postgres name: letters, digits, underscores, starting with a "
                + "letter or underscore, at most 63.", "^[A-Za-z_][A-Za-z0-9_]{0,62}$", 63);
        t.add(tool("list_databases", "List databases", ToolGroup.DATABASES, Risk.READ, true,
                "Lists a branch's Postgres databases and their owners.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID)),
                object().required("databases", arrayOf("Databases.", database))));
        t.add(tool("create_database", "Create database", ToolGroup.DATABASES, Risk.WRITE, false,
                "Creates a Postgres database on a branch, owned by a role of the branch (default: your own). "
                        + "Most apps can use databricks_postgres, which every branch has.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("database_name", pgName)
                        .optional("owner_role_id", id("Role id of the owner. Default: your own role.")),
                object().required("database", database)));
        t.add(tool("delete_database", "Delete database", ToolGroup.DATABASES, Risk.DESTRUCTIVE, false,
                "Drops a Postgres database and every table in it on one branch.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("database_id", id("Database resource id (list_databases), e.g. my-db.")),
                object().required("deleted", string("The deleted database's name."))));
        t.add(tool("list_roles", "List roles", ToolGroup.DATABASES, Risk.READ, true,
                "Lists a branch's Postgres roles (users, service principals, password roles).",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID)),
                object().required("roles", arrayOf("Roles.", role))));
        t.add(tool("create_role", "Create role", ToolGroup.DATABASES, Risk.WRITE, false,
                "Creates a Postgres role on a branch: for a Databricks user or service principal (logs in with "
                        + "generated credentials), or a plain Postgres role.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("role_id", id("Role resource id (RFC 1123), e.g. app-reader."))
                        .required("postgres_role", string("The Postgres role name: an e-mail for a user, an "
                                + "application id for a service principal, or a plain identifier.", 128))
                        .optional("identity_type", enumOf("user, service_principal or group; omit for a plain "
                                + "Postgres role.", "user", "service_principal", "group")),
                object().required("role", role)));
        t.add(tool("delete_role", "Delete role", ToolGroup.DATABASES, Risk.DESTRUCTIVE, false,
                "Drops a Postgres role on one branch; objects it owns must be reassigned or dropped first.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .required("role_id", id("Role resource id (list_roles).")),
                object().required("deleted", string("The deleted role's name."))));
    }

    private static void connect(List<ToolDefinition> t) {
        t.add(tool("get_connection_string", "Get connection string", ToolGroup.CONNECT, Risk.READ, true,
                "Gives what a client needs to connect to a branch: host, port, database, user, and a "
                        + "connection string as a URI, JDBC URL, psql command or environment variables, always "
                        + "with sslmode=require. The password is a short-lived credential; it is included only "
                        + "with include_password=true (otherwise use generate_database_credential).",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .optional("endpoint_id", id(ENDPOINT_ID))
                        .optional("database", pattern("Postgres database name. Default databricks_postgres.",
                                "^[A-Za-z_][A-Za-z0-9_]{0,62}$", 63))
                        .optional("format", enumOf("uri (default), jdbc, psql or env.", "uri", "jdbc", "psql", "env"))
                        .optional("include_password", bool("Put a fresh 1-hour credential in the string. "
                                + "Default false.")),
                object().required("host", string(null)).required("port", integer(null, 1, 65535))
                        .required("database", string(null)).required("user", string(null))
                        .required("connection_string", string(null))
                        .optional("password_expires", string(null))));
        t.add(tool("generate_database_credential", "Generate database credential", ToolGroup.CONNECT, Risk.WRITE,
                false,
                "Returns a short-lived password (an OAuth token, valid up to 1 hour) for your Postgres role on an "
                        + "endpoint. Treat it as a secret: do not print it in chat or commit it. Long-running "
                        + "clients must fetch a new one before it expires.",
                object().required("project_id", id(PROJECT_ID)).optional("branch_id", id(BRANCH_ID))
                        .optional("endpoint_id", id(ENDPOINT_ID))
                        .optional("ttl_seconds", integer("Lifetime, 300-3600 s. Default 3600.", 300, 3600)),
                object().required("token", string("The password.")).required("expire_time", string(null))
                        .required("user", string("The Postgres user to log in as."))));
    }
}
