#!/bin/bash
# Writes one balancer member per api container from the link variables berth
# injects for `links: [api]` (API_1_PORT_8080_TCP_ADDR, API_2_..., one set per
# container, as fig did), then runs Apache in the foreground.
set -euo pipefail

readonly conf=/etc/apache2/api-balancer.conf

members=()
while IFS='=' read -r name addr; do
  number=${name#API_}
  number=${number%%_*}
  port_var="API_${number}_PORT_8080_TCP_PORT"
  members+=("http://${addr}:${!port_var:-8080}")
done < <(env | grep -E '^API_[0-9]+_PORT_8080_TCP_ADDR=' | sort -t _ -k 2,2n)

# A plain link to a single container without numbered variables: use the alias's.
if [ ${#members[@]} -eq 0 ] && [ -n "${API_PORT_8080_TCP_ADDR:-}" ]; then
  members+=("http://${API_PORT_8080_TCP_ADDR}:${API_PORT_8080_TCP_PORT:-8080}")
fi
if [ ${#members[@]} -eq 0 ]; then
  echo "entrypoint: no api link variables (API_1_PORT_8080_TCP_ADDR, ...); is web linked to api?" >&2
  exit 1
fi

{
  echo "# Written by $0 at $(date -u +%FT%TZ) from the api link variables."
  echo '<Proxy "balancer://api">'
  for member in "${members[@]}"; do
    # retry=5: a member that refused a connection is skipped for 5 s, its
    # request going to another member meanwhile.
    echo "    BalancerMember \"${member}\" connectiontimeout=2 timeout=30 retry=5"
  done
  echo '    ProxySet lbmethod=byrequests'
  echo '</Proxy>'
} >"$conf"
echo "entrypoint: ${#members[@]} api balancer member(s): ${members[*]}"

# envvars reads variables that may be unset.
set +u
# shellcheck disable=SC1091
. /etc/apache2/envvars
set -u
mkdir -p "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR"
rm -f "$APACHE_PID_FILE"
exec apache2 -D FOREGROUND "$@"
