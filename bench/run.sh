#!/usr/bin/env bash
# Backroute throughput benchmark: Backroute against the equivalent shell pipelines, backup and
# restore, side by side in one run. See docs/performance.md.
#
#   bench/run.sh [--size MB] [--dir DIR] [--runs N] [--out FILE_PREFIX] [--only gzip,zstd,none]
#
# --size  data set size in MB (10^6 bytes), default 1000; half CSV/JSON text, half float32 vectors,
#         generated from fixed seeds (bench/DataGen.java) under DIR/data, reused when already there
# --dir   working folder, default /tmp/backroute-bench (needs ~3x the data set size free)
# --runs  best of N for every measurement (default 1)
# --out   results prefix, default bench/results/latest (writes .md and .csv)
#
#   bench/run.sh --daily [--size MB] [--dir DIR] [--out FILE_PREFIX] [--only repository,archive,restic,borg]
#
# --daily daily backups (issue 14, bench/daily.sh): the data set backed up once a day for six days,
#         each of days 2..6 after rewriting 2 % of its bytes and adding an 8 MB file (fixed seeds:
#         java bench/DataGen.java --churn), then the last backup restored and compared with the source,
#         file by file; by Backroute (repository and archive formats, zstd -3, encrypted), restic and
#         BorgBackup (installed with apt-get when missing), each on its own copy of the data set.
#         --size defaults to 553, --dir to /tmp/backroute-bench-daily (needs ~7x the size free),
#         --only picks tools; writes FILE_PREFIX-daily.md and .csv. One measurement per command.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$home/bench/run.sh"; }
case " $* " in *" --daily "*) exec "$home/bench/daily.sh" "$@" ;; esac
source "$home/bench/lib.bash"
size=1000
dir=/tmp/backroute-bench
runs=1
out="$home/bench/results/latest"
only="gzip,zstd,none"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

for tool in tar gzip pigz zstd openssl sha256sum /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y pigz zstd openssl time)" >&2; exit 2; }
done

data="$dir/data"
work="$dir/work"
mkdir -p "$dir" "$(dirname "$out")"

# (a) the data set, reproducible: same seeds, same bytes
dataset "$dir" "$size"
bytes=$(du -sb "$data" | cut -f1)

# (b) the jar, built once
"$home/backroute" --version >/dev/null

# Keys: a Backroute keyset, and a passphrase for openssl (the shell baseline's cost is the same with any
# key), passed through the environment so that it is not on a command line.
rm -rf "$work"; mkdir -p "$work"
"$home/backroute" keygen --out "$work/keyset.json" >/dev/null
export BENCH_PASS="bench-$(date +%s)"
enc="openssl enc -aes-256-ctr -pbkdf2 -pass env:BENCH_PASS"
dec="openssl enc -d -aes-256-ctr -pbkdf2 -pass env:BENCH_PASS"

config() { # compression level validate_after_backup -> config file
  local c="$1" level="$2" validate="$3" f="$work/config-$1-$3.json" lvl=""
  [ "$c" != none ] && lvl="\"compression_level\": $level,"
  cat > "$f" <<JSON
{ "backup_dir": "$work/backroute",
  "backup_types": { "data_files": { "compression": "$c", $lvl "encrypt": true, "source": { "paths": ["$data"] } } },
  "storage": { "local": { "type": "local", "path": "$work/backroute/store" } },
  "encryption": { "keyset_file": "$work/keyset.json" },
  "operations": { "validate_after_backup": $validate } }
JSON
  echo "$f"
}

declare -A STORED
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Shell pipelines. "secure" ones do what a Backroute backup does besides compressing: encrypt, and
# hash what is stored (one SHA-256, where Backroute computes two); the others only what their name says.
shell_backup() { # NAME COMPRESSOR(or "") secure|plain FILE
  local name="$1" comp="$2" mode="$3" f="$4" cmd="tar -cf - -C '$data' ."
  [ -n "$comp" ] && cmd+=" | $comp"
  if [ "$mode" = secure ]; then cmd+=" | $enc | tee >(sha256sum > '$f.sha') > '$f'"; else cmd+=" > '$f'"; fi
  PREP="rm -f '$f' '$f.sha'"
  measure "$name" "$cmd; sync '$f'"
}
shell_restore() { # NAME DECOMPRESSOR(or "") secure|plain FILE
  local name="$1" comp="$2" mode="$3" f="$4" cmd
  if [ "$mode" = secure ]; then cmd="tee >(sha256sum > /dev/null) < '$f' | $dec"; else cmd="cat '$f'"; fi
  [ -n "$comp" ] && cmd+=" | $comp"
  PREP="rm -rf '$restore'; mkdir -p '$restore'"
  measure "$name" "$cmd | tar -xf - -C '$restore'"
}

