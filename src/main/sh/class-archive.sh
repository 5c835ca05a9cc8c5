# Class-data sharing (AppCDS) for the driver JVM, sourced by ./submit. A JVM that maps an archive
# of the classes a command loads skips reading, parsing and verifying them (Spark loads 10,000 to
# 20,000 classes before its first job).
#
# The first run of a command lists the classes it loads (-XX:DumpLoadedClassList, which costs the
# run almost nothing) and the application marks the list LIST.ok when the command succeeded (see
# org.nndl.cli.Main). A builder started beside that run waits for the JVM to exit and then, in
# the background, turns a marked list into an archive (a static dump, archive_dump) and keeps it
# once a test JVM maps it (archive_usable); both functions are defined by the caller. Until the
# archive is there, runs go without one; no run waits for it. The file ARCHIVE.lock holds the pid
# of the run or builder at work, so two first runs at once do not both build. The archive's name
# carries archive_key: a new jar, class path or Java names a new archive and the old files go.
# Tested by src/test/java/org/nndl/cli/ClassArchiveTest.java.

# archive_key FILE...: a checksum of the files' names, sizes and modification times and of the
# words in $ARCHIVE_KEY_EXTRA.
archive_key() {
  { stat -L -c '%n %s %Y' "$@"; printf '%s\n' "${ARCHIVE_KEY_EXTRA:-}"; } | cksum | cut -d' ' -f1
}

# class_archive DIR NAME KEY: sets CLASS_ARCHIVE_FLAGS to the JVM flags that map DIR/NAME-KEY.jsa;
# when there is none and nobody is building it, to the flags that list this run's classes, and
# starts the builder (class_archive_start_build) for this process, which then execs the JVM.
class_archive() {
  local dir=$1 name=$2 key=$3 archive old holder
  archive="$dir/$name-$key.jsa"
  CLASS_ARCHIVE_FLAGS=()
  mkdir -p "$dir" 2>/dev/null || return 0
  for old in "$dir/$name"-*; do
    [ -e "$old" ] && [ "${old#"$archive"}" = "$old" ] && rm -f "$old"
  done
  if [ -f "$archive" ]; then
    CLASS_ARCHIVE_FLAGS=(-XX:SharedArchiveFile="$archive")
  else
    holder=$(cat "$archive.lock" 2>/dev/null || true)
    if [ -n "$holder" ] && kill -0 "$holder" 2>/dev/null; then return 0; fi  # being listed or built
    rm -f "$archive.lock"
    (set -o noclobber; echo $$ > "$archive.lock") 2>/dev/null || return 0   # another run was quicker
    for old in "$archive".*; do [ "$old" = "$archive.lock" ] || rm -f "$old"; done  # a dead run's or builder's
    CLASS_ARCHIVE_FLAGS=(-XX:DumpLoadedClassList="$archive.$$.classlist" -Dnndl.class-archive="$archive.$$.classlist")
    class_archive_start_build "$archive" $$
  fi
  # Classes an archive cannot hold (signed jars, say) are left out silently.
  CLASS_ARCHIVE_FLAGS+=(-Xlog:cds=off)
}

# class_archive_start_build ARCHIVE PID: class_archive_build in a background process of its own
# session, which outlives this shell and ignores the terminal's signals; it sees the caller's
# archive_dump and archive_usable and the variables named in $CLASS_ARCHIVE_VARS.
class_archive_start_build() {
  local defs
  defs="$(declare -f class_archive_build archive_dump archive_usable)"
  [ -z "${CLASS_ARCHIVE_VARS:-}" ] || defs="$(declare -p $CLASS_ARCHIVE_VARS); $defs"
  setsid bash -c "$defs; class_archive_build \"\$@\"" build "$1" "$2" < /dev/null > /dev/null 2>&1 &
}

# class_archive_build ARCHIVE PID: waits for PID (the run listing its classes) to exit, then, if
# the run marked its list, dumps ARCHIVE from it; the list, its mark and the lock go either way.
class_archive_build() {
  local archive=$1 pid=$2 list="$1.$2.classlist" tmp="$1.$BASHPID.tmp"
  tail --pid="$pid" -f /dev/null
  echo "$BASHPID" > "$archive.lock"
  if [ -f "$list.ok" ] && [ -s "$list" ] && archive_dump "$list" "$tmp" && [ -s "$tmp" ] \
      && archive_usable "$tmp"; then
    mv -f "$tmp" "$archive"
  fi
  rm -f "$tmp" "$list" "$list.ok" "$archive.lock"
}
