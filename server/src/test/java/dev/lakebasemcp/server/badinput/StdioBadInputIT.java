package dev.lakebasemcp.server.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input over stdio, raw lines to one server process. */
class StdioBadInputIT extends BadInputContract {

    private RawStdio stdio;

    @Override
    void open() throws Exception {
        stdio = RawStdio.start();
    }

    @Override
    JsonNode call(String body, String id) throws Exception {
        return stdio.call(body, id);
    }

    @Override
    void shut() throws Exception {
        if (stdio != null) {
            stdio.close();
        }
    }

    static java.util.List<String> frames() {
        return BadCalls.malformedFrames();
    }

    /**
     * A line that is not a JSON-RPC message gets a JSON-RPC error, before any later line is read (the transport
     * checks frames in the order read), and the server goes on serving: the SDK's own stdio transport stopped
     * reading at the first such line.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    @Order(3)
    void answersAMalformedFrameWithAJsonRpcErrorAndKeepsServing(String frame) throws Exception {
        int before = stdio.errors.size();
        stdio.send(frame);
        assertServing();
        assertEquals(before + 1, stdio.errors.size(), "no JSON-RPC error for: " + frame);
    }

    @Test
    @Order(4)
    void keptStdoutForFramesOnly() {
        assertEquals(java.util.List.of(), stdio.garbage);
    }
}
