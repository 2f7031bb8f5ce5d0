#!/bin/bash
# Writes the balancer's members (write-balancer-conf), then runs Apache in the
# foreground. The members come from the api link variables berth injects for
# `links: [api]`, unless berth has since reloaded this container
# (x-berth-reload in ../compose.yaml): then the file it wrote holds the
# members of the last reload, and the environment (fixed when the container
# was created) is out of date, e.g. after `berth restart web`.
set -euo pipefail

readonly links_file=/run/berth/links.env

if [ -f "$links_file" ]; then
  write-balancer-conf "$links_file"
else
  write-balancer-conf
fi

# envvars reads variables that may be unset.
set +u
# shellcheck disable=SC1091
. /etc/apache2/envvars
set -u
mkdir -p "$APACHE_RUN_DIR" "$APACHE_LOCK_DIR"
rm -f "$APACHE_PID_FILE"
exec apache2 -D FOREGROUND "$@"
