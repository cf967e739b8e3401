#!/usr/bin/env bash
# Makes sure the Debian packages Rampart needs are present: the Python runtime for playbooks
# (msal, requests, azure-identity/keyvault), the review tools (bandit, pyflakes3) and, with
# --browser, Chromium for the Playground end-to-end tests. As root with apt-get it installs what is missing; otherwise it
# prints the command to run and carries on (what needs the package then says so).
set -u
pkgs=(python3-msal python3-requests python3-azure bandit pyflakes3)
[ "${1:-}" = "--browser" ] && pkgs+=(chromium)
need=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
done
# Playbooks run as this unprivileged system user when Rampart runs as root (no read access to
# DATA_DIR or to Rampart's process); see src/playbooks/runner/sandbox.ts.
if [ "$(id -u)" = "0" ] && ! id rampart-playbook >/dev/null 2>&1; then
  if command -v useradd >/dev/null 2>&1; then
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin rampart-playbook ||
      echo "rampart: could not create the rampart-playbook user; playbooks will run as root" >&2
  else
    echo "rampart: no useradd; create a rampart-playbook system user so playbooks do not run as root" >&2
  fi
fi
[ "${#need[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "rampart: installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null) ||
    echo "rampart: could not install ${need[*]}; install them by hand" >&2
else
  echo "rampart: missing Debian packages: ${need[*]}. Install them with: sudo apt-get install -y ${need[*]}" >&2
fi
exit 0
