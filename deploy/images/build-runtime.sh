#!/usr/bin/env bash
# Assembles the runtime every Tadamon image is built on, without a Docker daemon or a registry:
# a Java runtime cut with jlink to the modules the services use, the few shared libraries it links
# (glibc, zlib, libgcc, libstdc++ from the build machine's Debian), an unprivileged user and /tmp.
# The result is a distroless-style root filesystem that Jib lays under each service's jar layers.
#
#   deploy/images/build-runtime.sh <output directory>
set -euo pipefail
out=${1:?usage: build-runtime.sh <output directory>}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

# jdeps over the services' jars, plus what they load by reflection: EC keys for TLS and JWT (jdk.crypto.ec),
# the JVM metrics (jdk.management), DNS lookups by JNDI (jdk.naming.dns), the HTTP client (java.net.http).
modules=java.base,java.compiler,java.desktop,java.management,java.naming,java.net.http,java.security.jgss,java.security.sasl,java.sql,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp"
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --compress=2 --output "$out/opt/java"
# jlink copies the JDK's cacerts link as a link into the build machine: keep the file itself.
if [ -L "$out/opt/java/lib/security/cacerts" ]; then
  cp --remove-destination "$(readlink -f "$out/opt/java/lib/security/cacerts")" "$out/opt/java/lib/security/cacerts"
fi

# java.desktop is there for java.beans, which libraries read annotations from; its imaging, sound and
# font libraries would only load for graphics, and would bring X11 with them: left out.
find "$out/opt/java/lib" \( -name 'libawt*' -o -name 'libsplashscreen.so' -o -name 'libjsound.so' \
  -o -name 'liblcms.so' -o -name 'libfontmanager.so' -o -name 'libjavajpeg.so' -o -name 'libmlib_image.so' \) -delete

# Every shared library the runtime's binaries and libraries need, at the path the loader looks for it.
{ echo "$out/opt/java/bin/java"; find "$out/opt/java" -name '*.so'; } | while read -r binary; do
  ldd "$binary" 2>/dev/null | awk '/=>/ { print $3 } /^\s*\/[^ ]*ld-linux/ { print $1 }'
done | grep '^/' | sort -u | while read -r library; do
  case "$library" in "$out"/*) continue ;; esac
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
done
# ldd names the dynamic loader too, at the path the binaries' interpreter field gives: copied above.
if ! ls "$out"/lib*/ld-linux* >/dev/null 2>&1; then
  echo "no dynamic loader found for $out/opt/java/bin/java" >&2
  exit 1
fi

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
tadamon:x:10001:10001:tadamon:/tmp:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
tadamon:x:10001:
GROUP
echo "runtime in $out: $(du -sh "$out" | cut -f1)"
