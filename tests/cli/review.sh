#!/bin/sh
# Review round trips: `gloss run` refuses to overwrite a reviewed file,
# --force keeps a backup, --merge (and `gloss merge`) keep every decision
# after the article changed, and `gloss show` in a terminal and as HTML,
# the page checked in headless Chromium when it is installed. Run from the
# repository root.
GLOSS=${GLOSS:-${BUILD:-build}/gloss}
case $GLOSS in /*) ;; *) GLOSS=$PWD/$GLOSS ;; esac
T=$(mktemp -d)
. tests/cli/lib.sh
trap 'rm -rf "$T"' EXIT INT TERM



# The annotation block with this id, as "type|text|review|note" lines of
# the file (one per annotation) for easy greps.
summary() {
    awk '/^- /{if (t!="") print t"|"x"|"r"|"n"|"f; t=x=r=n=f=""}
         /^  type: /{t=$2} /^  text: /{sub(/^  text: /,""); x=$0}
         /^  review: /{r=$2} /^  note: /{sub(/^  note: /,""); n=$0}
         /merge_conflict: /{f="conflict"}
         END{if (t!="") print t"|"x"|"r"|"n"|"f}' "$1"
}

# review FILE ID STATE: set the review of annotation ID
review() {
    awk -v id="$2" -v st="$3" '/^- id: /{cur=$3}
        cur==id && /^  review: /{$0="  review: " st} {print}' "$1" > "$1.tmp" &&
        mv "$1.tmp" "$1"
}

cd "$T" || exit 1
printf '%s\n\n%s\n\n%s\n' \
    'The mayor of Harbourton, Lena Ortiz, spoke on Monday.' \
    '"We will rebuild the bridge by spring," Ortiz said.' \
    'Critics said the plan was "too little, too late," according to Omar Diaz.' \
    > a.txt
cp a.txt a-old.txt

run_all "run writes the file" 0 "" "$GLOSS" run --preset quotes -o a.yaml a.txt
cp a.yaml fresh.yaml
run_all "an unedited file is simply rewritten" 0 "" \
    "$GLOSS" run --preset quotes -o a.yaml a.txt
ok "... with the same bytes and no backup" \
    sh -c 'cmp -s a.yaml fresh.yaml && ! test -e a.yaml.bak'

# --- review by hand: accept, reject, edit a boundary, note, add
review a.yaml 1 accepted
review a.yaml 2 accepted
review a.yaml 3 rejected
review a.yaml 4 edited
awk '/^- id: /{cur=$3} cur==2 && /^  review: /{print; print "  note: \"the mayor\""; next}
     cur==4 && /^  text: /{$0="  text: \"too little, too late\""}
     cur==4 && /^  (byte_)?end: /{$2=$2-1; $0="  " $1 " " $2} {print}' \
    a.yaml > a.tmp && mv a.tmp a.yaml
printf -- '- type: actor\n  text: "Lena Ortiz"\n' >> a.yaml
cp a.yaml reviewed.yaml
run_all "the reviewed file checks (the added actor is found)" 1 \
    '(actor "Lena Ortiz"): found at 25' "$GLOSS" check a.yaml

run_all "run refuses to overwrite a reviewed file" 6 \
    "Use --merge to merge new suggestions into it, or --force" \
    "$GLOSS" run --preset quotes -o a.yaml a.txt
ok "... and says why" grep -qF "annotation 1 has review: accepted" "$T/out"
ok "... leaving it untouched" cmp -s a.yaml reviewed.yaml
mkdir -p outdir && cp a.yaml outdir/a.yaml
run_all "with -o DIR too" 6 "not overwriting" \
    "$GLOSS" run --preset quotes -o outdir/ a.txt
run_all "--merge needs -o" 2 "give -o" "$GLOSS" run --preset quotes --merge a.txt
run_all "--merge and --force exclude each other" 2 "not both" \
    "$GLOSS" run --preset quotes --merge --force -o a.yaml a.txt
echo 'gloss: [' > broken.yaml
run_all "a file gloss cannot read is not overwritten either" 6 "--force" \
    "$GLOSS" run --preset quotes -o broken.yaml a.txt

run_all "--force overwrites" 0 "previous version is in a.yaml.bak" \
    "$GLOSS" run --preset quotes --force -o a.yaml a.txt
ok "... with the new output" cmp -s a.yaml fresh.yaml
ok "... keeping the reviewed file as .bak" cmp -s a.yaml.bak reviewed.yaml
cp reviewed.yaml a.yaml
rm a.yaml.bak

# --- the article changes: a paragraph above, with another "said"
{ printf '%s\n\n%s\n\n' 'Harbourton, Monday. Residents met at the town hall.' \
    '"The bridge matters to everyone," said Paul Ng.'; cat a-old.txt; } > a.txt
run_all "check sees the change" 1 "changed since this file was written" \
    "$GLOSS" check a.yaml
run_all "run --merge merges" 0 "5 decisions kept (4 moved)" \
    "$GLOSS" run --preset quotes --merge -o a.yaml a.txt
ok "... keeping the reviewed file as .bak" cmp -s a.yaml.bak reviewed.yaml
run_all "the merged file verifies" 0 "0 moved, 0 placed, 0 ambiguous, 0 lost" \
    "$GLOSS" check a.yaml
summary a.yaml > sum
has() { grep -qxF -- "$1" sum; }
ok "accepted claim kept" \
    has 'claim|"We will rebuild the bridge by spring,"|accepted||'
ok "accepted source kept with its note" has 'source|"Ortiz"|accepted|"the mayor"|'
ok "rejected cue stays rejected" has 'cue|"said"|rejected||'
ok "... and is not suggested again (one other said, the new one)" \
    test "$(grep -c '^cue|"said"|' sum)" -eq 2
ok "edited boundary kept" has 'claim|"too little, too late"|edited||'
ok "the overlapping new suggestion is kept, pending and flagged" \
    has 'claim|"too little, too late,"|pending||conflict'
ok "hand-added actor kept" has 'actor|"Lena Ortiz"|accepted||'
ok "new suggestions arrive as pending" \
    has 'claim|"The bridge matters to everyone,"|pending||'
ok "the accepted claim still links the right source and cue" \
    sh -c 'id=$(awk "/^- id: /{c=\$3} /text: \"Ortiz\"/{print c}" a.yaml); \
        awk -v s="$id" "/^- id: /{c=\$3} /text: \"We will rebuild/{w=1} \
            w && /^    source: /{print \$2; exit}" a.yaml | grep -qx "$id"'
run_all "a second merge changes nothing" 0 "0 new suggestions pending (1 flagged as conflicts), 4 pending ones made again" \
    "$GLOSS" run --preset quotes --merge -o a.yaml a.txt
ok "... byte for byte" cmp -s a.yaml a.yaml.bak

# --- gloss merge: the same from two files, with the old article at hand
"$GLOSS" run --preset quotes -o new.yaml a.txt
cp a-old.txt old.txt
sed 's|path: "a.txt"|path: "old.txt"|' reviewed.yaml > rev2.yaml
run_all "gloss merge -o OUT" 0 "5 decisions kept" \
    "$GLOSS" merge rev2.yaml new.yaml -o merged.yaml --old-article old.txt
ok "... the same annotations as run --merge" \
    sh -c 'grep -v "path:" merged.yaml > m1; grep -v "path:" a.yaml > m2; cmp -s m1 m2'
run_all "gloss merge will not overwrite another file" 6 "exists" \
    "$GLOSS" merge rev2.yaml new.yaml -o merged.yaml
run_all "gloss merge: usage" 2 "usage: gloss merge" "$GLOSS" merge rev2.yaml

# --- a decision whose text is gone: nothing is merged
cp reviewed.yaml lost.yaml
sed 's/We will rebuild the bridge/We shall rebuild the bridge/' a.txt > b.txt
sed -i 's|path: "a.txt"|path: "b.txt"|' lost.yaml
"$GLOSS" run --preset quotes -o lostnew.yaml b.txt
run_all "a lost decision stops the merge" 6 "is lost" \
    "$GLOSS" merge lost.yaml lostnew.yaml
ok "... and the file is untouched" \
    sh -c 'sed "s|path: \"b.txt\"|path: \"a.txt\"|" lost.yaml | cmp -s - reviewed.yaml'

# --- gloss show in a terminal (stdout is not one here: plain)
run_all "show: plain text with ids" 0 "[Lena Ortiz]4" "$GLOSS" show a.yaml
ok "... no escape codes when not a terminal" sh -c '! grep -q "$(printf "\033")" "$0"' "$T/out"
ok "... the list has review states" grep -q 'cue .* rejected 7:47 "said"' "$T/out"
run_all "show: not a gloss file" 3 "broken.yaml:" "$GLOSS" show broken.yaml

# --- gloss show --html
run_all "show --html writes a page" 0 "" "$GLOSS" show a.yaml --html page.html
ok "... standalone: no src=, href= or url(" \
    sh -c '! grep -qE "src=|href=|url\(|@import" page.html'
ok "... highlights by type" sh -c 'grep -q "t-claim" page.html && grep -q "t-source" page.html && grep -q "t-actor" page.html && grep -q "t-cue" page.html'
ok "... review badges" sh -c 'grep -q "r-rejected" page.html && grep -q "r-edited" page.html'
ok "... attributes on hover" grep -q 'title="#5 claim · accepted' page.html
ok "... the attribution list" grep -q 'class="link role-source"' page.html

CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
    echo "ok - chromium checks skipped: chromium is not installed (apt-get install chromium)"
    exit 0
fi
chrome() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$T/profile" --hide-scrollbars "$@" 2>/dev/null
}
chrome --virtual-time-budget=5000 --dump-dom "file://$T/page.html" > dom.html
ok "chromium: the page's script ran" grep -q 'data-ready="1"' dom.html
ok "chromium: highlighted spans in the DOM" \
    test "$(grep -o 'class="a t-' dom.html | wc -l)" -ge 11
chrome --window-size=1000,900 --screenshot="$T/shot.png" "file://$T/page.html" >/dev/null
ok "chromium: a screenshot" test -s shot.png
# decode the PNG in Chromium itself (a data: image leaves the canvas
# readable) and count pixels of each highlight colour
{
    printf '<!DOCTYPE html><html><body><canvas id="c"></canvas><pre id="out">not decoded</pre><script>\n'
    printf 'var img=new Image();img.onload=function(){var c=document.getElementById("c");'
    printf 'c.width=img.width;c.height=img.height;var x=c.getContext("2d");x.drawImage(img,0,0);'
    printf 'var d=x.getImageData(0,0,img.width,img.height).data;'
    printf 'var want={claim:[255,224,102],source:[143,211,255],actor:[178,242,187],cue:[255,168,168]};'
    printf 'var n={claim:0,source:0,actor:0,cue:0};for(var i=0;i<d.length;i+=4){for(var k in want){'
    printf 'var w=want[k];if(d[i]==w[0]&&d[i+1]==w[1]&&d[i+2]==w[2])n[k]++;}}'
    printf 'document.getElementById("out").textContent=Object.keys(n).map(function(k){return k+"="+n[k];}).join(" ");};\n'
    printf 'img.src="data:image/png;base64,'
    base64 -w0 shot.png
    printf '";\n</script></body></html>\n'
} > px.html
chrome --virtual-time-budget=5000 --dump-dom "file://$T/px.html" > px.dom
counts=$(grep -o 'claim=[0-9]* source=[0-9]* actor=[0-9]* cue=[0-9]*' px.dom)
for ty in claim source actor cue; do
    n=$(echo "$counts" | sed -n "s/.*$ty=\([0-9]*\).*/\1/p")
    # a legend swatch is 196 pixels: more means text is highlighted
    ok "chromium: the screenshot shows $ty highlights (${n:-none} pixels)" \
        test "${n:-0}" -gt 500
done
