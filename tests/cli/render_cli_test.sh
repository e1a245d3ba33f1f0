#!/usr/bin/env bash
# `inrgan render` as a user runs it: non-square outpainting views, batches of seeds, interpolation
# strips, and bad input rejected with exit code 2 and a message naming the value.
# Usage: render_cli_test.sh INRGAN RUN_DIR
set -uo pipefail
inrgan=$1 run=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

size_of() { identify -format '%wx%h' "$1" 2>/dev/null; }

"$inrgan" render --checkpoint "$run" --size 1024x256 --view -2,-0.5,2,0.5 --seed 3 --psi 0.8 \
  --out "$out/wide.png" || fail "wide render exited with $?"
[ "$(size_of "$out/wide.png")" = 1024x256 ] || fail "wide.png is $(size_of "$out/wide.png"), not 1024x256"
# Not a blank picture.
deviation=$(convert "$out/wide.png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
awk -v d="$deviation" 'BEGIN { exit !(d > 0.01) }' || fail "wide.png looks blank (std dev $deviation)"

"$inrgan" render --checkpoint "$run" --seeds 0-2 --size 64x48 --out "$out/batch-{seed}.png" ||
  fail "batch render exited with $?"
for s in 0 1 2; do
  [ "$(size_of "$out/batch-$s.png")" = 64x48 ] || fail "batch-$s.png missing or wrong size"
done
cmp -s "$out/batch-0.png" "$out/batch-1.png" && fail "seeds 0 and 1 gave the same image"

"$inrgan" render --checkpoint "$run" --interpolate 1,2 --frames 4 --size 32x24 --out "$out/strip.png" ||
  fail "strip render exited with $?"
[ "$(size_of "$out/strip.png")" = 128x24 ] || fail "strip.png is $(size_of "$out/strip.png"), not 128x24"

# Bad input: exit code 2, a message naming what is wrong, and no file.
expect_usage_error() {
  local needle=$1
  shift
  local message
  message=$("$inrgan" render --checkpoint "$run" "$@" 2>&1 >/dev/null)
  local code=$?
  [ $code -eq 2 ] || fail "render $* exited with $code, not 2"
  grep -qF -- "$needle" <<<"$message" || fail "render $*: message does not name \"$needle\": $message"
}
expect_usage_error "0x5" --size 0x5 --out "$out/bad.png"
expect_usage_error "bad.jpg" --out "$out/bad.jpg"
expect_usage_error "65536" --size 70000x10 --out "$out/bad.png"
expect_usage_error "1,1,0,0" --view 1,1,0,0 --out "$out/bad.png"
expect_usage_error "$out/missing" --out "$out/missing/bad.png"
expect_usage_error "5-2" --seeds 5-2 --out "$out/bad.png"
message=$("$inrgan" render --checkpoint "$out/no-such-run" --out "$out/bad.png" 2>&1)
code=$?
[ $code -eq 2 ] || fail "a missing checkpoint exited with $code, not 2"
grep -qF "$out/no-such-run" <<<"$message" || fail "missing checkpoint not named: $message"
# A file that is not a checkpoint: exit code 1, and the message names the command and the file.
echo "not a checkpoint" >"$out/broken.pt"
message=$("$inrgan" render --checkpoint "$out/broken.pt" --out "$out/bad.png" 2>&1)
code=$?
[ $code -eq 1 ] || fail "a broken checkpoint exited with $code, not 1"
grep -qF "inrgan render: $out/broken.pt" <<<"$message" || fail "broken checkpoint message: $message"
ls "$out" | grep -q bad && fail "a rejected render left a file: $(ls "$out")"

# train's --max-steps: 0 is a usage error that says what is allowed (CLI11's own check printed a
# range from 0 to 1.8e308, which seemed to include 0).
message=$("$inrgan" train --data "$out" --out "$out/never" --max-steps 0 2>&1)
code=$?
[ $code -eq 2 ] || fail "train --max-steps 0 exited with $code, not 2"
grep -qF 'must be a whole number >= 1, not "0"' <<<"$message" || fail "train --max-steps 0: $message"
[ -e "$out/never" ] && fail "train --max-steps 0 created its run folder"

if [ $failures -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "inrgan render: all checks passed"
