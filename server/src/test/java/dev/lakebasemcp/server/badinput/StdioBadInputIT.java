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
     * Known product bug: the SDK's StdioServerTransportProvider (2.1.0) stops reading stdin at the first line it
     * cannot deserialize as JSON-RPC: no error is sent, every later request goes unanswered, and the process no
     * longer ends when the client closes stdin. The fix belongs in server/transport (a frame check in front of the
     * SDK's reader that answers -32700/-32600 itself); enable this test with it.
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
