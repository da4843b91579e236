#!/usr/bin/env bash
# Fetches Orleans' own PostgreSQL scripts (the versions matching the Orleans packages the repository pins) into DIR,
# for `cluster setup --scripts DIR`. The NuGet packages do not carry them; the Orleans repository does.
#
#   scripts/orleans-sql.sh DIR     # default DIR: ${EMERGENCY_ORLEANS_SQL:-$HOME/.cache/emergency/orleans-sql/VERSION}
#
# Files that are already there are kept (an offline machine can be given them by copying).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(grep -o '<OrleansVersion>[^<]*' Directory.Packages.props | cut -d'>' -f2)
dir=${1:-${EMERGENCY_ORLEANS_SQL:-$HOME/.cache/emergency/orleans-sql/$version}}
base="https://raw.githubusercontent.com/dotnet/orleans/v$version/src/AdoNet"
mkdir -p "$dir"
for path in Shared/PostgreSQL-Main.sql Orleans.Clustering.AdoNet/PostgreSQL-Clustering.sql Orleans.Persistence.AdoNet/PostgreSQL-Persistence.sql; do
  file="$dir/$(basename "$path")"
  [ -s "$file" ] && continue
  curl -fsSL --retry 3 --connect-timeout 10 --max-time 60 -o "$file.part" "$base/$path" && mv "$file.part" "$file" ||
    { rm -f "$file.part"; echo "could not fetch $base/$path" >&2; exit 1; }
done
echo "$dir"
