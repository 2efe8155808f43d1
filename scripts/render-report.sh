#!/usr/bin/env bash
# Renders a Word report for a look: .docx → PDF (LibreOffice, headless) → one PNG per page (pdftoppm).
#
#   scripts/render-report.sh REPORT.docx OUT_DIR [PREFIX] [DPI]
#
# Writes OUT_DIR/PREFIX.pdf and OUT_DIR/PREFIX-1.png, PREFIX-2.png, … (PREFIX defaults to the
# report's base name, DPI to 60) and prints the PDF's path and its number of pages.
#
# Each run uses its own LibreOffice profile (-env:UserInstallation) so that parallel runs don't
# clash, and its own fontconfig file that maps the official-document fonts (仿宋_GB2312, 黑体,
# 楷体_GB2312, 方正小标宋简体, 宋体 …), which a Linux machine seldom has, to the Noto CJK fonts:
# serif for 宋/仿宋/楷/小标宋, sans for 黑体. Without it the CJK text still renders, in whatever
# fallback font LibreOffice picks.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 REPORT.docx OUT_DIR [PREFIX] [DPI]" >&2
  exit 2
fi
docx=$1
out=$2
prefix=${3:-$(basename "${docx%.docx}")}
dpi=${4:-60}

for tool in soffice pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null || { echo "render-report: $tool not found (LibreOffice and poppler-utils are needed)" >&2; exit 3; }
done
[[ -f $docx ]] || { echo "render-report: no such file: $docx" >&2; exit 2; }

mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/lo-XXXXXXXX")
trap 'rm -rf "$work"' EXIT

alias_block() {
  local family=$1 target=$2
  printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$family" "$target"
}
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
  echo '<fontconfig>'
  if [[ -n ${FONTCONFIG_FILE:-} && -f $FONTCONFIG_FILE ]]; then
    echo "  <include ignore_missing=\"yes\">$FONTCONFIG_FILE</include>"
  else
    echo '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
  fi
  echo "  <cachedir>$work/fc-cache</cachedir>"
  for f in 宋体 SimSun 仿宋 FangSong 仿宋_GB2312 楷体 KaiTi 楷体_GB2312 方正小标宋简体 方正小标宋_GBK; do
    alias_block "$f" 'Noto Serif CJK SC'
  done
  for f in 黑体 SimHei 微软雅黑 'Microsoft YaHei'; do
    alias_block "$f" 'Noto Sans CJK SC'
  done
  echo '</fontconfig>'
} >"$work/fonts.conf"

cp "$docx" "$work/$prefix.docx"
FONTCONFIG_FILE="$work/fonts.conf" soffice \
  "-env:UserInstallation=file://$work/profile" \
  --headless --norestore --nolockcheck \
  --convert-to pdf --outdir "$work" "$work/$prefix.docx" >"$work/soffice.log" 2>&1 || {
  cat "$work/soffice.log" >&2
  exit 4
}
[[ -f $work/$prefix.pdf ]] || { echo "render-report: LibreOffice wrote no PDF" >&2; cat "$work/soffice.log" >&2; exit 4; }

cp "$work/$prefix.pdf" "$out/$prefix.pdf"
rm -f "$out/$prefix"-*.png
pdftoppm -png -r "$dpi" "$out/$prefix.pdf" "$out/$prefix"
pages=$(pdfinfo "$out/$prefix.pdf" | awk '/^Pages:/ {print $2}')
echo "pdf: $out/$prefix.pdf"
echo "pages: $pages"
