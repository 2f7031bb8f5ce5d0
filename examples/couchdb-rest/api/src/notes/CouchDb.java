package notes;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The couchdb server, found only through the link variables berth (or fig, or
 * docker's legacy links) inject: COUCHDB_PORT_5984_TCP_ADDR and _PORT. When the
 * couchdb container has COUCHDB_USER and COUCHDB_PASSWORD (Apache CouchDB 3's
 * image requires an admin), the link carries them as COUCHDB_ENV_COUCHDB_USER
 * and COUCHDB_ENV_COUCHDB_PASSWORD and requests use them (basic auth).
 */
final class CouchDb {
  /** One answer of couchdb: the HTTP status and the parsed JSON body. */
  static final class Reply {
    final int status;
    final Object body;

    Reply(int status, Object body) {
      this.status = status;
      this.body = body;
    }
  }

  /** couchdb could not be reached (or is not linked). */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private final String m_base;  // http://addr:port, or null when not linked
  private final String m_authorization;  // "Basic ...", or null
  private final HttpClient m_client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  CouchDb() {
    String addr = System.getenv("COUCHDB_PORT_5984_TCP_ADDR");
    String port = System.getenv("COUCHDB_PORT_5984_TCP_PORT");
    m_base = addr == null || addr.isEmpty()
        ? null
        : "http://" + addr + ":" + (port == null || port.isEmpty() ? "5984" : port);
    String user = System.getenv("COUCHDB_ENV_COUCHDB_USER");
    String password = System.getenv("COUCHDB_ENV_COUCHDB_PASSWORD");
    m_authorization = user == null || user.isEmpty()
        ? null
        : "Basic " + Base64.getEncoder().encodeToString(
              (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
  }

  /** Where couchdb is, for messages: its URL or why there is none. */
  String describe() {
    return m_base != null ? m_base : "not linked (COUCHDB_PORT_5984_TCP_ADDR is unset)";
  }

  static String segment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Reply call(String method, String path, Object body) throws Unavailable {
    if (m_base == null) {
      throw new Unavailable("couchdb is " + describe());
    }
    HttpRequest.BodyPublisher publisher = body == null
        ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8);
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(m_base + path))
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .method(method, publisher);
    if (m_authorization != null) {
      builder.header("Authorization", m_authorization);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response =
          m_client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String text = response.body();
      Object parsed = text == null || text.isBlank() ? null : Json.parse(text);
      return new Reply(response.statusCode(), parsed);
    } catch (IOException | IllegalArgumentException e) {
      throw new Unavailable("couchdb at " + m_base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted");
    }
  }
}
