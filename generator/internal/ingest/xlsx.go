package ingest

import (
	"archive/zip"
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// Excel workbooks (.xlsx) are read where any export is: CX Cloud, Cisco
// Ready, CCW-R and most partners hand out Excel (README: "Accepted input files"). The data
// sheet is the first whose header row the vocabulary recognises within its
// first rows (a "Summary" or "Read me" sheet beside it is passed over), or
// the one the file's entry names with sheet = "...". Rows are read
// as the workbook stores each cell (sheetxml.go): a date cell is its serial
// number, which the date reader takes (in the workbook's date system),
// numeric money is its decimal digits, which the money reader turns into
// cents without a float, and an ID stored as a number is its digits.
// excelize reads the text a cell shows, for a diagnostic that quotes it.
// Positions read file.xlsx:Sheet!D14.

// zipMagic starts every .xlsx (a zip archive); oleMagic every .xls (an OLE2
// compound file).
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// isWorkbook reports whether data is an Excel file of any format.
func isWorkbook(data []byte) bool {
	return bytes.HasPrefix(data, zipMagic) || bytes.HasPrefix(data, oleMagic)
}

// plainNumber writes a number the workbook stores in exponent form
// (1.2345E+15) with plain digits; any other value is kept.
func plainNumber(s string) string {
	if !strings.ContainsAny(s, "eE") || strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r == '.' || r == '-' || r == '+' || r == 'e' || r == 'E')
	}) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// openWorkbook prepares to read the data sheet of an Excel file.
func openWorkbook(name string, data []byte, kind Kind, opt Options, diags *diag.List) *table {
	at := diag.Pos{File: name}
	if bytes.HasPrefix(data, oleMagic) {
		diags.Errorf(at, "this is an Excel 97-2003 workbook (.xls), which renewals does not read: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8")
		return nil
	}
	if zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err == nil {
		for _, f := range zr.File {
			if f.Name == "xl/workbook.bin" {
				diags.Errorf(at, "this is an Excel Binary Workbook (.xlsb), which renewals does not read: open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8")
				return nil
			}
		}
	}
	book, err := openXLSX(data)
	if err != nil {
		diags.Errorf(at, "cannot read this workbook: %v (save it as .xlsx or CSV UTF-8)", err)
		return nil
	}
	v := vocabularyFor(kind)
	opt.Date1904 = book.date1904
	sheets := book.names
	if opt.Sheet != "" {
		if !slices.Contains(sheets, opt.Sheet) {
			diags.Errorf(at, "the workbook has no sheet %q (its sheets: %s)", opt.Sheet, strings.Join(sheets, ", "))
			return nil
		}
		sheets = []string{opt.Sheet}
	}
	// The data sheet: the first with every required column, else the one
	// that comes closest, so that the message can say what is missing.
	type found struct {
		sheet   string
		skip    int // rows read before the header row
		row     int
		headers []string
		keys    []string
		n       int
	}
	var best found
	for _, sh := range sheets {
		src, err := book.rows(sh)
		if err != nil {
			continue
		}
		for i := 0; i < headerScanLines; i++ {
			rec, err := src.Read()
			if err != nil {
				break
			}
			keys, n := v.match(rec)
			if n == 0 {
				continue
			}
			h := found{sheet: sh, skip: i, row: src.row, headers: append([]string(nil), rec...), keys: keys, n: n}
			if n >= 3 && len(v.missing(keys)) == 0 {
				best = h
				break
			}
			if n > best.n {
				best = h
			}
		}
		src.Close()
		if best.n >= 3 && len(v.missing(best.keys)) == 0 {
			break
		}
	}
	if best.n < 2 || len(v.missing(best.keys)) > 0 {
		for _, sh := range sheets {
			if what := recognise(sheetHead(book, sh), kind); what != "" {
				diags.Errorf(diag.Pos{File: name, Sheet: sh}, "%s", what)
				return nil
			}
		}
	}
	if best.n < 2 {
		diags.Errorf(at, "no sheet of this workbook (%s) has the header row of a %s in its first %d rows: missing required columns: %s",
			strings.Join(book.names, ", "), v.what, headerScanLines, strings.Join(v.missing(nil), "; "))
		return nil
	}
	if m := v.missing(best.keys); len(m) > 0 {
		diags.Errorf(diag.Pos{File: name, Sheet: best.sheet, Line: best.row, Col: 1}, "the header row of this %s lacks required columns: %s", v.what, strings.Join(m, "; "))
		return nil
	}
	src, err := book.rows(best.sheet)
	if err != nil {
		diags.Errorf(at, "cannot read sheet %s: %v", best.sheet, err)
		return nil
	}
	for range best.skip {
		src.Read()
	}
	t := &table{name: name, sheet: best.sheet, vocab: v, opt: opt, diags: diags, r: src}
	var f *excelize.File // opened for the first diagnostic that quotes a cell
	t.shown = func(row, col int) string {
		cell, err := excelize.CoordinatesToCellName(max(col, 1), row)
		if err != nil {
			return ""
		}
		if f == nil {
			// Held in memory (no temporary files to clean up): only a
			// workbook with errors is opened this way.
			all := excelize.Options{UnzipSizeLimit: 1 << 40, UnzipXMLSizeLimit: 1 << 40}
			if f, err = excelize.OpenReader(bytes.NewReader(data), all); err != nil {
				return ""
			}
		}
		text, _ := f.GetCellValue(best.sheet, cell)
		if col >= 1 && col <= len(src.rec) && strings.TrimSpace(text) == strings.TrimSpace(src.rec[col-1]) {
			return "" // the message quotes it already
		}
		return text
	}
	t.stat = contract.FileStat{Path: name, Kind: string(kind)}
	t.setHeader(best.headers, best.keys, best.row)
	t.stat.Vocabulary += " workbook, sheet " + best.sheet
	return t
}

// sheetHead returns the first rows of a sheet.
func sheetHead(book *xlsxBook, sheet string) [][]string {
	src, err := book.rows(sheet)
	if err != nil {
		return nil
	}
	defer src.Close()
	var out [][]string
	for range headerScanLines {
		rec, err := src.Read()
		if err != nil {
			break
		}
		out = append(out, append([]string(nil), rec...))
	}
	return out
}