br="$home/backroute"
sh="$work/shell"
restore="$work/restore"
tiny="$work/tiny"
mkdir -p "$tiny/data"; echo "startup probe" > "$tiny/data/probe.txt"
rows=()
row() { rows+=("$1|$2|$3|$4"); } # op|compression|backroute-name|baseline-name

echo "data set: $bytes bytes in $(find "$data" -type f | wc -l) files; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); best of $runs" >&2
for c in ${only//,/ }; do
  # Per compression: the Backroute level; the single-threaded compressor of the issue's baseline (gzip
  # only); the multi-threaded one, with the names of its rows; "secure" rows also encrypt and hash.
  single=""; unsingle=""
  case "$c" in
    gzip) level=6; single="gzip -6"; unsingle="gzip -d"; par="pigz -6"; unpar="pigz -d"
          secure_b="tar|pigz -6|openssl|sha256sum"; plain_b="tar|pigz -6"
          secure_r="sha256sum|openssl -d|pigz -d|tar -x"; plain_r="pigz -d|tar -x" ;;
    zstd) level=3; par="zstd -q -3 -T0"; unpar="zstd -q -d"
          secure_b="tar|zstd -3 -T0|openssl|sha256sum"; plain_b="tar|zstd -3 -T0"
          secure_r="sha256sum|openssl -d|zstd -d|tar -x"; plain_r="zstd -d|tar -x" ;;
    none) level=0; par=""; unpar=""
          secure_b="tar|openssl|sha256sum"; plain_b="tar|openssl enc"
          secure_r="sha256sum|openssl -d|tar -x"; plain_r="openssl -d|tar -x" ;;
    *) echo "unknown compression $c" >&2; exit 2 ;;
  esac
  cfg=$(config "$c" "$level" false)
  cfg_validating=$(config "$c" "$level" true)
  echo "== $c" >&2
  # Backroute's fixed cost per command (JVM, Camel, catalog): a backup and a restore of one small file.
  sed "s#\"$data\"#\"$tiny/data\"#; s#$work/backroute#$tiny/backroute#g" "$cfg" > "$tiny/config.json"
  PREP="rm -rf '$tiny/backroute'"
  measure "startup backup $c" "'$br' backup --config '$tiny/config.json' --type data_files --force"
  PREP="rm -rf '$tiny/restore'"
  measure "startup restore $c" "'$br' recover --config '$tiny/config.json' --backup-path data_files:latest --destination '$tiny/restore'"

  # Backup. Backroute: tar + content SHA-256 + compression + AES-256-GCM + stored SHA-256 + fsync;
  # then the same with the default read-back validation of what was stored (validate_after_backup).
  PREP="rm -rf '$work/backroute'"
  measure "backroute backup $c" "'$br' backup --config '$cfg' --type data_files --force"
  measure "backroute backup+validate $c" "'$br' backup --config '$cfg_validating' --type data_files --force"
  stored=$(find "$work/backroute/store" -name "data_files_*.tar*" ! -name "*.manifest.json" | head -1)
  STORED[$c]=$(stat -c %s "$stored")
  if [ -n "$single" ]; then
    shell_backup "tar|gzip -6|openssl|sha256sum" "$single" secure "$sh.single"
    row backup "$c" "backroute backup $c" "tar|gzip -6|openssl|sha256sum"
  fi
  shell_backup "$secure_b" "$par" secure "$sh.secure"
  row backup "$c" "backroute backup $c" "$secure_b"
  row backup "$c" "backroute backup+validate $c" "$secure_b"
  if [ "$c" = none ]; then shell_backup "$plain_b" "$enc" plain "$sh.plain"; else shell_backup "$plain_b" "$par" plain "$sh.plain"; fi
  row backup "$c" "backroute backup $c" "$plain_b"
  echo "  stored by Backroute: ${STORED[$c]} bytes ($(basename "$stored"))" >&2

  # Restore. Backroute: read + stored SHA-256 + decrypt + decompress + content SHA-256 + untar, verified.
  PREP="rm -rf '$restore'"
  measure "backroute restore $c" "'$br' recover --config '$cfg' --backup-path data_files:latest --destination '$restore'"
  if [ -n "$single" ]; then
    shell_restore "sha256sum|openssl -d|gunzip|tar -x" "$unsingle" secure "$sh.single"
    row restore "$c" "backroute restore $c" "sha256sum|openssl -d|gunzip|tar -x"
  fi
  shell_restore "$secure_r" "$unpar" secure "$sh.secure"
  row restore "$c" "backroute restore $c" "$secure_r"
  if [ "$c" = none ]; then shell_restore "$plain_r" "$dec" plain "$sh.plain"; else shell_restore "$plain_r" "$unpar" plain "$sh.plain"; fi
  row restore "$c" "backroute restore $c" "$plain_r"
  PREP=""
  rm -rf "$restore" "$sh".* "$work/backroute" "$tiny/backroute" "$tiny/restore"
