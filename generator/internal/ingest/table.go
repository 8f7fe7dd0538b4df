package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// Options are the settings from the config that change how cells read.
type Options struct {
	DateOrder    DateOrder
	DecimalComma bool
	// Currency is the report currency; a row in another currency is an
	// error, since its amounts cannot be added to the rest.
	Currency string
	// Partner and Kind apply to quote files without Partner and Partner
	// Type columns.
	Partner string
	Kind    string
	// Sheet names the data sheet of a workbook ("" finds it by its header
	// row); Date1904 says the workbook counts dates from 1904.
	Sheet    string
	Date1904 bool
}

// headerScanLines is how many records may come before the header row.
const headerScanLines = 50

// table reads one CSV file of a known kind row by row.
type table struct {
	name    string
	sheet   string // a workbook's data sheet, "" for a text file
	vocab   *vocabulary
	opt     Options
	diags   *diag.List
	r       source
	headers []string       // as written in the file
	index   map[string]int // field key → column
	line    int            // line of the current row
	stat    contract.FileStat
	quirks  []*quirk
	// lines are the coverage lines read so far, to count a repeated row
	// once.
	lines    map[lineKey]struct{}
	sizeHint int // about how many rows the file holds
	// shown returns the text a workbook shows in a cell (row, column), for
	// messages; nil for a text file.
	shown func(row, col int) string
}

// lineKey is what makes a coverage line the same as another.
type lineKey struct {
	serial, instance, contract string
	start, end                 contract.Date
}

// setHeader records the header row found on line (a workbook's row) and
// which field each of its columns holds.
func (t *table) setHeader(headers, keys []string, line int) {
	t.headers = headers
	t.index = map[string]int{}
	for i, k := range keys {
		if k != "" {
			t.index[k] = i
		}
	}
	t.stat.HeaderLine = line
	t.stat.Vocabulary = t.vocab.style(headers)
}

// source yields the records of a file and where each field starts: a
// delimited text file's (records), or a JSON or Excel file's held in a grid.
type source interface {
	Read() ([]string, error)
	FieldPos(i int) (line, col int, ok bool)
}

// open finds the header row of data and prepares to read the rows after
// it. It reports problems to diags and returns nil when the file cannot be
// read at all.
func open(name string, data []byte, kind Kind, opt Options, diags *diag.List) *table {
	if isWorkbook(data) {
		return openWorkbook(name, data, kind, opt, diags)
	}
	body, ok := text(name, data, diags)
	if !ok {
		diags.Source(name, data)
		return nil
	}
	diags.Source(name, body)
	if isJSON(body) {
		g := jsonGrid(name, body, kind, diags)
		if g == nil {
			return nil
		}
		t := openGrid(name, g, kind, opt, diags)
		if t != nil {
			t.stat.Vocabulary = map[Kind]string{KindLifecycle: "EoX API (JSON)", KindCoverage: "Serial Number to Information API (JSON)",
				KindInventory: "inventory (JSON)", KindAlerts: "openVuln API (JSON)"}[kind]
		}
		return t
	}
	v := vocabularyFor(kind)
	t := &table{name: name, vocab: v, opt: opt, diags: diags, sizeHint: estimateRows(body)}
	t.stat = contract.FileStat{Path: name, Kind: string(kind)}

	h, err := findHeader(body, v)
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			diags.Errorf(diag.Pos{File: name, Line: pe.Line, Col: pe.Column}, "%v", pe.Err)
			return nil
		}
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "%v", err)
		return nil
	}
	if h.n < 2 || len(v.missing(h.keys)) > 0 {
		if what := recognise(headRecords(body), kind); what != "" {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "%s", what)
			return nil
		}
	}
	if h.n < 2 {
		diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "cannot find the header row of a %s in the first %d lines: missing required columns: %s",
			v.what, headerScanLines, strings.Join(v.missing(nil), "; "))
		return nil
	}
	if m := v.missing(h.keys); len(m) > 0 {
		diags.Errorf(diag.Pos{File: name, Line: h.line, Col: 1}, "the header row of this %s lacks required columns: %s", v.what, strings.Join(m, "; "))
		return nil
	}

	t.r = newRecords(body, h.delim)
	for range h.skip {
		if _, err := t.r.Read(); err != nil {
			diags.Errorf(diag.Pos{File: name, Line: 1, Col: 1}, "%v", err)
			return nil
		}
	}
	t.setHeader(h.headers, h.keys, h.line)
	t.stat.Delimiter = h.delim
	return t
}

