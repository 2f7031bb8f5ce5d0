package notes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for this service: parse() gives Map (objects, in order),
 * List, String, Long or Double, Boolean and null; write() is the reverse.
 */
final class Json {
  private final String m_text;
  private int m_pos;

  private Json(String text) {
    m_text = text;
  }

  static Object parse(String text) {
    Json parser = new Json(text);
    parser.skipSpace();
    Object value = parser.value();
    parser.skipSpace();
    if (parser.m_pos != text.length()) {
      throw parser.error("unexpected text after the value");
    }
    return value;
  }

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      quote((String) value, out);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List) {
      out.append('[');
      boolean first = true;
      for (Object item : (List<?>) value) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(item, out);
      }
      out.append(']');
    } else {
      quote(value.toString(), out);
    }
  }

  private static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); ++i) {
      char c = text.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at offset " + m_pos + ": " + what);
  }

  private void skipSpace() {
    while (m_pos < m_text.length() && " \t\r\n".indexOf(m_text.charAt(m_pos)) >= 0) {
      ++m_pos;
    }
  }

  private Object value() {
    if (m_pos >= m_text.length()) {
      throw error("unexpected end");
    }
    char c = m_text.charAt(m_pos);
    switch (c) {
      case '{': return object();
      case '[': return array();
      case '"': return string();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "'");
    }
  }

  private Object literal(String word, Object value) {
    if (!m_text.startsWith(word, m_pos)) {
      throw error("expected " + word);
    }
    m_pos += word.length();
    return value;
  }

  private Object number() {
    int start = m_pos;
    while (m_pos < m_text.length() && "+-0123456789.eE".indexOf(m_text.charAt(m_pos)) >= 0) {
      ++m_pos;
    }
    String text = m_text.substring(start, m_pos);
    try {
      if (text.contains(".") || text.contains("e") || text.contains("E")) {
        return Double.parseDouble(text);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw error("bad number " + text);
    }
  }

  private void expect(char c) {
    skipSpace();
    if (m_pos >= m_text.length() || m_text.charAt(m_pos) != c) {
      throw error("expected '" + c + "'");
    }
    ++m_pos;
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    expect('{');
    skipSpace();
    if (m_pos < m_text.length() && m_text.charAt(m_pos) == '}') {
      ++m_pos;
      return map;
    }
    while (true) {
      skipSpace();
      if (m_pos >= m_text.length() || m_text.charAt(m_pos) != '"') {
        throw error("expected a key");
      }
      String key = string();
      expect(':');
      skipSpace();
      map.put(key, value());
      skipSpace();
      if (m_pos < m_text.length() && m_text.charAt(m_pos) == ',') {
        ++m_pos;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    expect('[');
    skipSpace();
    if (m_pos < m_text.length() && m_text.charAt(m_pos) == ']') {
      ++m_pos;
      return list;
    }
    while (true) {
      skipSpace();
      list.add(value());
      skipSpace();
      if (m_pos < m_text.length() && m_text.charAt(m_pos) == ',') {
        ++m_pos;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    ++m_pos;  // the opening quote
    StringBuilder out = new StringBuilder();
    while (m_pos < m_text.length()) {
      char c = m_text.charAt(m_pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (m_pos >= m_text.length()) {
        break;
      }
      char e = m_text.charAt(m_pos++);
      switch (e) {
        case '"': case '\\': case '/': out.append(e); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u':
          if (m_pos + 4 > m_text.length()) {
            throw error("short \\u escape");
          }
          try {
            out.append((char) Integer.parseInt(m_text.substring(m_pos, m_pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          m_pos += 4;
          break;
        default:
          throw error("bad escape \\" + e);
      }
    }
    throw error("unterminated string");
  }
}
