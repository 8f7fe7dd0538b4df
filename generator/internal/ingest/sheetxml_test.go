package ingest

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// sheetAll reads every row of a sheet with our reader.
func sheetAll(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	b, err := openXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := b.rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out [][]string
	for {
		rec, err := rows.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, slices.Clone(rec))
	}
}

// excelizeRows reads the same with excelize's row reader, blank rows and
// trailing empty cells left out, as ours does.
func excelizeRows(t *testing.T, data []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for len(rec) > 0 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1]
		}
		if len(rec) == 0 {
			continue
		}
		for i := range rec {
			rec[i] = plainNumber(rec[i])
		}
		out = append(out, rec)
	}
	return out
}

// TestSheetReaderAgreesWithExcelize reads workbooks excelize writes, cell
// by cell and streamed, with every kind of cell, and compares the rows.
func TestSheetReaderAgreesWithExcelize(t *testing.T) {
	t.Parallel()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Cells")
	set := func(cell string, v any) {
		if err := f.SetCellValue("Cells", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "Serial Number")
	set("B1", "Amount")
	set("C1", "Date")
	set("A2", "FOC2248X0AB")
	set("B2", 1234.56)
	set("C2", time.Date(2026, 12, 17, 0, 0, 0, 0, time.UTC))
	set("D2", true)
	set("A3", `a & b < c > d "q" 'a'`)
	set("B3", 93824710)
	set("E3", 1.2345e15)
	set("A5", "after a blank row")
	set("C5", "  spaced  ")
	set("AA5", "column AA")
	f.SetCellFormula("Cells", "B6", "B2*2")
	f.SetCellValue("Cells", "A6", "line\nbreak\ttab")
	f.SetCellRichText("Cells", "A7", []excelize.RichTextRun{{Text: "rich "}, {Text: "text", Font: &excelize.Font{Bold: true}}})
	set("A8", "Ünïcödé – 日本語")
	f.NewSheet("Streamed")
	sw, err := f.NewStreamWriter("Streamed")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Serial", "Net", "Flag"})
	sw.SetRow("A2", []any{"JAD21350ABC", 999.995, false})
	sw.SetRow("A4", []any{"x & y", nil, "z"})
	sw.SetRow("B5", []any{int64(4102444800)})
	sw.Flush()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []string{"Cells", "Streamed"} {
		want := excelizeRows(t, buf.Bytes(), sheet)
		got := sheetAll(t, buf.Bytes(), sheet)
		if len(want) < 4 {
			t.Fatalf("%s: excelize read only %q", sheet, want)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s:\n got %q\nwant %q", sheet, got, want)
		}
	}
}

// zipOf writes parts into a zip archive.
func zipOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fw, err := w.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(fw, parts[n])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSheetReaderXMLForms reads what other writers produce: prefixed
// names, single quotes, '>' inside values, comments, CDATA, entities,
// _xHHHH_ escapes, phonetic runs, cells and rows without references, an
// absolute part path and the 1904 date system.
func TestSheetReaderXMLForms(t *testing.T) {
	t.Parallel()
	const ns = `xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	data := zipOf(t, map[string]string{
		"xl/workbook.xml": `<?xml version="1.0"?><x:workbook ` + ns + `><x:workbookPr date1904="1"/><x:sheets>` +
			`<x:sheet name="Read me" sheetId="1" r:id="rId1"/><x:sheet name="Data &amp; more" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<?xml version="1.0"?><x:sst ` + ns + ` count="4"><x:si><x:t>Serial Number</x:t></x:si>` +
			`<x:si><x:r><x:t xml:space="preserve">Tokyo </x:t></x:r><x:r><x:t>Office</x:t></x:r><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:si>` +
			`<x:si><x:t>Line_x000D_break &#x263A; &#9731;</x:t></x:si><x:si/></x:sst>`,
		"xl/worksheets/sheet1.xml": `<x:worksheet ` + ns + `><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Read me</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
		"xl/worksheets/data.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet ` + ns + `><x:dimension ref="A1:C9"/><!-- a comment with <c> in it --><x:sheetData>
<x:row r='2' spans='1:3' note='a > b'><x:c r='A2' t='s'><x:v>0</x:v></x:c><x:c r="C2" s="1" t="s"><x:v>1</x:v></x:c></x:row>
<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c><x:v>45000</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>&lt;formula&gt;</x:v></x:c></x:row>
<x:row r="5"><x:c r="B5" t="inlineStr"><x:is><x:t><![CDATA[a <b> & c]]></x:t></x:is></x:c><x:c r="C5" t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="6"/>
<x:row r="7"><x:c r="A7" t="e"><x:v>#N/A</x:v></x:c><x:c r="B7"/><x:c r="C7" t="b"><x:v>1</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`,
	})
	b, err := openXLSX(data)
	if err != nil {
		t.Fatal(err)
	}
	if !b.date1904 || !slices.Equal(b.names, []string{"Read me", "Data & more"}) {
		t.Errorf("workbook: 1904 %v, sheets %q", b.date1904, b.names)
	}
	got := sheetAll(t, data, "Data & more")
	want := [][]string{
		{"Serial Number", "", "Tokyo Office"},
		{"Line\rbreak ☺ ☃", "45000", "<formula>"},
		{"", "a <b> & c"},
		{"#N/A", "", "1"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("rows:\n got %q\nwant %q", got, want)
	}
	rows, _ := b.rows("Data & more")
	rows.Read()
	rows.Read()
	if line, col, _ := rows.FieldPos(2); line != 3 || col != 3 {
		t.Errorf("a row without r follows row 2: at %d:%d", line, col)
	}
	rows.Close()
	if n := workbookRows(data); n != 10 {
		t.Errorf("rows from the dimension: %d", n)
	}
}

// TestSheetReaderBrokenXML fails with an error, never hangs or panics.
func TestSheetReaderBrokenXML(t *testing.T) {
	t.Parallel()
	for _, sheet := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v>`,
		`<worksheet><sheetData><row r="1"><c r="A1" t="s><v>1</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="x"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="1"><c r="A1" t=s><v>1</v></c></row></sheetData></worksheet>`,
	} {
		data := zipOf(t, map[string]string{
			"xl/workbook.xml":            `<workbook><sheets><sheet name="S" r:id="rId1" xmlns:r="r"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels": `<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/s.xml"/></Relationships>`,
			"xl/worksheets/s.xml":        sheet,
		})
		b, err := openXLSX(data)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := b.rows("S")
		if err != nil {
			t.Fatal(err)
		}
		var last error
		for range 10 {
			if _, last = rows.Read(); last != nil {
				break
			}
		}
		rows.Close()
		if last == nil || last == io.EOF {
			t.Errorf("%s: read without an error", sheet)
		} else if strings.Contains(last.Error(), "panic") {
			t.Errorf("%s: %v", sheet, last)
		}
	}
}

// FuzzSheetReader feeds the sheet reader any XML: it returns rows or an
// error, and ends.
func FuzzSheetReader(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`)
	f.Add(`<x:row r='2'><x:c r='B2'><x:v>1&amp;2</x:v></x:c></x:row><!-- -->`)
	f.Add(`<row><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>`)
	f.Fuzz(func(t *testing.T, sheet string) {
		s := &sheetRows{rc: io.NopCloser(nil), s: newXMLScanner(strings.NewReader(sheet)), sst: []string{"shared"}}
		for range len(sheet) + 2 {
			rec, err := s.Read()
			if err != nil {
				return
			}
			if len(rec) == 0 {
				t.Fatal("an empty record")
			}
		}
		t.Fatal("more rows than bytes")
	})
}
