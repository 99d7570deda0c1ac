package dev.lakebasemcp.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * A refusal in Databricks' shape: HTTP status, {@code error_code}, {@code message}, optional {@code details}.
 * The SDK's ErrorMapper picks the exception class from the error code first, then the status, so both
 * must match what a workspace sends (research/lakebase-api.md section 2.6).
 */
public record ApiError(int status, String errorCode, String message, JsonNode details) {

    public ApiError {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 4xx or 5xx, got " + status);
        }
    }

    public static ApiError of(int status, String errorCode, String message) {
        return new ApiError(status, errorCode, message, null);
    }

    /** {@code Field 'x' is required, expected non-default value (not "")!} as the real API words it. */
    public static ApiError required(String field) {
        return of(400, "INVALID_PARAMETER_VALUE",
                "Field '" + field + "' is required, expected non-default value (not \"\")!");
    }

    public static ApiError invalid(String message) {
        return of(400, "INVALID_PARAMETER_VALUE", message);
    }

    public static ApiError badRequest(String message) {
        return of(400, "BAD_REQUEST", message);
    }

    /** {@code <kind> id not found [TraceId: ...]}: the real message carries a trace id. */
    public static ApiError notFound(String kind) {
        return of(404, "NOT_FOUND", kind + " id not found [TraceId: " + UUID.randomUUID() + "]");
    }

    public static ApiError alreadyExists(String message) {
        return of(409, "ALREADY_EXISTS", message);
    }

    public static ApiError internal(String message) {
        return of(500, "INTERNAL_ERROR", message);
    }

    public ApiError withDetails(JsonNode newDetails) {
        return new ApiError(status, errorCode, message, newDetails);
    }
}
