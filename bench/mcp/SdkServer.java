import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** The official SDK's stdio server with the five fss tool shapes, each answering a fixed text. */
public class SdkServer {
  public static void main(String[] args) throws Exception {
    var transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper());
    var spec = McpServer.sync(transport).serverInfo("fss", "0.1.0")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build());
    for (String name : List.of("search_history", "list_sessions", "restore_session", "diff_checkpoints", "save_checkpoint")) {
      var tool = McpSchema.Tool.builder().name(name).description("d")
          .inputSchema(Map.of("type", "object", "properties", Map.of("query", Map.of("type", "string")))).build();
      spec.toolCall(tool, (ex, req) -> McpSchema.CallToolResult.builder()
          .content(List.of(new McpSchema.TextContent("No recoverable sessions."))).isError(false).build());
    }
    McpSyncServer server = spec.build();
    Thread.currentThread().join();
  }
}
