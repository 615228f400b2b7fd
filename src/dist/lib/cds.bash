# Class-data sharing for both launchers (./backroute in the repository, bin/backroute in a release),
# sourced by them. The caller sets:
#   home   Backroute's folder (routes/ below it)
#   app    the java arguments that start the CLI (-jar …, or -cp … dev.backroute.cli.BackrouteCli)
#   built  the application jar: a newer one makes the archive stale
#   jsa    where the archive goes; none is made or used when its folder is not writable
# and, after prepare_cds, uses jit, quiet_cds and cds (empty when there is no usable archive).
#
# A class-data-sharing archive of the classes a backup loads, made once per build and per JDK: the JVM
# maps them instead of parsing and verifying ~7000 classes on every start (~0.5 s saved).

# The JDK's AES-GCM runs on AES-NI/CLMUL only once C2 has compiled its callers; Tink calls it once per
# 1 MB segment, too rarely for the default thresholds. This lowers them for the JDK's crypto provider
# alone (dev.backroute.crypto.GcmWarmup does the same by warming up when this flag is absent).
# Everything else compiles at 4x the default thresholds: a command's start runs thousands of methods a few
# hundred times each, which the JIT compiled for nothing (a one-file backup: ~2.7 CPU s -> ~1.9); the data
# paths' hot loops reach the higher thresholds within moments (docs/performance.md, Start-up), except the two
# that a repository backup of a few changed files spends its time in and that would otherwise run interpreted for
# a while: the JDK's SHA-2 (file digests, chunk ids) and the chunker's cut loop.
jit=(-XX:CompileCommand=quiet "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01"
     "-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01"
     "-XX:CompileCommand=CompileThresholdScaling,dev.backroute.repository.FastCdc::*,0.01"
     -XX:CompileThresholdScaling=4)
# CDS diagnostics must never reach stdout (--json); an unusable archive just means a slower start.
quiet_cds=(-Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off:stderr -Xlog:cds+dynamic=off:stderr)

jdk_identity() { # the archive is only valid for the JDK build that wrote it
  local java_bin; java_bin="$(readlink -f "$(command -v java)")"
  echo "$java_bin $(stat -c '%s %Y' "$java_bin" "$(dirname "$java_bin")/../lib/server/libjvm.so" 2>/dev/null | tr '\n' ' ')"
}

# A damaged archive (a disk that filled up while it was written) crashes the JVM instead of being
# ignored, so a new one is only installed once a JVM has started with it.
usable_cds() {
  ( java -Xshare:on -XX:SharedArchiveFile="$1" -XX:ErrorFile=/dev/null "${quiet_cds[@]}" "${app[@]}" --version ) >/dev/null 2>&1
}

# Throwaway encrypted backups of one file, an archive (gzip) and a repository (zstd) one, with their
# read-back validation, in a temporary folder: they load what backup, validate and recover load (Camel,
# the routes, Tink, the codecs, tar, the repository's chunker, packs and index).
train_cds() {
  # Tried for this build and JDK, whatever the outcome: a failed training is not repeated on every command.
  rm -f "$jsa"
  jdk_identity > "$jsa.jdk"
  local t; t="$(mktemp -d)" || return 0
  # Ctrl-C or SIGTERM during the training: no temporary folder left behind, and the command is not run.
  trap 'rm -rf "$t" "$jsa.$$"; exit 130' INT TERM
  mkdir "$t/data" && printf 'movie_id,title\n1,Heat\n' > "$t/data/movies.csv"
  cat > "$t/config.json" <<JSON
{ "backup_dir": "$t/backups",
  "backup_types": { "data_files": { "compression": "gzip", "encrypt": true, "source": { "paths": ["$t/data"] } },
                    "repository_files": { "kind": "files", "format": "repository", "compression": "zstd", "encrypt": true,
                                          "source": { "paths": ["$t/data"] } } },
  "storage": { "local": { "type": "local", "path": "$t/backups/store" } },
  "encryption": { "keyset_file": "$t/keyset.json" } }
JSON
  java "${quiet_cds[@]}" "${app[@]}" keygen --out "$t/keyset.json" >/dev/null 2>&1 \
    && java "${jit[@]}" "${quiet_cds[@]}" -XX:ArchiveClassesAtExit="$jsa.$$" -Dbackroute.log.dir="$t/logs" \
         -Dbackroute.home="$home" "${app[@]}" backup --config "$t/config.json" --type all --force >/dev/null 2>&1 \
    && usable_cds "$jsa.$$" && mv -f "$jsa.$$" "$jsa" || true
  rm -rf "$t" "$jsa.$$"
  trap - INT TERM
}

prepare_cds() {
  cds=()
  if [ "${BACKROUTE_CDS:-on}" != off ] && [ -w "$(dirname "$jsa")" ]; then
    if [ ! -f "$jsa.jdk" ] || [ "$jsa.jdk" -ot "$built" ] || [ "$(cat "$jsa.jdk")" != "$(jdk_identity)" ]; then
      echo "backroute: preparing a class-data archive for faster start-up (once per build)..." >&2
      # A training that cannot write (a full disk) means a slower start, never a command that does not run.
      train_cds || true
    fi
    [ -f "$jsa" ] && [ ! "$jsa" -ot "$built" ] && cds=(-XX:SharedArchiveFile="$jsa")
  fi
  return 0
}
