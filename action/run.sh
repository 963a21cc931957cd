#!/usr/bin/env bash
# The script part of action.yml, kept in a file so it runs (and is tested) the same way locally.
# Inputs arrive as environment variables (never interpolated into the script text):
#   ML_PATH        directory to run in (holds the manifest-lint config)        default: .
#   ML_NEW_SINCE   git ref to compare with; default: the PR base commit (ML_BASE_SHA), else
#                  origin/$GITHUB_BASE_REF; none (whole report) outside pull requests
#   ML_BASE_SHA    github.event.pull_request.base.sha (set by action.yml)
#   ML_FAIL_ON     error | warning | info (default: the config's fail-on)
#   ML_SARIF_FILE  also write the full report as SARIF here (for upload-sarif)
#   ML_ARGS        extra arguments for `manifest-lint check`, split on whitespace
# Writes annotations to stdout, the findings table to $GITHUB_STEP_SUMMARY, exit-code and
# new-since to $GITHUB_OUTPUT; exits with manifest-lint's exit code (0 clean, 1 findings, 2 error).
set -euo pipefail

cd "${ML_PATH:-.}"

ref="${ML_NEW_SINCE:-}"
if [ -z "$ref" ] && [ -n "${ML_BASE_SHA:-}" ]; then
  ref="$ML_BASE_SHA"
fi
if [ -z "$ref" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  ref="origin/$GITHUB_BASE_REF"
fi

# actions/checkout fetches one commit by default: bring the base in when it is missing.
if [ -n "$ref" ] && ! git rev-parse --quiet --verify "$ref^{commit}" >/dev/null 2>&1; then
  case "$ref" in
    origin/*) git fetch --no-tags --depth=1 origin "+refs/heads/${ref#origin/}:refs/remotes/$ref" ;;
    *) git fetch --no-tags --depth=1 origin "$ref" ;;
  esac || echo "manifest-lint action: could not fetch $ref from origin" >&2
  # (manifest-lint then names the missing ref and exits 2)
fi

args=(check --output-format github)
if [ -n "$ref" ]; then
  args+=(--new-since "$ref")
fi
if [ -n "${ML_FAIL_ON:-}" ]; then
  args+=(--fail-on "$ML_FAIL_ON")
fi
if [ -n "${ML_ARGS:-}" ]; then
  read -r -a extra <<<"$ML_ARGS"
  args+=("${extra[@]}")
fi

set +e
manifest-lint "${args[@]}"
status=$?
set -e

if [ -n "${ML_SARIF_FILE:-}" ]; then
  # Code scanning does its own PR diffing: upload every finding, never fail on them here.
  manifest-lint check --output-format sarif -o "$ML_SARIF_FILE" --exit-zero
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=$status"
    echo "new-since=$ref"
  } >>"$GITHUB_OUTPUT"
fi
exit "$status"
