# The web page: shows where the link variables say db is, and (through a CGI
# script) what db answers there on each request.
mkdir -p /www/cgi-bin
cat > /www/index.html <<HTML
<h1>Hello from berth</h1>
<p>db is at ${DB_PORT_5984_TCP_ADDR}:${DB_PORT_5984_TCP_PORT}
(from DB_PORT_5984_TCP_ADDR and DB_PORT_5984_TCP_PORT).</p>
<p><a href="/cgi-bin/db">ask db</a></p>
HTML
cat > /www/cgi-bin/db <<CGI
#!/bin/sh
echo "Content-Type: application/json"
echo
wget -qO- http://${DB_PORT_5984_TCP_ADDR}:${DB_PORT_5984_TCP_PORT}/
CGI
chmod +x /www/cgi-bin/db
httpd -p 8080 -h /www
trap 'exit 0' TERM
sleep 2147483647 & wait
