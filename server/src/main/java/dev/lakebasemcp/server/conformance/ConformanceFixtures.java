package dev.lakebasemcp.server.conformance;

import io.modelcontextprotocol.server.McpServer;

/**
 * The fixture tools, resources and prompts that the MCP conformance suite calls by fixed names. Added only
 * with --conformance-fixtures; never part of the product's catalog.
 */
public final class ConformanceFixtures {

    private ConformanceFixtures() {
    }

    public static <S extends McpServer.SyncSpecification<S>> void addTo(McpServer.SyncSpecification<S> spec) {
        // Being written: see the conformance issue note.
    }
}
