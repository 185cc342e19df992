#!/usr/bin/env bash
# The consumer test: packs every package under src/ with a unique prerelease version into a local feed, checks what each
# package carries, then builds and runs tests/ConsumerApp, a host app that references the packages BY VERSION (not by
# project), so a file missing from a package fails here instead of in a user's app.
#
#   bash eng/consumer-test.sh            # prints "consumer test: passed (...)" or "consumer test: FAILED: ..." and exits 1
#
# The prerelease packages are restored into artifacts/consumer-test/nuget-packages (cleaned each run), never into the
# machine's global packages folder, which is only read (as a fallback folder) for the packages' own dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
out="artifacts/consumer-test"
version="${MEDIAKIT_CONSUMER_VERSION:-0.1.0-ci.$(date -u +%Y%m%d%H%M%S)}"
started=$(date +%s)

fail() {
  echo "consumer test: FAILED: $*"
  exit 1
}

rm -rf "$out"
mkdir -p "$out/feed" "$out/nuget-packages"
repo="$(pwd)"
global_packages="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"

# 1. Pack every project under src/ in one build, through a throwaway solution (new packages need no list to be kept).
projects=(src/*/*.csproj)
dotnet new sln --name pack --output "$out" --format sln >/dev/null
dotnet sln "$out/pack.sln" add "${projects[@]}" >/dev/null
# Only the package version changes (not the assembly version), so after eng/test.sh's Release build nothing recompiles.
# CI=true makes the build deterministic (ContinuousIntegrationBuild, Directory.Build.props).
if ! dotnet pack "$out/pack.sln" -c Release -p:PackageVersion="$version" \
  -p:PackageOutputPath="$repo/$out/feed/" -nologo >"$out/pack.log" 2>&1; then
  tail -n 40 "$out/pack.log"
  fail "dotnet pack failed (log: $out/pack.log)"
fi
if grep -E ': warning [A-Z]+[0-9]+' "$out/pack.log" | grep -v '^ *$' >"$out/pack-warnings.log"; then
  cat "$out/pack-warnings.log"
  fail "dotnet pack raised warnings (packages must pack clean, including from a clone whose remote is a local folder)"
fi

# 2. What every package must carry.
ids=()
for project in "${projects[@]}"; do
  id="$(basename "$project" .csproj)"
  ids+=("$id")
  nupkg="$out/feed/$id.$version.nupkg"
  [ -f "$nupkg" ] || fail "$id: no package $nupkg"
  [ -f "$out/feed/$id.$version.snupkg" ] || fail "$id: no symbol package (.snupkg)"
  listing="$(unzip -Z1 "$nupkg")"
  for entry in README.md icon.png "lib/net10.0/$id.dll" "lib/net10.0/$id.xml"; do
    grep -qxF "$entry" <<<"$listing" || fail "$id: the package has no $entry"
  done
  symbols="$(unzip -Z1 "$out/feed/$id.$version.snupkg")"
  grep -qxF "lib/net10.0/$id.pdb" <<<"$symbols" || fail "$id: the symbol package has no $id.pdb"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
  for element in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<icon>icon.png</icon>' '<repository type="git"' 'commit="' '<tags>'; do
    grep -qF "$element" <<<"$nuspec" || fail "$id: the nuspec lacks $element"
  done
  # A Razor Class Library with static files (wwwroot, scoped CSS, collocated JS) must ship them as static web assets.
  dir="$(dirname "$project")"
  if [ -d "$dir/wwwroot" ] || [ -n "$(find "$dir" -path "$dir/bin" -prune -o -path "$dir/obj" -prune -o \( -name '*.razor.css' -o -name '*.razor.js' \) -print -quit)" ]; then
    grep -q '^staticwebassets/' <<<"$listing" || fail "$id: a Razor Class Library with static files ships no staticwebassets/"
  fi
done

# The static web assets the app must serve, as _content/<package>/<path>.
content_paths=()
for id in "${ids[@]}"; do
  while IFS= read -r entry; do
    case "$entry" in
      staticwebassets/*/) ;;
      staticwebassets/*) content_paths+=("_content/$id/${entry#staticwebassets/}") ;;
    esac
  done < <(unzip -Z1 "$out/feed/$id.$version.nupkg")
done

# 3. Build the consumer app against the packages, by version, with its own packages folder.
packages_list="$(IFS=';'; echo "${ids[*]}")"
if ! NUGET_PACKAGES="$repo/$out/nuget-packages" dotnet build tests/ConsumerApp/ConsumerApp.csproj -c Release \
  --artifacts-path "$out/app" -p:MediaKitVersion="$version" -p:MediaKitPackages="${packages_list//;/%3B}" \
  -p:RestoreAdditionalProjectFallbackFolders="$global_packages" -nologo >"$out/app-build.log" 2>&1; then
  tail -n 40 "$out/app-build.log"
  fail "the consumer app does not build against the packages (log: $out/app-build.log)"
fi
for id in "${ids[@]}"; do
  [ -d "$out/nuget-packages/$(tr '[:upper:]' '[:lower:]' <<<"$id")/$version" ] || fail "$id $version was not restored from the local feed"
done

# 4. Run it.
app_dll="$(find "$out/app/bin" -name ConsumerApp.dll -print -quit)"
[ -n "$app_dll" ] || fail "no ConsumerApp.dll was built"
if ! (cd "$(dirname "$app_dll")" && timeout 120 dotnet ConsumerApp.dll "${content_paths[@]}") 2>&1 | tee "$out/app-run.log"; then
  fail "the consumer app failed (log: $out/app-run.log)"
fi
grep -q '^consumer app: .* OK$' "$out/app-run.log" || fail "the consumer app did not report success (log: $out/app-run.log)"

echo "consumer test: passed (${#ids[@]} packages at $version, $(( $(date +%s) - started )) s)"
