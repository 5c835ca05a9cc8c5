# Class-data sharing (AppCDS) for the driver JVM, sourced by ./submit. A JVM that maps an archive
# of the classes a command loaded skips reading, parsing and verifying them (Spark loads 10,000 to
# 20,000 classes before its first job). Java 17 writes such an archive at exit
# (-XX:ArchiveClassesAtExit): the first run of a command writes ARCHIVE.PID.tmp, the application
# marks it ARCHIVE.PID.tmp.ok when the command succeeded (see org.nndl.cli.Main), and the next
# start promotes it to ARCHIVE once that JVM has exited and a test JVM maps it. The archive's name
# carries archive_key: a new jar, class path or Java names a new archive and the old ones go.
# Tested by src/test/java/org/nndl/cli/ClassArchiveTest.java.

# archive_key FILE...: a checksum of the files' names, sizes and modification times and of the
# words in $ARCHIVE_KEY_EXTRA.
archive_key() {
  { stat -L -c '%n %s %Y' "$@"; printf '%s\n' "${ARCHIVE_KEY_EXTRA:-}"; } | cksum | cut -d' ' -f1
}

# class_archive DIR NAME KEY: sets CLASS_ARCHIVE_FLAGS to the JVM flags that map DIR/NAME-KEY.jsa,
# or, when there is none yet, that write it at exit. A finished dump is promoted only if
# archive_usable (defined by the caller) accepts it; archives of other keys are removed.
class_archive() {
  local dir=$1 name=$2 key=$3 archive tmp pid old
  archive="$dir/$name-$key.jsa"
  mkdir -p "$dir" 2>/dev/null || { CLASS_ARCHIVE_FLAGS=(); return; }
  for old in "$dir/$name"-*.jsa; do
    [ -e "$old" ] && [ "$old" != "$archive" ] && rm -f "$old"
  done
  for tmp in "$dir/$name"-*.jsa.*.tmp; do
    [ -e "$tmp" ] || continue
    pid=${tmp%.tmp}; pid=${pid##*.}
    kill -0 "$pid" 2>/dev/null && continue  # still running, or still writing its archive
    if [ "${tmp%.*.tmp}" = "$archive" ] && [ ! -e "$archive" ] && [ -f "$tmp.ok" ] && [ -s "$tmp" ] \
        && archive_usable "$tmp"; then
      mv -f "$tmp" "$archive"
    fi
    rm -f "$tmp" "$tmp.ok"
  done
  if [ -f "$archive" ]; then
    CLASS_ARCHIVE_FLAGS=(-XX:SharedArchiveFile="$archive")
  else
    CLASS_ARCHIVE_FLAGS=(-XX:ArchiveClassesAtExit="$archive.$$.tmp" -Dnndl.class-archive="$archive.$$.tmp")
  fi
  # Classes the archive cannot hold (signed jars) are skipped silently.
  CLASS_ARCHIVE_FLAGS+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
}
