package notes;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Every response names the container that served it: X-Instance: <container name>. */
public final class InstanceFilter extends HttpFilter {
  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
                          FilterChain chain) throws IOException, ServletException {
    response.setHeader("X-Instance", Responses.k_instance);
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
