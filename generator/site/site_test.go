package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/analyze"
)

func TestNeutralize(t *testing.T) {
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
	csv := string(tableCSV(&Table{Columns: []Column{{Name: "A"}}, Rows: [][]Cell{{{Text: "=1+1"}}}}))
	if csv != "A\n'=1+1\n" {
		t.Errorf("csv = %q", csv)
	}
}

func TestWriteSwapsAndRefuses(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if _, err := Write(out, map[string][]byte{Marker: []byte(markerText), "a/index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	res, err := Write(out, map[string][]byte{Marker: []byte(markerText), "b/index.html": []byte("two")})
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
	_, err = Write(mine, map[string][]byte{"index.html": nil})
	if err == nil || !strings.Contains(err.Error(), "holds files that renewals did not write (it has no .renewals-site)") {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "thesis.docx")); string(b) != "precious" {
		t.Error("a folder renewals did not write was touched")
	}
}

func TestSlugs(t *testing.T) {
	for in, want := range map[string]string{"Central Hospital – Main Campus": "central-hospital-main-campus", "ISR4331/K9": "isr4331-k9", "93824710": "93824710", "../x": "x"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTableDataIsSafeScript(t *testing.T) {
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

// testDeviceRows encodes two devices by hand: their cells have links,
// sort keys and text that must be escaped.
func testDeviceRows() (*deviceRows, []*analyze.Device) {
	ds := []*analyze.Device{{Index: 0, Serial: `A&B <x>`, HostName: "=cmd|' /C calc'!A0"}, {Index: 1, Serial: "FOC1", HostName: ` "core", hall 1`}}
	dr := &deviceRows{devices: ds, cells: []Cell{
		{Text: "C9300", Href: "products/c9300/index.html"}, {Text: "12", Sort: "0012", Num: true},
		{Text: `"q", o'hare`, Href: "sites/o'hare/index.html#devices"}, {Text: ""}, {Text: "USD 1.00", Sort: "100", Num: true},
		{Text: "-2+3"}, {Text: "line\nbreak"}, {Text: "\\."},
	}}
	dr.refs = [][8]int32{{0, 1, 2, 3, 4, 5, 6, 7}, {2, 3, 0, 0, 1, 4, 3, 2}}
	for _, c := range dr.cells {
		dr.csv = append(dr.csv, string(appendCSVField(nil, Neutralize(c.Text))))
	}
	return dr, ds
}

// TestDeviceRowsHTMLMatchesCells: device rows written straight from the
// encoded cells read as the general rows renderer writes them.
func TestDeviceRowsHTMLMatchesCells(t *testing.T) {
	dr, ds := testDeviceRows()
	ds = []*analyze.Device{ds[1], ds[0]}
	for _, path := range []string{"index.html", "devices/index.html", "contracts/93824710/index.html"} {
		p := &Page{Path: path}
		for _, limit := range []int{0, 1, 2, 5} {
			got, want := dr.rowsHTML(p, ds, limit), rowsHTML(dr.rows(p, ds, limit))
			if got != want {
				t.Errorf("%s, %d rows:\n got %s\nwant %s", path, limit, got, want)
			}
		}
	}
	if got := dr.rows(&Page{Path: "devices/index.html"}, ds, 1)[0]; got[0].Text != "FOC1" || got[4].Text != "C9300" || got[4].Href != "../products/c9300/index.html" {
		t.Errorf("row of FOC1: %v", got)
	}
}

// TestDeviceCSVMatchesEncodingCSV: a device table's download, assembled
// from the cells' encoded fields, is what encoding/csv writes for the
// neutralised cells.
func TestDeviceCSVMatchesEncodingCSV(t *testing.T) {
	dr, ds := testDeviceRows()
	var want bytes.Buffer
	w := csv.NewWriter(&want)
	head := []string{}
	for _, c := range deviceColumns {
		head = append(head, c.Name)
	}
	_ = w.Write(head)
	for _, d := range ds {
		rec := []string{Neutralize(d.Serial), Neutralize(d.HostName)}
		for _, i := range dr.refs[d.Index] {
			rec = append(rec, Neutralize(dr.cells[i].Text))
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
	dr, _ := testDeviceRows()
	got := string(dr.appendShared(nil))
	js := strings.TrimSuffix(strings.TrimPrefix(got, "renewalsDeviceRows("), ");\n")
	var args []any
	if err := json.Unmarshal([]byte("["+js+"]"), &args); err != nil {
		t.Fatalf("%v in\n%s", err, got)
	}
	rows, cells := args[0].([]any), args[1].([]any)
	if len(rows) != 2 || len(cells) != len(dr.cells) {
		t.Fatalf("%d rows and %d cells:\n%s", len(rows), len(cells), got)
	}
	second := rows[1].([]any)
	if second[0] != "FOC1" || second[1] != ` "core", hall 1` || second[2] != 2.0 || second[9] != 2.0 {
		t.Errorf("second row %v", second)
	}
	if c := cells[0].([]any); c[0] != "C9300" || c[2] != "products/c9300/index.html" {
		t.Errorf("first cell %v", c)
	}
	if cells[3] != "" || cells[5] != "-2+3" {
		t.Errorf("plain cells %v, %v: a cell without link or sort key is its text", cells[3], cells[5])
	}
	if strings.Contains(got, "<x>") || strings.Contains(got, "</") {
		t.Errorf("the rows file carries markup:\n%s", got)
	}
}
