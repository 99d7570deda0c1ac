package dev.lakebasemcp.tools.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakebasemcp.guardrails.risk.Risk;
import dev.lakebasemcp.tools.Handlers;
import dev.lakebasemcp.tools.call.ToolHandler;
import dev.lakebasemcp.tools.lakebase.Lakebase;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Holds the catalog together: every definition has a handler, valid schemas and honest annotations. */
class CatalogTest {

    private final Catalog catalog = Catalog.standard();

    @Test
    void everyToolHasAHandlerAndEveryHandlerATool() {
        Lakebase unused = new Lakebase(Lakebase.Kind.LOCAL, () -> {
            throw new AssertionError("building handlers must not reach Lakebase");
        });
        Map<String, ToolHandler> handlers = Handlers.create(unused, Map.of(), Duration.ofSeconds(1)).byName();
        Set<String> names = new HashSet<>();
        for (ToolDefinition t : catalog.tools()) {
            names.add(t.name());
            assertTrue(handlers.containsKey(t.name()), "no handler for " + t.name());
        }
        assertEquals(names, handlers.keySet());
    }

    @Test
    void issueThreeToolsAreAllThere() {
        for (String n : List.of("whoami", "list_projects", "describe_project", "create_project", "update_project",
                "delete_project", "list_branches", "describe_branch", "create_branch", "update_branch", "reset_branch",
                "delete_branch", "list_endpoints", "describe_endpoint", "create_endpoint", "update_endpoint",
                "delete_endpoint", "list_databases", "create_database", "delete_database", "list_roles", "create_role",
                "delete_role", "get_connection_string", "generate_database_credential")) {
            assertTrue(catalog.find(n).isPresent(), n);
        }
    }

    @Test
    void issueFiveToolsAreAllThere() {
        for (String n : List.of("run_sql", "run_sql_transaction", "explain_sql", "list_tables", "describe_table",
                "compare_schemas", "prepare_migration", "complete_migration")) {
            assertTrue(catalog.find(n).isPresent(), n);
        }
        assertEquals(Risk.READ, catalog.find("compare_schemas").orElseThrow().risk());
        assertEquals(Risk.WRITE, catalog.find("prepare_migration").orElseThrow().risk());
        assertEquals(Risk.DESTRUCTIVE, catalog.find("complete_migration").orElseThrow().risk());
    }

    @Test
    void schemasAreValidJsonSchemaAndInputsAreClosed() {
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
        for (ToolDefinition t : catalog.tools()) {
            assertTrue(validator.validateSchema(t.inputSchema()).valid(), t.name() + " input schema");
            assertTrue(validator.validateSchema(t.outputSchema()).valid(), t.name() + " output schema");
            assertEquals(false, t.inputSchema().get("additionalProperties"), t.name() + " must reject unknown fields");
            assertEquals("object", t.inputSchema().get("type"));
        }
    }

    @Test
    void unknownFieldsAndWrongTypesFailValidation() {
        JsonSchemaValidator validator = McpJsonDefaults.getSchemaValidator();
        Map<String, Object> schema = catalog.find("create_branch").orElseThrow().inputSchema();
        assertTrue(validator.validate(schema, Map.of("project_id", "p", "branch_id", "dev", "ttl", "4h")).valid());
        assertFalse(validator.validate(schema, Map.of("project_id", "p", "branch_id", "dev", "bogus", 1)).valid());
        assertFalse(validator.validate(schema, Map.of("project_id", 7, "branch_id", "dev")).valid());
        assertFalse(validator.validate(schema, Map.of("project_id", "Bad_Id", "branch_id", "dev")).valid());
        assertFalse(validator.validate(schema, Map.of("project_id", "p", "branch_id", "dev", "ttl", "forever")).valid());
    }

    @Test
    void destructiveToolsTakeAConfirmationTokenAndSaySo() {
        int destructive = 0;
        for (ToolDefinition t : catalog.tools()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> props = (Map<String, Object>) t.inputSchema().get("properties");
            if (t.risk() == Risk.DESTRUCTIVE) {
                destructive++;
                assertTrue(props.containsKey("confirmation_token"), t.name());
                assertTrue(t.description().contains("confirm"), t.name());
                assertTrue(t.destructive() && !t.readOnly());
            } else {
                assertEquals(Catalog.RISK_PER_CALL.contains(t.name()), props.containsKey("confirmation_token"), t.name());
            }
        }
        assertEquals(7, destructive); // issue 3's six and complete_migration
    }

    @Test
    void descriptionsRouteTheAgent() {
        assertTrue(catalog.find("create_project").orElseThrow().description().contains("No need to list projects"));
        for (ToolDefinition t : catalog.tools()) {
            assertTrue(t.description().length() > 40, t.name() + " description too thin");
            assertTrue(t.description().length() < 700, t.name() + " description too long for every tools/list");
        }
    }
}
