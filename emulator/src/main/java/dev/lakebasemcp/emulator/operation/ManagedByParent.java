package dev.lakebasemcp.emulator.operation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakebasemcp.emulator.model.ApiError;
import dev.lakebasemcp.emulator.model.WireFormat;
import java.util.UUID;

/** The refusal for deleting what its parent manages (root branch, primary endpoint), with the real details. */
final class ManagedByParent {

    private ManagedByParent() {
    }

    static ApiError error(String message) {
        ArrayNode details = WireFormat.MAPPER.createArrayNode();
        ObjectNode info = details.addObject();
        info.put("@type", "type.googleapis.com/google.rpc.ErrorInfo");
        info.put("domain", "databricks.com");
        info.put("reason", "RESOURCE_CONFLICT");
        info.putObject("metadata").put("declarative_context", "MANAGED_BY_PARENT");
        ObjectNode request = details.addObject();
        request.put("@type", "type.googleapis.com/google.rpc.RequestInfo");
        request.put("request_id", UUID.randomUUID().toString());
        request.put("serving_data", "");
        return ApiError.badRequest(message).withDetails(details);
    }
}
