package dev.lakebasemcp.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.WireFormat;

/** An HTTP answer: a status and a JSON body. */
record Reply(int status, JsonNode body) {

    static Reply ok(JsonNode body) {
        return new Reply(200, body);
    }

    static Reply error(ApiError error) {
        return new Reply(error.status(), WireFormat.error(error));
    }
}
