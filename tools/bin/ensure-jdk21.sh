#!/usr/bin/env bash
# Finds or installs a JDK 21 and prints its JAVA_HOME on stdout (progress goes to stderr).
#
# Order: $JAVA_HOME if it is 21; a system JDK 21 under /usr/lib/jvm; Debian 13+: apt-get install openjdk-21-jdk-headless;
# Debian 12: a private copy of Debian 13's JDK 21 under $OPENBSD_PBR_CACHE (default ~/.cache/openbsd-pbr), nothing
# installed system-wide. Debian 12's glibc is too old for that JDK (it needs GLIBC_2.38), so the private copy carries
# Debian 13's glibc too and every JDK binary is started through that glibc's dynamic loader by a small wrapper script.
# Idempotent: a finished private copy is marked with a stamp file and reused.
set -euo pipefail

log() { printf '[jdk21] %s\n' "$*" >&2; }

is_jdk21() { # $1 = a JAVA_HOME
  [ -x "$1/bin/javac" ] || return 1
  "$1/bin/java" -version 2>&1 | head -n1 | grep -Eq 'version "21(\.|")'
}

if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then echo "$JAVA_HOME"; exit 0; fi
for d in /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*21*; do
  [ -d "$d" ] && is_jdk21 "$d" && { echo "$d"; exit 0; }
done

cache=${OPENBSD_PBR_CACHE:-$HOME/.cache/openbsd-pbr}
private=$cache/jdk21
if [ -f "$private/.complete" ] && is_jdk21 "$private/home"; then echo "$private/home"; exit 0; fi

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ "$codename" != "bookworm" ] && apt-cache policy openjdk-21-jdk-headless 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  log "installing openjdk-21-jdk-headless with apt ($codename)"
  as_root apt-get install -y -q openjdk-21-jdk-headless >&2
  is_jdk21 /usr/lib/jvm/java-21-openjdk-amd64 && { echo /usr/lib/jvm/java-21-openjdk-amd64; exit 0; }
fi
if [ "$codename" != "bookworm" ]; then
  log "apt has no openjdk-21-jdk-headless here; trying apt-get update once"
  as_root apt-get update -q >&2 || true
  if apt-cache policy openjdk-21-jdk-headless 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    as_root apt-get install -y -q openjdk-21-jdk-headless >&2
    is_jdk21 /usr/lib/jvm/java-21-openjdk-amd64 && { echo /usr/lib/jvm/java-21-openjdk-amd64; exit 0; }
  fi
fi

log "no JDK 21 on this machine: building a private copy of Debian 13's JDK 21 in $private (nothing is installed system-wide)"
rm -rf "$private"
mkdir -p "$private"/apt/lists/partial "$private"/apt/cache/archives/partial "$private"/debs "$private"/root
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { log "missing $keyring (package debian-archive-keyring)"; exit 1; }
mirror=${OPENBSD_PBR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
echo "deb [signed-by=$keyring] $mirror trixie main" > "$private/apt/sources.list"
: > "$private/apt/status"
aptopts=(-o "Dir::Etc::SourceList=$private/apt/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
  -o "Dir::State::Lists=$private/apt/lists" -o "Dir::Cache=$private/apt/cache" -o "Dir::State::status=$private/apt/status"
  -o "APT::Architecture=amd64" -o "Debug::NoLocking=1" -o "Acquire::Languages=none" -o "APT::Sandbox::User=root")
log "fetching the trixie package index (private apt configuration)"
apt-get "${aptopts[@]}" -q update >&2
pkgs=(openjdk-21-jre-headless openjdk-21-jdk-headless libc6 libstdc++6 libgcc-s1 zlib1g)
log "downloading ${pkgs[*]}"
(cd "$private/debs" && apt-get "${aptopts[@]}" -q download "${pkgs[@]}" >&2)
for deb in "$private"/debs/*.deb; do dpkg -x "$deb" "$private/root"; done

root=$private/root
real=$root/usr/lib/jvm/java-21-openjdk-amd64
[ -x "$real/bin/java" ] || { log "the unpacked JDK has no bin/java"; exit 1; }
loader=$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
[ -e "$loader" ] || loader=$root/lib64/ld-linux-x86-64.so.2
libpath="$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu:$real/lib:$real/lib/server"

# The JDK's links into /etc/java-21-openjdk must point at the private copy of those files.
while IFS= read -r link; do
  target=$(readlink "$link")
  case "$target" in
    /etc/java-21-openjdk/*) ln -sfn "$root$target" "$link" ;;
  esac
done < <(find "$real" -type l)
# cacerts: Debian's ca-certificates-java store, or the one of any other installed JDK.
if [ ! -e "$real/lib/security/cacerts" ]; then
  for c in /etc/ssl/certs/java/cacerts /usr/lib/jvm/*/lib/security/cacerts; do
    [ -s "$c" ] && { ln -sfn "$(readlink -f "$c")" "$real/lib/security/cacerts"; break; }
  done
fi

# Wrap every ELF executable of the JDK (bin/* and lib/jspawnhelper) so that it runs through the private loader.
wrap() { # $1 = path of an ELF executable inside $real
  local f=$1 hidden
  hidden="$(dirname "$f")/.$(basename "$f").real"
  mv "$f" "$hidden"
  cat > "$f" <<WRAP
#!/bin/sh
exec "$loader" --library-path "$libpath" "$hidden" "\$@"
WRAP
  chmod 755 "$f"
}
for f in "$real"/bin/* "$real/lib/jspawnhelper"; do
  [ -f "$f" ] && [ ! -L "$f" ] && head -c4 "$f" | grep -q 'ELF' && wrap "$f"
done
ln -sfn "$real" "$private/home"
is_jdk21 "$private/home" || { log "the private JDK does not run"; "$private/home/bin/java" -version >&2 || true; exit 1; }
rm -rf "$private/debs" "$private/apt/cache"
touch "$private/.complete"
log "ready: $private/home ($("$private/home/bin/java" -version 2>&1 | head -n1))"
echo "$private/home"
