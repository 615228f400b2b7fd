#!/usr/bin/env bash
# bench/run.sh --daily: six daily backups of a changing data set, then a restore, by Backroute
# (repository and archive formats), restic and BorgBackup, in one run. Flags: bench/run.sh --help.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$home/bench/lib.bash"
size=553
dir=/tmp/backroute-bench-daily
out="$home/bench/results/latest"
tools="repository,archive,restic,borg"
days=6
runs=1 # every command changes what the next one sees: no best-of
while [ $# -gt 0 ]; do
  case "$1" in
    --daily) shift ;;
    --size) size="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --only) tools="$2"; shift 2 ;;
    -h|--help) exec "$home/bench/run.sh" --help ;;
    *) echo "unknown argument $1 for --daily (see bench/run.sh --help)" >&2; exit 2 ;;
  esac
done
for t in ${tools//,/ }; do
  case "$t" in repository|archive|restic|borg) ;; *) echo "unknown tool $t in --only (repository, archive, restic, borg)" >&2; exit 2 ;; esac
done

for tool in sha256sum diff /usr/bin/time java; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y time openjdk-17-jdk-headless)" >&2; exit 2; }
done
missing=()
[[ ",$tools," == *,restic,* ]] && ! command -v restic >/dev/null && missing+=(restic)
[[ ",$tools," == *,borg,* ]] && ! command -v borg >/dev/null && missing+=(borgbackup)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "installing ${missing[*]} (Debian packages): ${sudo[*]:+sudo }apt-get install -y ${missing[*]}" >&2
  "${sudo[@]}" apt-get install -y "${missing[@]}" >&2 \
    || { echo "could not install ${missing[*]}; install them (apt-get update first) or leave them out with --only" >&2; exit 2; }
fi

work="$dir/work"
mkdir -p "$dir" "$(dirname "$out")"
dataset "$dir" "$size"
gen="$dir/data"
br="$home/backroute"
"$br" --version >/dev/null # the jar, built once

# Secrets, none on a command line: a Backroute keyset, restic's password file, Borg's passphrase.
rm -rf "$work"; mkdir -p "$work/tiny/data" "$work/config"
echo "start-up probe" > "$work/tiny/data/probe.txt"
"$br" keygen --out "$work/keyset.json" >/dev/null
(umask 077; head -c 32 /dev/urandom | base64 > "$work/restic.pass")
BORG_PASSPHRASE="$(head -c 32 /dev/urandom | base64)"
export BORG_PASSPHRASE

backroute_config() { # FORMAT SOURCE FOLDER: zstd -3, encrypted, one local target in FOLDER/store
  cat <<JSON
{ "backup_dir": "$3",
  "backup_types": { "data_files": { "format": "$1", "compression": "zstd", "compression_level": 3, "encrypt": true,
                                    "source": { "paths": ["$2"] } } },
  "storage": { "local": { "type": "local", "path": "$3/store" } },
  "encryption": { "keyset_file": "$work/keyset.json" } }
JSON
}

# setup TOOL: an empty store in $w/store; sets BACKUP (the day's command, @DAY@ = day number),
# RESTORE (into $w/restore) and TREE (where the restored copy of $src lands).
setup() {
  case "$1" in
    repository|archive)
      # The config outside the data's folder, so that the backup names files by absolute path.
      backroute_config "$1" "$src" "$w" > "$work/config/$1.json"
      BACKUP="'$br' backup --config '$work/config/$1.json' --type data_files --force"
      RESTORE="'$br' recover --config '$work/config/$1.json' --backup-path data_files:latest --destination '$w/restore'"
      TREE="$w/restore$src" ;;
    restic)
      export RESTIC_REPOSITORY="$w/store" RESTIC_PASSWORD_FILE="$work/restic.pass" RESTIC_CACHE_DIR="$w/cache"
      restic init > /dev/null
      BACKUP="cd '$src' && restic backup --quiet ."
      RESTORE="restic restore latest --target '$w/restore'"
      TREE="$w/restore" ;;
    borg)
      export BORG_REPO="$w/store" BORG_BASE_DIR="$w/home"
      borg init --encryption=repokey-blake2 2> "$w/init.log" || { cat "$w/init.log" >&2; exit 1; }
      BACKUP="cd '$src' && borg create --compression zstd,3 ::day@DAY@ ."
      RESTORE="cd '$w/restore' && borg extract ::day$days"
      TREE="$w/restore" ;;
  esac
}

