// data/report.xlsx: every table of the site as a sheet of one workbook,
// numbers as numbers, dates as dates, the header row frozen and filtered.

package site

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// WorkbookFile is the workbook of every table.
const WorkbookFile = "data/report.xlsx"

// Cell kinds of a sheet.
const (
	xText = iota
	xNumber
	xMoney
	xDate
)

type xCell struct {
	kind int
	text string // the text, the number's digits, or the ISO date
}

type xSheet struct {
	name string
	head []string
	rows [][]xCell
}

// isoDay reports whether s is written as 2026-12-31.
func isoDay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := range 10 {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

// xCellOf reads a page cell as the workbook should hold it.
func xCellOf(c Cell) xCell {
	switch {
	case c.Money && c.Value != "":
		return xCell{xMoney, c.Value}
	case c.Num && c.Value != "":
		return xCell{xNumber, c.Value}
	case isoDay(c.Text):
		return xCell{xDate, c.Text}
	}
	return xCell{xText, c.Text}
}

// workbook makes data/report.xlsx from the tables of the site's pages:
// one sheet per table, and every device once on a sheet of its own rather
// than in each table that lists some of them.
func (b *builder) workbook() ([]byte, error) {
	var sheets []xSheet
	names := map[string]bool{}
	name := func(caption string) string {
		n := strings.Map(func(r rune) rune {
			if strings.ContainsRune(`[]:*?/\`, r) {
				return '-'
			}
			return r
		}, caption)
		n = truncate(n, 31)
		for i := 2; names[n]; i++ {
			suffix := " " + strconv.Itoa(i)
			n = truncate(strings.TrimSpace(n), 31-len(suffix)) + suffix
		}
		names[n] = true
		return n
	}
	if b.devRows != nil && len(b.r.Devices) > 0 {
		s := xSheet{name: name("Devices"), head: csvHead(deviceColumns, map[int]bool{len(deviceColumns) - 1: true}, b.r.Currency)}
		for i, d := range b.r.Devices {
			row := []xCell{{xText, d.Serial}, {xText, d.HostName}}
			for _, ref := range b.devRows.refs[i] {
				row = append(row, xCellOf(b.devRows.cells[ref]))
			}
			s.rows = append(s.rows, row)
		}
		sheets = append(sheets, s)
	}
	for _, p := range b.pages {
		for _, blk := range p.Blocks {
			t := blk.Table
			if t == nil || t.enc != nil {
				continue
			}
			s := xSheet{name: name(cmp.Or(t.Caption, t.ID)), head: csvHead(t.Columns, moneyColumns(t), b.r.Currency)}
			for _, r := range t.Rows {
				row := make([]xCell, len(r))
				for i, c := range r {
					row[i] = xCellOf(c)
				}
				s.rows = append(s.rows, row)
			}
			sheets = append(sheets, s)
		}
	}
	return writeXLSX(sheets)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// writeXLSX writes the sheets as an .xlsx: inline strings, numbers,
// amounts with two decimals and dates as date serials in yyyy-mm-dd, each
// sheet's header bold, frozen and filtered, its columns sized to their
// text. The bytes depend on the sheets alone.
func writeXLSX(sheets []xSheet) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	z.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	part := func(name, body string) error {
		w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, body)
		return err
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	var types, wbSheets, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlEscape(s.name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, len(sheets)+1)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` + types.String() + `</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook ` + ns + `><sheets>` + wbSheets.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
			`<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>` +
			`<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
			`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
			`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
			`<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
			`<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
			`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
			`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
			`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`},
	}
	for _, p := range parts {
		if err := part(p.name, p.body); err != nil {
			return nil, err
		}
	}
	for i, s := range sheets {
		w, err := z.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if err := writeSheet(w, s); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeSheet writes one worksheet, a row at a time.
func writeSheet(w io.Writer, s xSheet) error {
	last := diag.ColumnName(max(len(s.head), 1))
	rows := len(s.rows) + 1
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:%s%d"/>`, last, rows)
	bw.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	bw.WriteString(`<cols>`)
	for i, h := range s.head {
		width := utf8.RuneCountInString(h)
		for j, r := range s.rows {
			if j == 500 {
				break
			}
			if i < len(r) {
				width = max(width, utf8.RuneCountInString(r[i].text))
			}
		}
		fmt.Fprintf(bw, `<col min="%d" max="%d" width="%d" customWidth="1"/>`, i+1, i+1, min(width+3, 60))
	}
	bw.WriteString(`</cols><sheetData><row r="1">`)
	for i, h := range s.head {
		fmt.Fprintf(bw, `<c r="%s1" t="inlineStr" s="3"><is><t>%s</t></is></c>`, diag.ColumnName(i+1), xmlEscape(h))
	}
	bw.WriteString(`</row>`)
	cols := make([]string, len(s.head))
	for i := range cols {
		cols[i] = diag.ColumnName(i + 1)
	}
	var line []byte
	for j, r := range s.rows {
		n := strconv.Itoa(j + 2)
		line = append(line[:0], `<row r="`...)
		line = append(line, n...)
		line = append(line, `">`...)
		for i, c := range r {
			col := diag.ColumnName(i + 1)
			if i < len(cols) {
				col = cols[i]
			}
			ref := func() {
				line = append(line, `<c r="`...)
				line = append(line, col...)
				line = append(line, n...)
				line = append(line, '"')
			}
			switch c.kind {
			case xNumber, xMoney:
				ref()
				if c.kind == xMoney {
					line = append(line, ` s="1"`...)
				}
				line = append(line, `><v>`...)
				line = append(line, c.text...)
				line = append(line, `</v></c>`...)
				continue
			case xDate:
				if serial, ok := dateSerial(c.text); ok {
					ref()
					line = append(line, ` s="2"><v>`...)
					line = strconv.AppendInt(line, int64(serial), 10)
					line = append(line, `</v></c>`...)
					continue
				}
			}
			if c.text != "" {
				ref()
				line = append(line, ` t="inlineStr"><is><t xml:space="preserve">`...)
				line = appendXMLEscaped(line, c.text)
				line = append(line, `</t></is></c>`...)
			}
		}
		line = append(line, `</row>`...)
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	fmt.Fprintf(bw, `</sheetData><autoFilter ref="A1:%s%d"/></worksheet>`, last, rows)
	return bw.Flush()
}

// dateSerial is a date's serial in the 1900 date system: days since
// 1899-12-30.
func dateSerial(iso string) (int, bool) {
	var day contract.Date
	if err := day.UnmarshalText([]byte(iso)); err != nil || day.IsZero() {
		return 0, false
	}
	return day.Sub(serialBase), true
}

var serialBase, _ = contract.ValidDate(1899, 12, 30)

// xmlEscape escapes text for XML and drops the characters XML cannot
// hold.
func xmlEscape(s string) string { return string(appendXMLEscaped(nil, s)) }

func appendXMLEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r != 0xFFFE && r != 0xFFFF && !(r >= 0xD800 && r <= 0xDFFF):
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}
