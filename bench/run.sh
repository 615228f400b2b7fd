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
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
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
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
if [ "$(cat "$dir/data.size" 2>/dev/null)" != "$size" ]; then
  echo "generating ${size} MB data set in $data ..." >&2
  rm -rf "$data"
  java "$home/bench/DataGen.java" "$data" "$size"
  echo "$size" > "$dir/data.size"
fi
bytes=$(du -sb "$data" | cut -f1)

# (b) the jar, built once
"$home/backroute" --version >/dev/null

# Keys: a Backroute keyset, and a passphrase for openssl (the shell baseline's cost is the same with any key).
rm -rf "$work"; mkdir -p "$work"
"$home/backroute" keygen --out "$work/keyset.json" >/dev/null
pass="bench-$(date +%s)"

config() { # compression level -> config file
  local c="$1" level="$2" f="$work/config-$1.json" lvl=""
  [ "$c" != none ] && lvl="\"compression_level\": $level,"
  cat > "$f" <<JSON
{ "backup_dir": "$work/backroute",
  "backup_types": { "data_files": { "compression": "$c", $lvl "encrypt": true, "source": { "paths": ["$data"] } } },
  "storage": { "local": { "type": "local", "path": "$work/backroute/store" } },
  "encryption": { "keyset_file": "$work/keyset.json" } }
JSON
  echo "$f"
}

