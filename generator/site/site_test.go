package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"html/template"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

func TestNeutralize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`=HYPERLINK("http://x")`: `'=HYPERLINK("http://x")`,
		"+1+2":                   "'+1+2",
		"-2+3":                   "'-2+3",
		"@SUM(A1)":               "'@SUM(A1)",
		"\tx":                    "'\tx",
		"\rx":                    "'\rx",
		"-99.10":                 "-99.10",
		"+5":                     "+5",
		"-":                      "'-",
		"FOC123":                 "FOC123",
		"":                       "",
	} {
		if got := Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
	csv := string(tableCSV(&Table{Columns: []Column{{Name: "A"}}, Rows: [][]Cell{{{Text: "=1+1"}}}}, "USD"))
	if csv != "\uFEFFA\n'=1+1\n" {
		t.Errorf("csv = %q", csv)
	}
}

// TestDownloadsAreExcelReady: a download starts with a byte order mark,
// holds amounts and counts as plain numbers with the currency in the
// column's name, dates as ISO dates, and keeps formulas neutralised.
func TestDownloadsAreExcelReady(t *testing.T) {
	t.Parallel()
	b := &builder{r: &analyze.Report{Currency: "EUR", Priced: true}}
	d, _ := contract.ValidDate(2026, 12, 31)
	tb := &Table{Columns: []Column{{Name: "Contract"}, {Name: "Devices", Numeric: true}, {Name: "Annual spend", Numeric: true}, {Name: "Ends"}},
		Rows: [][]Cell{
			{{Text: "=HYPERLINK(1)"}, intCell(1234), moneyCell(b, 123456789), dateCell(d)},
			{{Text: "93824710"}, intCell(2), moneyCell(b, -550), dateCell(0)},
		}}
	want := "\uFEFFContract,Devices,Annual spend (EUR),Ends\n'=HYPERLINK(1),1234,1234567.89,2026-12-31\n93824710,2,-5.50,\n"
	if got := string(tableCSV(tb, "EUR")); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	b.r.Priced = false
	tb.Rows = [][]Cell{{{Text: "93824710"}, intCell(2), moneyCell(b, 0), dateCell(d)}}
	if got := string(tableCSV(tb, "EUR")); got != "\uFEFFContract,Devices,Annual spend (EUR),Ends\n93824710,2,,2026-12-31\n" {
		t.Errorf("with no prices: %q", got)
	}
}

func TestWriteSwapsAndRefuses(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := writeFiles(out, map[string][]byte{Marker: []byte(markerText), "a/index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	res, err := writeFiles(out, map[string][]byte{Marker: []byte(markerText), "b/index.html": []byte("two")})
	if err != nil || res.Pages != 1 || res.Files != 2 {
		t.Fatalf("second write: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(out, "a")); err == nil {
		t.Error("a file of the previous build survived")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "b", "index.html")); string(b) != "two" {
		t.Error("the new site is not in place")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary folders left behind: %v", entries)
	}

	mine := filepath.Join(dir, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "thesis.docx"), []byte("precious"), 0o644)
	_, err = writeFiles(mine, map[string][]byte{"index.html": nil})
	if err == nil || !strings.Contains(err.Error(), "holds files that renewals did not write (it has no .renewals-site)") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "thesis.docx")); string(b) != "precious" {
		t.Error("a folder renewals did not write was touched")
	}
}

