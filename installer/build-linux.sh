#!/usr/bin/env bash
# Builds the Linux desktop application with jpackage (JDK 17):
#   installer/build-linux.sh            app-image: target/installer/Auscult/bin/Auscult
#   installer/build-linux.sh deb        also a .deb (needs fakeroot; depends on libgtk-3-0)
# The image bundles a trimmed Java runtime, the jars (ND4J's native oneDNN/AVX2 binary is the
# bulk: ~200-290 MB in all) and the demo samples/, so the workbench opens on the demo.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$home/target/installer"
input="$out/input"
# The project's own <version> is the first one in the pom.
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$home/pom.xml" | head -n 1)"
app_version="${version%%-*}"   # jpackage wants digits and dots only

cd "$home"
mvn -B -q -Dstyle.color=never -DskipTests package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$input"
rm -rf "$out/Auscult" "$input/samples" "$input/auscult.jar"
mkdir -p "$input"
cp "target/auscult-$version.jar" "$input/auscult.jar"
cp -r samples "$input/samples"

common=(
  --name Auscult
  --app-version "$app_version"
  --vendor "Auscult"
  --description "Acoustic anomaly detection that explains itself"
  --input "$input"
  --main-jar auscult.jar
  --main-class io.auscult.ui.WorkbenchLauncher
  --arguments --demo
  --java-options "-Xmx2g -XX:+UseParallelGC -Dauscult.home=\$APPDIR"
  --add-launcher "auscult-cli=$home/installer/linux/cli-launcher.properties"
  --dest "$out"
)
# ND4J needs jdk.unsupported (sun.misc.Unsafe) and java.management; JavaFX is on the class path.
modules="java.base,java.desktop,java.logging,java.management,java.naming,java.prefs,java.scripting,java.sql,java.xml,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.crypto.ec"

# jpackage puts every jar of input/ (flat) on the launcher's class path.
jpackage --type app-image "${common[@]}" --add-modules "$modules"
du -sh "$out/Auscult"
echo "app-image: $out/Auscult/bin/Auscult  (CLI: $out/Auscult/bin/auscult-cli)"

if [[ "${1:-}" == "deb" ]]; then
  command -v fakeroot >/dev/null || { echo "a .deb needs fakeroot: apt-get install fakeroot" >&2; exit 2; }
  jpackage --type deb --app-image "$out/Auscult" --name Auscult --app-version "$app_version" \
    --linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group "Science" --dest "$out"
  ls -la "$out"/*.deb
fi