# measure NAME CMD...: best of $runs by wall time; records wall, cpu (user+sys), peak RSS (KB, largest process)
declare -A WALL CPU RSS STORED
ORDER=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure() {
  local name="$1"; shift
  local best="" i
  for ((i = 0; i < runs; i++)); do
    [ -n "${PREP:-}" ] && eval "$PREP"
    cat "$data"/*/* > /dev/null   # the data set in page cache for everyone
    sync
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" bash -c "$*" > "$work/cmd.log" 2>&1 \
      || { echo "FAILED: $name" >&2; cat "$work/cmd.log" >&2; exit 1; }
    read -r e u s m < <(tail -1 "$work/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($e < $best)}"; then
      best=$e; WALL[$name]=$e; CPU[$name]=$(awk "BEGIN{printf \"%.1f\", $u + $s}"); RSS[$name]=$m
    fi
  done
  ORDER+=("$name")
  local rate; rate=$(awk "BEGIN{printf \"%7.1f MB/s\", $bytes / 1e6 / ${WALL[$name]}}")
  [[ "$name" == startup* ]] && rate="  (fixed)   "
  printf '  %-38s %7.1f s  %s  cpu %6.1f s  rss %5d MB\n' "$name" "${WALL[$name]}" "$rate" "${CPU[$name]}" $((RSS[$name] / 1024)) >&2
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
  case "$c" in
    gzip) level=6 ;;
    zstd) level=3 ;;
    none) level=0 ;;
    *) echo "unknown compression $c" >&2; exit 2 ;;
  esac
  cfg=$(config "$c" "$level")
  echo "== $c" >&2
  # Backroute's fixed cost per command (JVM, Camel, catalog): a backup and a restore of one small file.
  sed "s#\"$data\"#\"$tiny/data\"#; s#$work/backroute#$tiny/backroute#g" "$cfg" > "$tiny/config.json"
  PREP="rm -rf '$tiny/backroute'"
  measure "startup backup $c" "'$br' backup --config '$tiny/config.json' --type data_files --force"
  PREP="rm -rf '$tiny/restore'"
  measure "startup restore $c" "'$br' recover --config '$tiny/config.json' --backup-path data_files:latest --destination '$tiny/restore'"

  # Backup. Backroute: tar + content SHA-256 + compression + AES-256-GCM + stored SHA-256 + fsync.
  PREP="rm -rf '$work/backroute'"
  measure "backroute backup $c" "'$br' backup --config '$cfg' --type data_files --force"
  stored=$(find "$work/backroute/store" -name "data_files_*.tar*" ! -name "*.manifest.json" | head -1)
  STORED[$c]=$(stat -c %s "$stored")
  case "$c" in
    gzip)
      PREP="rm -f '$sh.gz.enc'"
      measure "tar|gzip -6|openssl|sha256sum" "tar -cf - -C '$data' . | gzip -6 | openssl enc -aes-256-ctr -pbkdf2 -pass pass:$pass | tee >(sha256sum > '$sh.sha') > '$sh.gz.enc'; sync '$sh.gz.enc'"
      PREP="rm -f '$sh.pigz.gz'"
      measure "tar|pigz -6" "tar -cf - -C '$data' . | pigz -6 > '$sh.pigz.gz'; sync '$sh.pigz.gz'"
      row backup gzip "backroute backup gzip" "tar|gzip -6|openssl|sha256sum"
      row backup gzip "backroute backup gzip" "tar|pigz -6" ;;
    zstd)
      PREP="rm -f '$sh.zst'"
      measure "tar|zstd -3 -T0" "tar -cf - -C '$data' . | zstd -q -3 -T0 > '$sh.zst'; sync '$sh.zst'"
      row backup zstd "backroute backup zstd" "tar|zstd -3 -T0" ;;
    none)
      PREP="rm -f '$sh.enc'"
      measure "tar|openssl enc" "tar -cf - -C '$data' . | openssl enc -aes-256-ctr -pbkdf2 -pass pass:$pass > '$sh.enc'; sync '$sh.enc'"
      row backup none "backroute backup none" "tar|openssl enc" ;;
  esac
  echo "  stored by Backroute: ${STORED[$c]} bytes ($(basename "$stored"))" >&2

  # Restore. Backroute: read + stored SHA-256 + decrypt + decompress + content SHA-256 + untar, verified.
  PREP="rm -rf '$restore'"
  measure "backroute restore $c" "'$br' recover --config '$cfg' --backup-path data_files:latest --destination '$restore'"
  PREP="rm -rf '$restore'; mkdir -p '$restore'"
  case "$c" in
    gzip)
      measure "sha256sum|openssl -d|gunzip|tar -x" "tee >(sha256sum >/dev/null) < '$sh.gz.enc' | openssl enc -d -aes-256-ctr -pbkdf2 -pass pass:$pass | gzip -d | tar -xf - -C '$restore'"
      measure "pigz -d|tar -x" "pigz -d < '$sh.pigz.gz' | tar -xf - -C '$restore'"
      row restore gzip "backroute restore gzip" "sha256sum|openssl -d|gunzip|tar -x"
      row restore gzip "backroute restore gzip" "pigz -d|tar -x" ;;
    zstd)
      measure "zstd -d|tar -x" "zstd -q -d < '$sh.zst' | tar -xf - -C '$restore'"
      row restore zstd "backroute restore zstd" "zstd -d|tar -x" ;;
    none)
      measure "openssl -d|tar -x" "openssl enc -d -aes-256-ctr -pbkdf2 -pass pass:$pass < '$sh.enc' | tar -xf - -C '$restore'"
      row restore none "backroute restore none" "openssl -d|tar -x" ;;
  esac
  PREP=""
  rm -rf "$restore" "$sh".* "$work/backroute" "$tiny/backroute" "$tiny/restore"
done

# Report: every measurement, then the ratios the issue's targets are about. "net" subtracts the
# fixed cost of starting a Backroute command (measured on a one-file backup/restore just before).
mbs() { awk "BEGIN{printf \"%.1f\", $bytes / 1e6 / $1}"; }
{
  echo "# Backroute benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Data set: $((bytes / 1000000)) MB ($(find "$data" -type f | wc -l) files, half CSV/JSON text, half float32 vectors), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average before the run: $load_before, best of $runs. Backroute encrypts (AES-256-GCM) and digests (SHA-256 of plaintext and of stored bytes) in every row; each shell pipeline does only what its name says."
  echo
  echo "| operation | compression | Backroute MB/s | net of startup MB/s | CPU s | peak RSS MB | shell pipeline | shell MB/s | CPU s | peak RSS MB | ratio | net ratio |"
  echo "|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|"
  for r in "${rows[@]}"; do
    IFS='|' read -r op c name base <<< "$r"
    startup=${WALL["startup $op $c"]}
    net=$(awk "BEGIN{x = ${WALL[$name]} - $startup; print (x > 0.01 ? x : 0.01)}")
    ratio=$(awk "BEGIN{printf \"%.2f\", ${WALL[$base]} / ${WALL[$name]}}")
    netratio=$(awk "BEGIN{printf \"%.2f\", ${WALL[$base]} / $net}")
    echo "| $op | $c | $(mbs "${WALL[$name]}") | $(mbs "$net") | ${CPU[$name]} | $((RSS[$name] / 1024)) | \`$base\` | $(mbs "${WALL[$base]}") | ${CPU[$base]} | $((RSS[$base] / 1024)) | ${ratio}x | ${netratio}x |"
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