func newReader(body []byte, delim rune) *csv.Reader {
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	return r
}

// rows reads every data row into T, a struct of strings tagged with field
// keys (`csv:"serial"`), and calls fn for each row that is not blank. The
// row passed to fn is reused for the next row. Positions come from our own
// reader, so they are exact even after a quoted cell that spans lines.
//
// The tags are matched to the file's columns once; each row then costs one
// string assignment a mapped cell. (Mapping through gocsv boxed every cell
// through reflection: 22 allocations a row, the largest cost of importing a
// large estate.)
func rows[T any](t *table, fn func(*T)) {
	var row T
	cells, err := bind(&row, t.index)
	if err == nil {
		_, err = t.r.Read() // the header row, found by open
	}
	if err != nil {
		t.diags.Errorf(diag.Pos{File: t.name, Sheet: t.sheet, Line: t.stat.HeaderLine, Col: 1}, "%v", err)
		return
	}
	var zero T
	for {
		rec, err := t.r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.readError(err)
			return
		}
		t.line, _, _ = t.r.FieldPos(0)
		row = zero
		empty := true
		for _, c := range cells {
			if c.col < len(rec) {
				*c.field = rec[c.col]
				empty = empty && isSpace(rec[c.col])
			}
		}
		if empty {
			t.stat.Skipped++
			continue
		}
		t.stat.Rows++
		fn(&row)
	}
}

// readError reports a row that cannot be read as CSV; the rest of the
// file is lost with it.
func (t *table) readError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d := diag.Diagnostic{Pos: diag.Pos{File: t.name, Line: pe.Line, Col: pe.Column}, Severity: diag.Error,
			Msg: fmt.Sprintf("%v; the rest of the file is not read", pe.Err)}
		switch pe.Err {
		case csv.ErrBareQuote, csv.ErrQuote:
			d.Notes = []string{`a cell with a quote in it must be quoted whole, its quotes doubled: "24"" rack"; check that the export was not edited by hand`}
		}
		t.diags.Add(d)
		return
	}
	t.diags.Errorf(diag.Pos{File: t.name, Sheet: t.sheet, Line: t.line + 1, Col: 1}, "%v", err)
}

// cell ties a column of the file to the field of the row struct that
// receives it.
type cell struct {
	col   int
	field *string
}

// bind matches the csv tags of the string fields of *row to the columns
// of index (field key → column), in column order.
func bind(row any, index map[string]int) ([]cell, error) {
	v := reflect.ValueOf(row).Elem()
	var cells []cell
	for i := 0; i < v.NumField(); i++ {
		f := v.Type().Field(i)
		key := f.Tag.Get("csv")
		if key == "" {
			continue
		}
		if f.Type.Kind() != reflect.String {
			return nil, fmt.Errorf("internal error: field %s of %s is not a string", f.Name, v.Type())
		}
		if col, ok := index[key]; ok {
			cells = append(cells, cell{col: col, field: v.Field(i).Addr().Interface().(*string)})
		}
	}
	slices.SortFunc(cells, func(a, b cell) int { return a.col - b.col })
	return cells, nil
}

// isSpace reports whether s holds nothing but spaces.
func isSpace(s string) bool { return strings.TrimSpace(s) == "" }

// estimateRows guesses how many rows data holds, to size slices once.
func estimateRows(data []byte) int {
	if isWorkbook(data) {
		return workbookRows(data)
	}
	return bytes.Count(data, []byte{'\n'}) + 1
}
