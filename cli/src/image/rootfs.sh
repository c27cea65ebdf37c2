#!/usr/bin/env bash
# Builds the directory Jib lays over the base image (see the `image` profile in cli/pom.xml).
#   rootfs.sh OUT BASE DATA_CSV
# Always: /etc/passwd and /etc/group with the unprivileged user the image runs as (1000,
# "beamline", home /tmp), a world-writable /tmp, and the taxi data at /opt/beamline/examples.
# When BASE is "scratch" (no registry needed): also a JRE made by jlink from this machine's JDK at
# /opt/java, and the shared libraries that JRE and TensorFlow's natives load, copied from this
# machine (glibc, libstdc++, libgcc_s, libz and the loader), found with ldd rather than listed by
# hand so a JDK or TensorFlow update brings what it needs.
set -euo pipefail
out="$1"; base="$2"; data="$3"
rm -rf "$out"
mkdir -p "$out/etc" "$out/tmp" "$out/opt/beamline/examples/data/taxi"
printf 'root:x:0:0:root:/root:/sbin/nologin\nbeamline:x:1000:1000:beamline:/tmp:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nbeamline:x:1000:\n' > "$out/etc/group"
cp "$data" "$out/opt/beamline/examples/data/taxi/"
[ "$base" = scratch ] || exit 0

# Modules: what Beam (java.beans lives in java.desktop), Hadoop's login (jdk.security.auth,
# java.security.jgss), sqlite-jdbc (java.sql), DataSketches (jdk.incubator.foreign) and the JMX
# and JFR hooks of the libraries need; jdeps cannot tell reflective uses, so the list is generous.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql
modules+=,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.incubator.foreign,jdk.jfr,jdk.management,jdk.net
modules+=,jdk.security.auth,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata
jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out/opt/java"

tf=$(mktemp -d)
trap 'rm -rf "$tf"' EXIT
jar=$(find "$HOME/.m2/repository/org/tensorflow/tensorflow-core-native" -name '*-linux-x86_64.jar' | sort | tail -1)
if [ -n "$jar" ]; then (cd "$tf" && unzip -q -o "$jar" '*.so*'); fi
# Every library the JRE's and TensorFlow's shared objects resolve to on this machine, but for the
# JRE's desktop ones (AWT, fonts, sound, images): java.desktop is here for java.beans, and a headless
# JVM never loads them.
libs=$( { find "$out/opt/java" "$tf" -name '*.so*' -type f | grep -Ev '/lib(awt|awt_xawt|awt_headless|jawt|fontmanager|splashscreen|jsound|lcms|javajpeg|mlib_image)\.so$' \
  | while read -r so; do ldd "$so" 2>/dev/null || true; done; } \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}' | sort -u)
for lib in $libs; do
  case "$lib" in "$out"*|"$tf"*) continue ;; esac
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
# glibc's own loader for dlopen'd libraries and the name service switch for user look-ups.
for extra in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$extra" ] && cp -L "$extra" "$out$extra"
done
