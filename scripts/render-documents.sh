#!/usr/bin/env bash
# Renders docx and xlsx files the way a reader will see them: LibreOffice converts each
# to PDF, then pdftoppm makes one PNG per page (60 dpi), beside the PDF.
#
#   scripts/render-documents.sh [-o DIR] FILE.docx|FILE.xlsx ...
#
# Needs soffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui), fonts-noto-cjk
# (a Chinese face for 仿宋_GB2312 and the others to fall back to) and pdftoppm
# (poppler-utils). Output: DIR/NAME.pdf and DIR/NAME-1.png, NAME-2.png, … (DIR: the
# file's own directory). LibreOffice runs with a profile of its own under /tmp, so it
# neither needs nor touches the user's, and runs beside an open LibreOffice.
set -euo pipefail

outdir=""
if [[ "${1:-}" == "-o" ]]; then
    outdir="${2:?-o needs a directory}"
    shift 2
fi
if [[ $# -eq 0 ]]; then
    echo "usage: $0 [-o DIR] FILE.docx|FILE.xlsx ..." >&2
    exit 2
fi
for tool in soffice pdftoppm; do
    if ! command -v "$tool" >/dev/null; then
        echo "$0: $tool is not installed (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils)" >&2
        exit 2
    fi
done

profile="$(mktemp -d /tmp/wg-soffice-profile.XXXXXX)"
trap 'rm -rf "$profile"' EXIT

# The faces the documents name are Windows' and 方正's; on Linux fontconfig knows none of
# them and LibreOffice falls back to one sans face (in its Japanese variant). For the
# pictures, each name is aliased to the Noto CJK SC face closest to it: the Song-like
# faces (小标宋, 仿宋, 楷体, 宋体) to the serif, 黑体 to the sans. This only changes the
# pictures; the documents still name the faces as offices do.
serif=(仿宋_GB2312 仿宋 FangSong 楷体_GB2312 楷体 KaiTi 宋体 SimSun)
sans=(黑体 SimHei)
{
    echo '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
    echo '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
    for f in "${serif[@]}"; do
        echo "<alias binding=\"same\"><family>$f</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>"
    done
    for f in "${sans[@]}"; do
        echo "<alias binding=\"same\"><family>$f</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>"
    done
    # 小标宋 is a heavy Song face: the serif's bold stands in for it.
    echo '<match target="pattern"><test name="family"><string>方正小标宋简体</string></test>'
    echo '<edit name="family" mode="prepend" binding="same"><string>Noto Serif CJK SC</string></edit>'
    echo '<edit name="weight" mode="assign"><const>bold</const></edit></match>'
    echo '</fontconfig>'
} >"$profile/fonts.conf"
export FONTCONFIG_FILE="$profile/fonts.conf"

for file in "$@"; do
    if [[ ! -f "$file" ]]; then
        echo "$0: $file is not a file" >&2
        exit 2
    fi
    dir="${outdir:-$(dirname "$file")}"
    mkdir -p "$dir"
    name="$(basename "${file%.*}")"
    soffice "-env:UserInstallation=file://$profile" --headless \
        --convert-to pdf --outdir "$dir" "$file" >/dev/null
    pdf="$dir/$name.pdf"
    if [[ ! -s "$pdf" ]]; then
        echo "$0: LibreOffice made no PDF of $file" >&2
        exit 1
    fi
    pdftoppm -r 60 -png "$pdf" "$dir/$name"
    echo "$pdf"
    ls "$dir/$name"-*.png
done
