package notes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notes as couchdb documents in the database "notes", which is created the
 * first time it is needed. A note as the API shows it:
 * {"id", "rev", "title", "body", "created", "updated"}.
 */
final class NoteStore {
  static final String k_database = "notes";

  /** A failure with the HTTP status and error the API answers with. */
  static final class Failure extends Exception {
    final int status;
    final String error;

    Failure(int status, String error, String reason) {
      super(reason);
      this.status = status;
      this.error = error;
    }
  }

  private static final NoteStore s_instance = new NoteStore();
  private final CouchDb m_couch = new CouchDb();
  private volatile boolean m_database_ready = false;

  static NoteStore get() {
    return s_instance;
  }

  String couchdb() {
    return m_couch.describe();
  }

  /** Creates the database unless it exists (412 from couchdb). */
  void ensure_database() throws Failure {
    if (m_database_ready) {
      return;
    }
    CouchDb.Reply reply = call("PUT", "/" + k_database, null);
    if (reply.status != 201 && reply.status != 202 && reply.status != 412) {
      throw couch_error(reply);
    }
    m_database_ready = true;
  }

  List<Map<String, Object>> list() throws Failure {
    ensure_database();
    CouchDb.Reply reply = call("GET", "/" + k_database + "/_all_docs?include_docs=true", null);
    if (reply.status != 200) {
      throw couch_error(reply);
    }
    List<Map<String, Object>> notes = new ArrayList<>();
    Object rows = ((Map<?, ?>) reply.body).get("rows");
    for (Object row : (List<?>) rows) {
      Object doc = ((Map<?, ?>) row).get("doc");
      if (doc instanceof Map && !String.valueOf(((Map<?, ?>) doc).get("_id")).startsWith("_")) {
        notes.add(to_note((Map<?, ?>) doc));
      }
    }
    notes.sort(Comparator.comparing(n -> String.valueOf(n.get("created"))));
    return notes;
  }

  Map<String, Object> find(String id) throws Failure {
    ensure_database();
    return to_note(load(id));
  }

  Map<String, Object> create(Map<String, Object> fields) throws Failure {
    ensure_database();
    Map<String, Object> doc = new LinkedHashMap<>();
    String now = Instant.now().toString();
    doc.put("type", "note");
    doc.put("title", fields.get("title"));
    doc.put("body", fields.get("body"));
    doc.put("created", now);
    doc.put("updated", now);
    CouchDb.Reply reply = call("POST", "/" + k_database, doc);
    if (reply.status != 201 && reply.status != 202) {
      throw couch_error(reply);
    }
    Map<?, ?> saved = (Map<?, ?>) reply.body;
    doc.put("_id", saved.get("id"));
    doc.put("_rev", saved.get("rev"));
    return to_note(doc);
  }

  /** Replaces title and body; with a "rev" in fields only if it is still current. */
  Map<String, Object> update(String id, Map<String, Object> fields) throws Failure {
    ensure_database();
    Map<String, Object> doc = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : load(id).entrySet()) {
      doc.put(String.valueOf(entry.getKey()), entry.getValue());
    }
    if (fields.get("rev") instanceof String) {
      doc.put("_rev", fields.get("rev"));
    }
    doc.put("title", fields.get("title"));
    doc.put("body", fields.get("body"));
    doc.put("updated", Instant.now().toString());
    CouchDb.Reply reply = call("PUT", doc_path(id), doc);
    if (reply.status != 201 && reply.status != 202) {
      throw couch_error(reply);
    }
    doc.put("_rev", ((Map<?, ?>) reply.body).get("rev"));
    return to_note(doc);
  }

  void delete(String id, String rev) throws Failure {
    ensure_database();
    String current = rev != null ? rev : String.valueOf(load(id).get("_rev"));
    CouchDb.Reply reply =
        call("DELETE", doc_path(id) + "?rev=" + CouchDb.segment(current), null);
    if (reply.status != 200 && reply.status != 202) {
      throw couch_error(reply);
    }
  }

  private Map<?, ?> load(String id) throws Failure {
    if (id.isEmpty() || id.startsWith("_")) {
      throw new Failure(404, "not_found", "no note " + id);
    }
    CouchDb.Reply reply = call("GET", doc_path(id), null);
    if (reply.status == 404) {
      throw new Failure(404, "not_found", "no note " + id);
    }
    if (reply.status != 200) {
      throw couch_error(reply);
    }
    return (Map<?, ?>) reply.body;
  }

  private static String doc_path(String id) {
    return "/" + k_database + "/" + CouchDb.segment(id);
  }

  private CouchDb.Reply call(String method, String path, Object body) throws Failure {
    try {
      return m_couch.call(method, path, body);
    } catch (CouchDb.Unavailable e) {
      m_database_ready = false;
      throw new Failure(503, "couchdb_unavailable", e.getMessage());
    }
  }

  private Failure couch_error(CouchDb.Reply reply) {
    String reason = "couchdb answered " + reply.status;
    if (reply.body instanceof Map) {
      Map<?, ?> body = (Map<?, ?>) reply.body;
      reason += ": " + body.get("error") + " (" + body.get("reason") + ")";
    }
    if (reply.status == 404) {
      m_database_ready = false;  // the database may have been deleted
      return new Failure(404, "not_found", reason);
    }
    if (reply.status == 409) {
      return new Failure(409, "conflict", reason);
    }
    return new Failure(502, "couchdb_error", reason);
  }

  private static Map<String, Object> to_note(Map<?, ?> doc) {
    Map<String, Object> note = new LinkedHashMap<>();
    note.put("id", doc.get("_id"));
    note.put("rev", doc.get("_rev"));
    note.put("title", doc.get("title"));
    note.put("body", doc.get("body"));
    note.put("created", doc.get("created"));
    note.put("updated", doc.get("updated"));
    return note;
  }
}
