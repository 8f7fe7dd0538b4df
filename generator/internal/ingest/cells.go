// Reading a row's cells: each value through its parser, each problem at
// its cell.

package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

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
