package dev.lakebasemcp.tools.shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A result column: its name and its Postgres type as the server names it ({@code int4}, {@code text[]}). */
public record Column(String name, String type) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("type", type);
        return m;
    }
}
