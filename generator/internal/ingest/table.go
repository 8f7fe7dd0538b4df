package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

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

// quirk is a count of one kind of quirk and where it was first seen.
type quirk struct {
	contract.Quirk
	pos diag.Pos
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
			t.stat.Vocabulary = map[Kind]string{KindLifecycle: "EoX API (JSON)", KindCoverage: "Serial Number to Information API (JSON)"}[kind]
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

type header struct {
	delim   rune
	skip    int // records before the header row
	line    int
	headers []string
	keys    []string
	n       int
}

// where says where in report.toml a file of each kind is listed.
var where = map[Kind]string{
	KindCoverage:  "as coverage of a [[snapshot]]",
	KindLifecycle: "under lifecycle",
	KindQuotes:    "under files of a [[quotes]] entry",
}

// recognise says what a file that is not of kind is, from its first
// records: an export of another kind (and where it belongs), or a pivot
// summary, which holds no lines at all. It returns "" when it cannot tell.
func recognise(records [][]string, kind Kind) string {
	fiscal := 0
	for _, rec := range records {
		for _, c := range rec {
			n := NormalizeHeader(c)
			if n == "totalyearsamount" || n == "grandtotalamount" {
				return "this is a summary (quantity and value per account, product and fiscal year), not line-level data: export the lines instead (Cisco Ready's install base, CX Cloud's assets or Service Contract Center's contract lines)"
			}
			if len(n) >= 4 && strings.HasPrefix(n, "fy") && strings.IndexFunc(n[2:], func(r rune) bool { return r < '0' || r > '9' }) < 0 {
				fiscal++
			}
		}
		if fiscal >= 2 {
			return "this looks like a summary by fiscal year, not line-level data: export the lines instead (Cisco Ready's install base, CX Cloud's assets or Service Contract Center's contract lines)"
		}
		for _, other := range []Kind{KindCoverage, KindLifecycle, KindQuotes} {
			if other == kind {
				continue
			}
			ov := vocabularyFor(other)
			if keys, n := ov.match(rec); n >= 3 && len(ov.missing(keys)) == 0 {
				return fmt.Sprintf("this looks like a %s, not a %s: list it %s in report.toml", ov.what, vocabularyFor(kind).what, where[other])
			}
		}
	}
	return ""
}

// headRecords returns the first records of a delimited text, read with
// whichever delimiter splits its lines into the most cells.
func headRecords(body []byte) [][]string {
	var best [][]string
	width := 0
	for _, delim := range []rune{',', ';', '\t'} {
		r := newReader(body, delim)
		r.ReuseRecord = false
		var recs [][]string
		w := 0
		for range headerScanLines {
			rec, err := r.Read()
			if err != nil {
				break
			}
			recs = append(recs, rec)
			w = max(w, len(rec))
		}
		if w > width {
			best, width = recs, w
		}
	}
	return best
}

// findHeader looks for the header row by its vocabulary within the first
// records, trying comma, semicolon and tab as the delimiter. The first row
// with every required column wins; failing that, the row that recognises
// the most columns is returned so that the caller can say what is missing.
func findHeader(body []byte, v *vocabulary) (header, error) {
	var best header
	var firstErr error
	for _, delim := range []rune{',', ';', '\t'} {
		r := newReader(body, delim)
		r.ReuseRecord = false
		for i := 0; i < headerScanLines; i++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				if firstErr == nil && delim == ',' {
					firstErr = err
				}
				break
			}
			keys, n := v.match(rec)
			if n == 0 {
				continue
			}
			line, _ := r.FieldPos(0)
			h := header{delim: delim, skip: i, line: line, headers: rec, keys: keys, n: n}
			if n >= 3 && len(v.missing(keys)) == 0 {
				return h, nil
			}
			if n > best.n {
				best = h
			}
		}
	}
	if best.n == 0 && firstErr != nil {
		return best, firstErr
	}
	return best, nil
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

