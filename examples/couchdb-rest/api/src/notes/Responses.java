package notes;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON answers, and the name of this instance for the X-Instance header. */
final class Responses {
  static final String k_instance = instance_name();

  private Responses() {}

  /** The container's name (see ContainerName), else its hostname (the short container ID). */
  private static String instance_name() {
    String name = ContainerName.lookup();
    if (name != null) {
      return name;
    }
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isEmpty()) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static void json(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  static void error(HttpServletResponse response, int status, String error, String reason)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("reason", reason);
    body.put("instance", k_instance);
    json(response, status, body);
  }
}
