package notes;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/health: 200 once couchdb answers and the notes database exists, else 503. */
public final class HealthServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    NoteStore store = NoteStore.get();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instance", Responses.k_instance);
    body.put("couchdb", store.couchdb());
    try {
      store.ensure_database();
      body.put("status", "ok");
      Responses.json(response, 200, body);
    } catch (NoteStore.Failure e) {
      body.put("status", "unavailable");
      body.put("reason", e.getMessage());
      Responses.json(response, 503, body);
    }
  }
}
