# A stand-in database: answers one JSON document over HTTP on port 5984 and
# counts its starts in the named volume /data, which survives recreation.
count=$(cat /data/starts 2>/dev/null || echo 0)
count=$((count + 1))
echo "$count" > /data/starts
mkdir -p /srv
echo "{\"db\": \"$DB_GREETING\", \"starts\": $count}" > /srv/index.html
httpd -p 5984 -h /srv
trap 'exit 0' TERM
sleep 2147483647 & wait