done

# Report: every measurement, then the ratios the issue's targets are about. "net" subtracts the
# fixed cost of starting a Backroute command (measured on a one-file backup/restore just before).
mbs() { awk "BEGIN{printf \"%.1f\", $bytes / 1e6 / $1}"; }
{
  echo "# Backroute benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Data set: $((bytes / 1000000)) MB ($(find "$data" -type f | wc -l) files, half CSV/JSON text, half float32 vectors), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average before the run: $load_before, best of $runs. Backroute encrypts (AES-256-GCM) and digests (SHA-256 of plaintext and of stored bytes) in every row; \`backup\` rows skip the read-back validation (\`validate_after_backup: false\`), \`backup+validate\` rows do it (the default). Shell pipelines do what their name says: those with \`openssl|sha256sum\` encrypt and hash what they store, the others do not."
  echo
  echo "| operation | compression | Backroute MB/s | net of startup MB/s | CPU s | peak RSS MB | shell pipeline | shell MB/s | CPU s | peak RSS MB | ratio | net ratio |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
  for r in "${rows[@]}"; do
    IFS='|' read -r op c name base <<< "$r"
    startup=${WALL["startup $op $c"]}
    net=$(awk "BEGIN{x = ${WALL[$name]} - $startup; print (x > 0.01 ? x : 0.01)}")
    ratio=$(awk "BEGIN{printf \"%.2f\", ${WALL[$base]} / ${WALL[$name]}}")
    netratio=$(awk "BEGIN{printf \"%.2f\", ${WALL[$base]} / $net}")
    label=${name#backroute }; label=${label% "$c"}
    echo "| $label | $c | $(mbs "${WALL[$name]}") | $(mbs "$net") | ${CPU[$name]} | $((RSS[$name] / 1024)) | \`$base\` | $(mbs "${WALL[$base]}") | ${CPU[$base]} | $((RSS[$base] / 1024)) | ${ratio}x | ${netratio}x |"
  done
  echo
  echo "Backroute startup (one-file backup / restore, wall s): $(for c in ${only//,/ }; do printf '%s %s / %s; ' "$c" "${WALL["startup backup $c"]}" "${WALL["startup restore $c"]}"; done)"
  echo "Stored sizes (Backroute, encrypted): $(for c in ${only//,/ }; do printf '%s %s bytes; ' "$c" "${STORED[$c]}"; done)"
} > "$out.md"
{
  echo "measurement,wall_s,mb_per_s,cpu_s,peak_rss_kb"
  for name in "${ORDER[@]}"; do
    rate=$(mbs "${WALL[$name]}"); [[ "$name" == startup* ]] && rate=""
    echo "\"$name\",${WALL[$name]},$rate,${CPU[$name]},${RSS[$name]}"
  done
} > "$out.csv"
cat "$out.md"
echo >&2
echo "written: $out.md $out.csv" >&2