func TestSlugs(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"Central Hospital – Main Campus": "central-hospital-main-campus", "ISR4331/K9": "isr4331-k9", "93824710": "93824710", "../x": "x"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableDataIsSafeScript(t *testing.T) {
	t.Parallel()
	hostile := []string{"</script><script>alert(1)</script>", `"]);alert(1);//`, "a\\\"b", "line\u2028sep", "tab\there", "é–ü", "\x00\x1f", string([]byte{0xff})}
	tb := &Table{ID: "x", Columns: []Column{{Name: "A"}, {Name: "B"}}}
	for _, h := range hostile {
		tb.Rows = append(tb.Rows, []Cell{{Text: h}, {Text: h, Sort: h, Href: h}})
	}
	js := string(tableJS(tb))
	if strings.ContainsAny(js, "<>&\u2028") {
		t.Errorf("raw markup characters in %s", js)
	}
	body, ok := strings.CutPrefix(js, `renewalsRows("table-x",`)
	body, ok2 := strings.CutSuffix(body, ");\n")
	if !ok || !ok2 {
		t.Fatalf("wrapper: %.80s", js)
	}
	var rows [][]any
	if err := json.Unmarshal([]byte(body), &rows); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	for i, h := range hostile {
		want := strings.ToValidUTF8(h, "\uFFFD")
		if rows[i][0] != want || rows[i][1].([]any)[2] != want {
			t.Errorf("row %d: %q, want %q", i, rows[i], want)
		}
	}
	html := string(rowsHTML(tb.Rows))
	if strings.Contains(html, "<script") || strings.Contains(html, `"]);`) {
		t.Errorf("rows HTML carries markup: %s", html)
	}
}

// testDeviceRows encodes three devices whose cells have links, sort keys
// and text that must be escaped, and that share some cells.
func testDeviceRows() (*deviceRows, []*analyze.Device) {
	ds := []*analyze.Device{
		{Serial: `A&B <x>`, HostName: "=cmd|' /C calc'!A0", ProductID: "C9300", Site: `"q", o'hare`, Covered: true,
			Contracts: []string{"93824710"}, ServiceLevels: []string{"SNTP"}, ActiveEnd: contract.Date(20000), LDoS: contract.Date(21000), AnnualCost: 100},
		{Serial: "FOC1", HostName: ` "core", hall 1`, ProductID: "-2+3", LapsedDays: 12,
			Contracts: []string{"93824710", "\\."}, ServiceLevels: []string{"line\nbreak", "8X5XNBD"}, ActiveEnd: contract.Date(20000), AnnualCost: -5},
		{Serial: "FOC2", ProductID: "C9300", Site: `"q", o'hare`, NeverCovered: true, AnnualCost: 100},
	}
	for i, d := range ds {
		d.Index = i
	}
	b := &builder{r: &analyze.Report{Currency: "USD", Priced: true}, product: map[string]string{"C9300": "products/c9300/index.html"},
		site: map[string]string{`"q", o'hare`: "sites/q-o-hare/index.html"}, contract: map[string]string{"93824710": "contracts/93824710/index.html"}}
	dr := &deviceRows{head: deviceCSVHead("USD")}
	dr.encode(b, ds)
	return dr, ds
}

// TestDeviceRowsHTMLMatchesCells: device rows written straight from the
// encoded cells read as the general rows renderer writes them.
func TestDeviceRowsHTMLMatchesCells(t *testing.T) {
	t.Parallel()
	dr, ds := testDeviceRows()
	ds = []*analyze.Device{ds[1], ds[0], ds[2]}
	for _, path := range []string{"index.html", "devices/index.html", "contracts/93824710/index.html"} {
		p := &Page{Path: path}
		for _, limit := range []int{0, 1, 2, 5} {
			got, want := template.HTML(dr.appendRowsHTML(nil, p, ds, limit)), rowsHTML(dr.rows(p, ds, limit))
			if got != want {
				t.Errorf("%s, %d rows:\n got %s\nwant %s", path, limit, got, want)
			}
		}
	}
	got := dr.rows(&Page{Path: "devices/index.html"}, ds, 3)
	want := [][]Cell{
		{{Text: "FOC1"}, {Text: ` "core", hall 1`}, {Text: "-2+3"}, {Text: analyze.NoSite}, {Text: "Lapsed 12 days"},
			{Text: `93824710, \.`}, {Text: "line\nbreak, 8X5XNBD"}, {Text: "", Sort: ""}, {Text: "", Sort: ""}, {Text: "USD -0.05", Sort: "-5", Num: true, Value: "-0.05", Money: true}},
		{{Text: `A&B <x>`}, {Text: "=cmd|' /C calc'!A0"}, {Text: "C9300", Href: "../products/c9300/index.html"}, {Text: `"q", o'hare`, Href: "../sites/q-o-hare/index.html"},
			{Text: "Covered"}, {Text: "93824710", Href: "../contracts/93824710/index.html"}, {Text: "SNTP"}, dateCell(20000), dateCell(21000), {Text: "USD 1.00", Sort: "100", Num: true, Value: "1.00", Money: true}},
		{{Text: "FOC2"}, {Text: ""}, {Text: "C9300", Href: "../products/c9300/index.html"}, {Text: `"q", o'hare`, Href: "../sites/q-o-hare/index.html"},
			{Text: "Never covered"}, {Text: ""}, {Text: ""}, {}, {}, {Text: "USD 1.00", Sort: "100", Num: true, Value: "1.00", Money: true}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %v\nwant %v", got, want)
	}
	if len(dr.cells) != 18 {
		t.Errorf("%d distinct cells, want 18: equal cells are encoded once", len(dr.cells))
	}
}

// TestDeviceCSVMatchesEncodingCSV: a device table's download, assembled
// from the cells' encoded fields, is what encoding/csv writes for the
// neutralised cells.
func TestDeviceCSVMatchesEncodingCSV(t *testing.T) {
	t.Parallel()
	dr, ds := testDeviceRows()
	var want bytes.Buffer
	want.WriteString("\uFEFF")
	w := csv.NewWriter(&want)
	head := []string{}
	for _, c := range deviceColumns {
		head = append(head, c.Name)
	}
	head[len(head)-1] += " (USD)"
	_ = w.Write(head)
	for _, row := range dr.rows(&Page{Path: "index.html"}, ds, len(ds)) {
		rec := []string{}
		for _, c := range row {
			rec = append(rec, Neutralize(csvText(c)))
		}
		_ = w.Write(rec)
	}
	w.Flush()
	if got := dr.appendCSV(nil, ds); string(got) != want.String() {
		t.Errorf("download:\n%s\nwant:\n%s", got, want.String())
	}
	for _, f := range []string{"", " x", "\u00a0x", "\\.", "a\"b", "a,b", "a\rb", "a\nb", "é", "\\.x", "\"\"", "x "} {
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		_ = w.Write([]string{f, "end"})
		w.Flush()
		if got := string(appendCSVField(nil, f)) + ",end\n"; got != b.String() {
			t.Errorf("field %q: %q, encoding/csv %q", f, got, b.String())
		}
	}
}

// TestSharedRowsFile: the shared rows file lists each device's serial and
// host name and the indices of its other cells, then the cells once each.
func TestSharedRowsFile(t *testing.T) {
	t.Parallel()
	dr, _ := testDeviceRows()
	got := string(dr.appendShared(nil))
	js := strings.TrimSuffix(strings.TrimPrefix(got, "renewalsDeviceRows("), ");\n")
	var args []any
	if err := json.Unmarshal([]byte("["+js+"]"), &args); err != nil {
		t.Fatalf("%v in\n%s", err, got)
	}
	rows, cells := args[0].([]any), args[1].([]any)
	if len(rows) != 3 || len(cells) != len(dr.cells) {
		t.Fatalf("%d rows and %d cells:\n%s", len(rows), len(cells), got)
	}
	second := rows[1].([]any)
	if second[0] != "FOC1" || second[1] != ` "core", hall 1` || second[2] != 8.0 || second[9] != 14.0 {
		t.Errorf("second row %v", second)
	}
	if c := cells[0].([]any); c[0] != "C9300" || c[2] != "products/c9300/index.html" {
		t.Errorf("first cell %v", c)
	}
	if cells[2] != "Covered" || cells[8] != "-2+3" {
		t.Errorf("plain cells %v, %v: a cell without link or sort key is its text", cells[2], cells[8])
	}
	if strings.Contains(got, "<x>") || strings.Contains(got, "</") {
		t.Errorf("the rows file carries markup:\n%s", got)
	}
}

// TestPageRows: a table's rows go where the template prints them, in the
// site's page and in the archived copy, escaped when a theme prints them
// as text, and nowhere when it leaves them out.
func TestPageRows(t *testing.T) {
	t.Parallel()
	rows := [][]Cell{{{Text: "a<b"}, {Text: "C9300", Href: "products/c9300/index.html"}}, {{Text: "x\x00y"}, {Text: "2"}}}
	want := `<tr><td>a&lt;b</td><td><a href="products/c9300/index.html">C9300</a></td></tr><tr><td>x` + "\uFFFD" + `y</td><td>2</td></tr>`
	escaped := template.HTMLEscapeString(want)
	for _, c := range []struct {
		name, body       string
		wantSite, wantCp string
	}{
		{"whole", `{{.RowsHTML}}`, want, want},
		{"twice", `{{.RowsHTML}}|{{.RowsHTML}}`, want + "|" + want, want + "|" + want},
		{"escaped", `{{printf "%s" .RowsHTML}}`, escaped, escaped},
		{"left out", ``, "", ""},
		{"archived only", `{{if $p.Site.Archived}}{{.RowsHTML}}{{end}}`, "", want},
		{"site only", `{{if not $p.Site.Archived}}{{.RowsHTML}}{{end}}`, want, ""},
		{"a NUL of its own", "{{.RowsHTML}}\x00", want + "\x00", want + "\x00"},
	} {
		layout := `{{define "page"}}{{$p := .}}{{range .Blocks}}{{with .Table}}<tbody>` + c.body + `</tbody>{{end}}{{end}}{{end}}`
		tmpl := template.Must(template.New("").Parse(layout))
		for _, n := range []int{1, 2} { // one table, and two with the same rows
			p := &Page{Path: "index.html", Site: &Info{}}
			for i := range n {
				p.Blocks = append(p.Blocks, Block{Table: &Table{ID: "t" + string(rune('0'+i)), PageSize: 25, Columns: []Column{{Name: "A"}, {Name: "B"}}, Rows: rows}})
			}
			site, cp := NewFiles(), NewFiles()
			if err := renderPage(tmpl, p, site, &Info{Archived: true}, cp, &pageBuffers{}); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			for _, f := range []struct {
				what  string
				files *Files
				want  string
			}{{"site", site, c.wantSite}, {"archived copy", cp, c.wantCp}} {
				got := string(f.files.Map()["index.html"])
				if w := strings.Repeat("<tbody>"+f.want+"</tbody>", n); got != w {
					t.Errorf("%s, %d tables, %s:\n got %q\nwant %q", c.name, n, f.what, got, w)
				}
			}
			if p.Site.Archived {
				t.Errorf("%s: the page keeps the archived copy's info", c.name)
			}
		}
	}
}

// TestLargestCSVBoundsEveryDownload: the download of every device, the
// largest, fills a buffer of largestCSV exactly, so that a worker's
// buffer made that large never grows.
func TestLargestCSVBoundsEveryDownload(t *testing.T) {
	t.Parallel()
	dr, ds := testDeviceRows()
	b := make([]byte, 0, dr.largestCSV())
	out := dr.appendCSV(b, ds)
	if len(out) != dr.largestCSV() || unsafe.SliceData(out) != unsafe.SliceData(b) {
		t.Errorf("every device: %d bytes in a buffer of %d, grown %v", len(out), dr.largestCSV(), unsafe.SliceData(out) != unsafe.SliceData(b))
	}
	if dr.largestFile() < dr.largestCSV() {
		t.Errorf("largestFile %d < largestCSV %d", dr.largestFile(), dr.largestCSV())
	}
}

// writeFiles puts files into out atomically: it writes a sibling temporary
// folder and swaps it in. It refuses to replace a folder that is neither
// empty nor marked as renewals output.
func writeFiles(out string, files map[string][]byte) (Result, error) {
	d, err := NewDir(out)
	if err != nil {
		return Result{}, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if err := d.Add(n, files[n]); err != nil {
			d.Abort()
			return Result{}, err
		}
	}
	return d.Commit()
}

// TestDefaultWording: the built-in theme's wording parses, and a wording
// file over it keeps the keys it does not name.
func TestDefaultWording(t *testing.T) {
	t.Parallel()
	w := DefaultWording()
	if len(w) < 30 || w["index.lead"] == nil {
		t.Fatalf("the built-in wording has %d keys", len(w))
	}
	over, errs := ParseWording(w, "w.toml", []byte("[risk]\ntitle = \"Exposure\"\n"))
	if len(errs) > 0 || over["index.lead"] != w["index.lead"] || over["risk.title"] == w["risk.title"] {
		t.Errorf("the wording over the built-in: %v", errs)
	}
}
