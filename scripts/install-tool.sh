#!/usr/bin/env bash
# Packs the CLI as a .NET tool and installs it into a folder, offline (only the freshly packed packages are a
# source), replacing an earlier install there. Prints the installed `personalize` command's path as its last line.
#   scripts/install-tool.sh [TOOLS_DIR]      (default: .tools in the checkout)
# Then run it directly, or put TOOLS_DIR on PATH:  export PATH="$PWD/.tools:$PATH"; personalize --help
# The tool is framework-dependent and packed for linux-x64 (it needs the .NET 10 runtime with ASP.NET Core);
# it finds the models as the CLI does: --models, $PERSONALIZATION_MODELS, ../shared/models, ./models.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=$(realpath -m "${1:-.tools}")
packages=$(mktemp -d)
trap 'rm -rf "$packages"' EXIT
echo "packing src/Personalization.Cli (Release) into $packages" >&2
dotnet pack src/Personalization.Cli -c Release -o "$packages" --nologo >&2
cat > "$packages/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="personalize" value="$packages" />
  </packageSources>
</configuration>
CONFIG
if [ -e "$tools/personalize" ]; then
  echo "removing the personalize already in $tools" >&2
  dotnet tool uninstall --tool-path "$tools" Personalization.Cli >&2
fi
dotnet tool install --tool-path "$tools" --configfile "$packages/nuget.config" Personalization.Cli >&2
echo "$tools/personalize"
