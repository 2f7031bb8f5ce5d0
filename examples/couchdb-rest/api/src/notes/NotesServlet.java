package notes;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * /api/notes: GET lists, POST creates.
 * /api/notes/{id}: GET reads, PUT replaces title and body, DELETE removes.
 * A note sent is a JSON object {"title": string, "body": string} (PUT may
 * add "rev" to refuse, with 409, a change based on an older revision).
 */
public final class NotesServlet extends HttpServlet {
  @Override
  public void init() throws ServletException {
    try {
      NoteStore.get().ensure_database();
    } catch (NoteStore.Failure e) {
      log("notes database not ready yet (will retry on use): " + e.getMessage());
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    String id = path == null || path.equals("/") ? null : path.substring(1);
    if (id != null && id.contains("/")) {
      Responses.error(response, 404, "not_found", "no such resource");
      return;
    }
    String method = request.getMethod();
    try {
      if (id == null) {
        collection(method, request, response);
      } else {
        member(method, id, request, response);
      }
    } catch (NoteStore.Failure e) {
      Responses.error(response, e.status, e.error, e.getMessage());
    }
  }

  private void collection(String method, HttpServletRequest request, HttpServletResponse response)
      throws IOException, NoteStore.Failure {
    NoteStore store = NoteStore.get();
    switch (method) {
      case "GET":
        Responses.json(response, 200, store.list());
        return;
      case "POST": {
        Map<String, Object> fields = read_note(request);
        Map<String, Object> note = store.create(fields);
        response.setHeader("Location", request.getRequestURI() + "/" + note.get("id"));
        Responses.json(response, 201, note);
        return;
      }
      default:
        response.setHeader("Allow", "GET, POST");
        Responses.error(response, 405, "method_not_allowed", method + " /api/notes");
    }
  }

  private void member(String method, String id, HttpServletRequest request,
                      HttpServletResponse response) throws IOException, NoteStore.Failure {
    NoteStore store = NoteStore.get();
    switch (method) {
      case "GET":
        Responses.json(response, 200, store.find(id));
        return;
      case "PUT":
        Responses.json(response, 200, store.update(id, read_note(request)));
        return;
      case "DELETE":
        store.delete(id, request.getParameter("rev"));
        response.setStatus(204);
        return;
      default:
        response.setHeader("Allow", "GET, PUT, DELETE");
        Responses.error(response, 405, "method_not_allowed", method + " /api/notes/{id}");
    }
  }

  /** The request's note: an object whose "title" is a non-empty string and "body" a string. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> read_note(HttpServletRequest request)
      throws IOException, NoteStore.Failure {
    String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw new NoteStore.Failure(400, "bad_request", e.getMessage());
    }
    if (!(parsed instanceof Map)) {
      throw new NoteStore.Failure(400, "bad_request", "a note is a JSON object");
    }
    Map<String, Object> fields = (Map<String, Object>) parsed;
    Object title = fields.get("title");
    if (!(title instanceof String) || ((String) title).isBlank()) {
      throw new NoteStore.Failure(400, "bad_request", "\"title\" must be a non-empty string");
    }
    Object body = fields.get("body");
    if (body == null) {
      fields.put("body", "");
    } else if (!(body instanceof String)) {
      throw new NoteStore.Failure(400, "bad_request", "\"body\" must be a string");
    }
    return fields;
  }
}