// pos returns the position of the cell of field key in the current row.
func (t *table) pos(key string) diag.Pos {
	p := diag.Pos{File: t.name, Sheet: t.sheet, Line: t.line, Col: 1}
	if j, ok := t.index[key]; ok {
		if line, col, ok := t.r.FieldPos(j); ok { // a short row lacks the column
			p.Line, p.Col = line, col
		}
	}
	return p
}

// header returns the column header of field key as the file writes it.
func (t *table) header(key string) string {
	if j, ok := t.index[key]; ok {
		return strings.TrimSpace(strings.TrimPrefix(t.headers[j], "\uFEFF"))
	}
	return t.vocab.field(key).headers[0]
}

// has reports whether the file has a column for field key.
func (t *table) has(key string) bool {
	_, ok := t.index[key]
	return ok
}

// fail reports a cell that cannot be read.
func (t *table) fail(key string, err error) {
	d := diag.Diagnostic{Pos: t.pos(key), Severity: diag.Error, Msg: t.header(key) + ": " + err.Error()}
	var ve *valueError
	if errors.As(err, &ve) {
		d.Notes = ve.Notes
	}
	if t.shown != nil {
		// A workbook's cell is read as stored; say what Excel shows too.
		if text := t.shown(d.Pos.Line, d.Pos.Col); text != "" {
			d.Notes = append([]string{fmt.Sprintf("the cell shows %q", text)}, d.Notes...)
		}
	}
	t.diags.Add(d)
}

// failf reports a cell that cannot be used.
func (t *table) failf(key, format string, args ...any) {
	t.fail(key, &valueError{Msg: fmt.Sprintf(format, args...)})
}

// text returns the trimmed value of a cell, or "" for a placeholder, which
// is counted.
func (t *table) text(key, raw string) string {
	s := strings.TrimSpace(raw)
	if s != "" && isPlaceholder(s) {
		t.quirk("placeholder", key, fmt.Sprintf("%q in %s", s, t.header(key)), 0)
		return ""
	}
	if isMasked(s) {
		t.quirk("masked", key, fmt.Sprintf("%q in %s", s, t.header(key)), 0)
		return ""
	}
	return s
}

// isMasked reports a value the Cisco APIs hide from a caller who is not
// entitled to it: no value, and never a contract number, date or level.
func isMasked(s string) bool { return strings.EqualFold(s, "Confidential") }

// id reads an identifier that may have passed through a spreadsheet, such
// as a contract number written 93824710.0.
func (t *table) id(key, raw string) string {
	s := t.text(key, raw)
	if n, changed := excelNumber(s); changed {
		t.quirk("excel-number", key, fmt.Sprintf("%q → %q in %s", s, n, t.header(key)), 0)
		return n
	}
	return s
}

// free returns free text (a description, a comment) trimmed, with line
// breaks inside the cell kept as \n.
func (t *table) free(raw string) string {
	return strings.TrimSpace(strings.ReplaceAll(raw, "\r\n", "\n"))
}

func (t *table) date(key, raw string) contract.Date {
	s := strings.TrimSpace(raw)
	if isPlaceholder(s) || isMasked(s) {
		t.text(key, raw)
		return 0
	}
	if v, ok := dateObject(s); ok {
		s = v
		if s == "" {
			return 0
		}
	}
	d, err := ParseDate(s, t.opt.DateOrder)
	if err != nil {
		t.fail(key, err)
	}
	if t.opt.Date1904 && d != 0 && isSerial(s) {
		d = d.AddDays(1462) // serial 0 is 1904-01-01, not 1899-12-30
	}
	return d
}

// dateObject reads the value of a date object that a tool flattening the
// EoX API wrote into a cell as Python prints it, {'value': '2011-12-31',
// 'dateFormat': 'YYYY-MM-DD'}, or as JSON.
func dateObject(s string) (string, bool) {
	if !strings.HasPrefix(s, "{") {
		return "", false
	}
	m := dateObjectValue.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1] + m[2]), true
}

var dateObjectValue = regexp.MustCompile(`['"]value['"]\s*:\s*(?:'([^']*)'|"([^"]*)")`)

