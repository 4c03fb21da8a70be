# Sourced by run.sh and test.sh: installs what a fresh Debian machine with the .NET 10 SDK and Node 20 lacks.

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_prerequisites() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
  command -v npm >/dev/null || { echo "Node 20 with npm is required." >&2; exit 1; }
  # openssl 3 is the independent verifier of every signature the tests check.
  apt_install openssl
  # The treasury console's browser tests drive Debian's Chromium (Playwright's own browser download is not used);
  # a CJK font so the Chinese pages render (and screenshot) as text, not boxes.
  apt_install chromium fonts-wqy-zenhei
  # Azurite, pinned in package.json + package-lock.json.
  if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
  dotnet restore BankFunctions.sln -v quiet >/dev/null
}
