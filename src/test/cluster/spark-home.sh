#!/usr/bin/env bash
# spark-home.sh DIR: an installed Spark of the line target/ was built for, made of the
# Maven-resolved jars (target/spark-classpath.txt, linked into DIR/jars) and a bin/spark-submit
# that does what a Spark distribution's bin/spark-class does: Spark's own launcher library
# (org.apache.spark.launcher.Main) builds the java command of SparkSubmit, with the class path
# DIR/conf:DIR/jars/* and the Java 17 module flags, and the script runs it. Nothing is downloaded.
# Used to try --packages and --jars as on a platform's Spark (docs/clusters.md#spark-lines).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cp_file="$REPO/target/spark-classpath.txt" record="$REPO/target/nndl-build.properties"
[ -s "$cp_file" ] && [ -s "$record" ] || { echo "error: build first (mvn -DskipTests package)" >&2; exit 2; }
scala=$(sed -n 's/^scala.binary.version=//p' "$record")
dir=$1
rm -rf "$dir/jars" "$dir/bin" "$dir/conf"
mkdir -p "$dir/jars" "$dir/bin" "$dir/conf"
tr ':' '\n' < "$cp_file" | while IFS= read -r jar || [ -n "$jar" ]; do [ -z "$jar" ] || ln -s "$jar" "$dir/jars/"; done  # the file has no final newline
cp "$REPO/conf/log4j2.properties" "$dir/conf/"
sed -n 's/^spark.version=//p' "$record" > "$dir/RELEASE"
cat > "$dir/bin/spark-submit" <<SCRIPT
#!/usr/bin/env bash
# Spark's SparkSubmit through Spark's launcher library, as a distribution's bin/spark-class runs it.
set -euo pipefail
export SPARK_HOME="\$(cd "\$(dirname "\${BASH_SOURCE[0]}")/.." && pwd)" SPARK_SCALA_VERSION=$scala
# The launcher prints its messages, a line holding a NUL, then the command's words, each ended by a NUL.
cmd=() delim=\$'\n' started=no
while IFS= read -r -d "\$delim" arg; do
  if [ \$started = yes ]; then cmd+=("\$arg")
  elif [ -z "\$arg" ]; then started=yes delim=''
  else echo "\$arg"; fi
done < <(java -Xmx128m -cp "\$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "\$@")
[ \${#cmd[@]} -gt 0 ] || exit 1
exec "\${cmd[@]}"
SCRIPT
chmod +x "$dir/bin/spark-submit"
echo "$dir: Spark $(cat "$dir/RELEASE") (Scala $scala), $(ls "$dir/jars" | wc -l) jars"
