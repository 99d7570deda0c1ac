// A stdio "MCP server" that does nothing: it answers initialize, tools/list and every tools/call with a constant
// result shaped like run_sql's answer to SELECT 1, with no database and no MCP library. bench/floor.mjs runs it
// (`java Constant.java`, single-file source) to measure what the client, the pipes and a JVM cost on their own.
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

public class Constant {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        String line;
        while ((line = in.readLine()) != null) {
            int at = line.indexOf("\"id\":");
            if (at < 0) {
                continue; // a notification
            }
            int end = at + 5;
            while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
                end++;
            }
            String result;
            if (line.contains("\"initialize\"")) {
                result = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"constant\",\"version\":\"1\"}}";
            } else if (line.contains("\"tools/list\"")) {
                result = "{\"tools\":[{\"name\":\"run_sql\",\"inputSchema\":{\"type\":\"object\"}}]}";
            } else {
                result = "{\"content\":[{\"type\":\"text\",\"text\":\"SELECT: 1 row\"}],\"structuredContent\":"
                        + "{\"columns\":[{\"name\":\"?column?\",\"type\":\"int4\"}],\"rows\":[[1]]}}";
            }
            out.write(("{\"jsonrpc\":\"2.0\",\"id\":" + line.substring(at + 5, end) + ",\"result\":" + result + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