// isSerial reports whether s is a spreadsheet's date serial number.
func isSerial(s string) bool {
	whole, _, _ := strings.Cut(s, ".")
	return whole != "" && strings.IndexFunc(whole, func(r rune) bool { return r < '0' || r > '9' }) < 0
}

func (t *table) money(key, raw string) contract.Money {
	s := strings.TrimSpace(raw)
	if isPlaceholder(s) || isMasked(s) {
		t.text(key, raw)
		return 0
	}
	m, err := ParseMoney(s, t.opt.DecimalComma)
	if err != nil {
		t.fail(key, err)
	}
	return m
}

// currency checks that the row is in the report currency.
func (t *table) currency(raw string) string {
	c := strings.ToUpper(t.text("currency", raw))
	if c != "" && t.opt.Currency != "" && c != t.opt.Currency {
		t.failf("currency", "%q is not the report currency %q; amounts in two currencies cannot be added (set currency in the config, or convert the file)", c, t.opt.Currency)
	}
	return c
}

// quirk counts one data-changing quirk in the current row.
func (t *table) quirk(kind, key, example string, money contract.Money) {
	for _, q := range t.quirks {
		if q.Kind == kind {
			q.Count++
			q.Money += money
			return
		}
	}
	p := t.pos(key)
	t.quirks = append(t.quirks, &quirk{pos: p, Quirk: contract.Quirk{File: t.name, Kind: kind, Count: 1,
		First: contract.Ref{File: t.name, Line: p.Line}, Example: example, Money: money}})
}

// quirkMessages phrase a quirk count as a warning.
var quirkMessages = map[string]func(q *contract.Quirk, currency string) string{
	"placeholder": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s read as empty (first: %s)", count(q.Count, "placeholder value"), q.Example)
	},
	"excel-number": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s written in spreadsheet form normalised (first: %s)", count(q.Count, "number"), q.Example)
	},
	"totals-row": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s skipped (first: %s)", count(q.Count, "totals row"), q.Example)
	},
	"no-serial": func(q *contract.Quirk, cur string) string {
		return fmt.Sprintf("%s without a serial number dropped, with %s on them (first: %s)", count(q.Count, "row"), q.Money.Format(cur), q.Example)
	},
	"missing-dates": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s without a start or end date count as not active (first: %s)", count(q.Count, "contract line"), q.Example)
	},
	"unknown-service-level": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s with a service level not in the lookup table kept as written (first: %s)", count(q.Count, "line"), q.Example)
	},
	"masked": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s masked by the API read as no value (first: %s)", count(q.Count, "value"), q.Example)
	},
	"duplicate-row": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s listed twice counted once (first: %s)", count(q.Count, "line"), q.Example)
	},
	"duplicate-product": func(q *contract.Quirk, _ string) string {
		return fmt.Sprintf("%s listed more than once; the first announced record is used (first: %s)", count(q.Count, "product ID"), q.Example)
	},
}

func count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// finish turns the quirk counts into warnings and returns them.
func (t *table) finish() []contract.Quirk {
	out := make([]contract.Quirk, 0, len(t.quirks))
	for _, q := range t.quirks {
		msg := quirkMessages[q.Kind](&q.Quirk, t.opt.Currency)
		t.diags.Warnf(q.pos, q.Kind, "%s", msg)
		out = append(out, q.Quirk)
	}
	return out
}

// isTotal reports whether a label cell marks a totals row: TOTAL, Grand
// Total, Sub-total and the like, in any case and spacing. It runs on a cell
// of every row, so it folds ASCII cells without allocating.
func isTotal(s string) bool {
	var buf [16]byte
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return totalLabel(NormalizeHeader(s))
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			continue
		}
		if n == len(buf) {
			return false // longer than any totals label
		}
		buf[n] = c
		n++
	}
	return totalLabel(string(buf[:n]))
}

// totalLabel reports whether a label folded like a header marks totals.
func totalLabel(folded string) bool {
	switch folded {
	case "total", "totals", "grandtotal", "subtotal", "totalamount":
		return true
	}
	return false
}