# run_tool TOOL (in a subshell): day 1 on a fresh copy of the data set, days 2..6 after the same churn,
# a restore of day 6 compared with the source; figures to $w/results. A failure ends it; its reason is
# the last line it printed.
run_tool() {
  t="$1"; w="$work/$1"; src="$w/src"
  rm -rf "$w"; mkdir -p "$w"
  cp -a "$gen" "$src"
  data="$src"
  setup "$t"
  timed() { measure "$t $1" "$2"; echo "$1|${WALL[$t $1]}|${CPU[$t $1]}|${RSS[$t $1]}" >> "$w/results"; }
  if [ "$t" = repository ] || [ "$t" = archive ]; then
    # Fixed cost of a command: a one-file backup into a store that already holds one.
    backroute_config "$t" "$work/tiny/data" "$w/tiny" > "$work/config/$t-tiny.json"
    local tiny="'$br' backup --config '$work/config/$t-tiny.json' --type data_files --force"
    bash -c "$tiny" > /dev/null
    bytes=$(du -sb "$work/tiny/data" | cut -f1)
    timed startup "$tiny"
  fi
  for ((day = 1; day <= days; day++)); do
    [ "$day" -gt 1 ] && java "$home/bench/DataGen.java" --churn "$src" "$day" 2>> "$w/churn.log"
    bytes=$(du -sb "$src" | cut -f1)
    timed "backup $day" "${BACKUP//@DAY@/$day}"
    [ "$day" -gt 1 ] || echo "stored 1|$(du -sb "$w/store" | cut -f1)" >> "$w/results"
  done
  PREP="rm -rf '$w/restore'; mkdir -p '$w/restore'"
  timed restore "$RESTORE"
  PREP=""
  if ! diff -rq "$src" "$TREE" > "$w/diff" 2>&1; then
    echo "restore differs from the source: $(wc -l < "$w/diff") differences, first: $(head -1 "$w/diff")" >&2
    exit 1
  fi
  (cd "$src" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$w/source.sha256"
  echo "stored|$(du -sb "$w/store" | cut -f1)" >> "$w/results"
  echo "  stored $(du -sb "$w/store" | cut -f1) bytes; restore identical to the source" >&2
  rm -rf "$src" "$w/restore" "$w/store" "$w/tiny"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "data set: $(du -sb "$gen" | cut -f1) bytes in $(find "$gen" -type f | wc -l) files; $(nproc) cores; load: $load_before; $days days" >&2
declare -A FAILED=()
first=""
for t in ${tools//,/ }; do
  echo "== $t" >&2
  set +e; ( set -e; run_tool "$t" ) 2>&1 | tee "$work/$t.out" >&2; rc=${PIPESTATUS[0]}; set -e
  if [ "$rc" -ne 0 ]; then
    FAILED[$t]="$(grep -v '^[[:space:]]*$' "$work/$t.out" | tail -1)"
    echo "  $t FAILED: ${FAILED[$t]}" >&2
    continue
  fi
  # Every tool must have backed up the same bytes: the churn is deterministic.
  if [ -z "$first" ]; then first=$t
  elif ! cmp -s "$work/$first/source.sha256" "$work/$t/source.sha256"; then
    echo "the data set after day $days differs between $first and $t: the churn is not deterministic" >&2; exit 1
  fi
done

# fig TOOL KEY [FIELD]: a recorded figure (FIELD 2 wall s, 3 cpu s, 4 peak RSS KB)
fig() { awk -F'|' -v k="$2" -v f="${3:-2}" '$1 == k { print $f }' "$work/$1/results"; }
summary() { # TOOL -> stored_bytes|first_s|mean_later_s|restore_s|peak_rss_mb|startup_s|cpu_first|cpu_later|cpu_restore
  local t="$1" d
  mean() { for ((d = 2; d <= days; d++)); do fig "$t" "backup $d" "$1"; done | awk '{ s += $1 } END { printf "%.2f", s / NR }'; }
  printf '%s|%s|%s|%s|%s|%s|%s|%s|%s\n' "$(fig "$t" stored)" "$(fig "$t" "backup 1")" "$(mean 2)" "$(fig "$t" restore)" \
    "$(awk -F'|' '$1 !~ /^stored/ && $1 != "startup" && $4 > m { m = $4 } END { printf "%d", m / 1024 }' "$work/$t/results")" \
    "$(fig "$t" startup)" "$(fig "$t" "backup 1" 3)" "$(mean 3)" "$(fig "$t" restore 3)"
}
label() { case "$1" in repository) echo "Backroute repository" ;; archive) echo "Backroute archive" ;; restic) echo restic ;; borg) echo BorgBackup ;; esac; }
restic_stored=""
[[ ",$tools," == *,restic,* ]] && [ -z "${FAILED[restic]:-}" ] && restic_stored=$(fig restic stored)
versions="$(for t in ${tools//,/ }; do case "$t" in
  restic) restic version | cut -d' ' -f1-2 ;; borg) borg --version ;; esac; done | paste -sd ';' | sed 's/;/; /g')"
{
  echo "# Backroute daily-backups benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Data set: bench/DataGen.java at $size MB ($(find "$gen" -type f | wc -l) files, half CSV/JSON text, half float32 vectors) backed up once a day for $days days; before each of days 2..$days, \`java bench/DataGen.java --churn DIR DAY\` rewrote 2 % of the bytes in scattered 256 KiB–2 MiB ranges inside existing files and added one 8 MB file (fixed seeds; every tool backed up the same bytes). Then the last backup was restored and compared with the source (\`diff -r\`). $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average before the run: $load_before, commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown). Backroute: zstd -3, encrypted, default \`validate_after_backup\`${versions:+; $versions}. Stored = \`du -sb\` of the repository or store folder. One measurement per command."
  echo
  echo "| tool | stored MB after $days days | stored vs restic | first backup s | mean later backup s | restore s | peak RSS MB | CPU s: first / later / restore |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for t in ${tools//,/ }; do
    if [ -n "${FAILED[$t]:-}" ]; then echo "| $(label "$t") | failed: ${FAILED[$t]//|/\\|} | | | | | | |"; continue; fi
    IFS='|' read -r stored b1 later rest rss _ c1 clater crest <<< "$(summary "$t")"
    ratio="—"; [ -n "$restic_stored" ] && ratio=$(awk "BEGIN{printf \"%.2fx\", $stored / $restic_stored}")
    echo "| $(label "$t") | $(awk "BEGIN{printf \"%.1f\", $stored / 1e6}") | $ratio | $b1 | $later | $rest | $rss | $c1 / $clater / $crest |"
  done
  echo
  growth=$(for t in ${tools//,/ }; do
    [ -n "${FAILED[$t]:-}" ] && continue
    awk -v t="$(label "$t")" -v a="$(fig "$t" "stored 1")" -v b="$(fig "$t" stored)" -v d="$days" \
      'BEGIN { printf "%s %.1f + %.1f; ", t, a / 1e6, (b - a) / 1e6 / (d - 1) }'; done)
  echo "Stored after day 1, and added per later day on average (MB): ${growth%; }."
  for t in repository archive; do
    [[ ",$tools," == *,$t,* ]] && [ -z "${FAILED[$t]:-}" ] || continue
    IFS='|' read -r _ _ later _ _ startup _ <<< "$(summary "$t")"
    echo
    echo "$(label "$t") start-up (a one-file backup into a store that already holds one): $startup s; mean later backup net of it: $(awk "BEGIN{printf \"%.2f\", $later - $startup}") s."
  done
} > "$out-daily.md"
{
  echo "tool,status,stored_bytes,stored_vs_restic,first_backup_s,mean_later_backup_s,restore_s,peak_rss_mb,startup_backup_s,first_backup_cpu_s,mean_later_backup_cpu_s,restore_cpu_s,stored_day1_bytes"
  for t in ${tools//,/ }; do
    if [ -n "${FAILED[$t]:-}" ]; then echo "$t,failed,,,,,,,,,,,"; continue; fi
    IFS='|' read -r stored b1 later rest rss startup c1 clater crest <<< "$(summary "$t")"
    ratio=""; [ -n "$restic_stored" ] && ratio=$(awk "BEGIN{printf \"%.3f\", $stored / $restic_stored}")
    echo "$t,ok,$stored,$ratio,$b1,$later,$rest,$rss,$startup,$c1,$clater,$crest,$(fig "$t" "stored 1")"
  done
} > "$out-daily.csv"
cat "$out-daily.md"
echo >&2
echo "written: $out-daily.md $out-daily.csv" >&2
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "failed: ${!FAILED[*]}" >&2
  exit 1
fi
