package notes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.Hashtable;
import javax.naming.Context;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * The name of the container this service runs in. A container does not know its
 * own name, but the engine's DNS server (127.0.0.11 on a project network)
 * answers a reverse lookup of the container's address with
 * "<container name>.<network name>". /etc/hosts maps the address to the
 * hostname (the short container ID) only, so the system resolver would not do.
 */
final class ContainerName {
  private static final String k_engine_dns = "dns://127.0.0.11";

  private ContainerName() {}

  /** The container's name, or null when no reverse lookup answers. */
  static String lookup() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            String name = reverse(address.getAddress());
            if (name != null) {
              return name;
            }
          }
        }
      }
    } catch (Exception e) {
      // No name: the caller falls back to the hostname.
    }
    return null;
  }

  private static String reverse(byte[] ip) throws Exception {
    String query = String.format("%d.%d.%d.%d.in-addr.arpa",
        ip[3] & 0xff, ip[2] & 0xff, ip[1] & 0xff, ip[0] & 0xff);
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, k_engine_dns);
    env.put("com.sun.jndi.dns.timeout.initial", "500");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext dns = new InitialDirContext(env);
    try {
      Attributes answer = dns.getAttributes(query, new String[] {"PTR"});
      Attribute ptr = answer.get("PTR");
      if (ptr == null || ptr.size() == 0) {
        return null;
      }
      // "couchdb-rest-api-2.couchdb-rest_default." -> "couchdb-rest-api-2"
      String fqdn = ptr.get(0).toString();
      if (fqdn.endsWith(".")) {
        fqdn = fqdn.substring(0, fqdn.length() - 1);
      }
      int network = fqdn.lastIndexOf('.');
      return network > 0 ? fqdn.substring(0, network) : fqdn;
    } finally {
      dns.close();
    }
  }
}
