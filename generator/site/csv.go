package site

import (
	"bytes"
	"encoding/csv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// utf8BOM starts every download, so that Excel reads it as UTF-8.
const utf8BOM = "\uFEFF"

// tableCSV renders a table as CSV for download, ready for a spreadsheet:
// UTF-8 with a byte order mark, amounts and counts as plain numbers (the
// currency in the column's name), dates as ISO dates. Text from the
// inputs may begin with =, +, -, @, a tab or a carriage return, which a
// spreadsheet would run as a formula; such a cell is prefixed with '
// unless it is a plain number.
func tableCSV(t *Table, currency string) []byte {
	var b bytes.Buffer
	b.WriteString(utf8BOM)
	w := csv.NewWriter(&b)
	_ = w.Write(csvHead(t.Columns, moneyColumns(t), currency))
	row := make([]string, len(t.Columns))
	for _, r := range t.Rows {
		for i, c := range r {
			row[i] = Neutralize(csvText(c))
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
}

// csvHead is the header row of a download: each column's name, with the
// currency after the name of a column of amounts.
func csvHead(cols []Column, money map[int]bool, currency string) []string {
	head := make([]string, len(cols))
	for i, c := range cols {
		name := c.Name
		if money[i] {
			name += " (" + currency + ")"
		}
		head[i] = Neutralize(name)
	}
	return head
}

// moneyColumns says which columns of t hold amounts.
func moneyColumns(t *Table) map[int]bool {
	out := map[int]bool{}
	for _, r := range t.Rows {
		for i, c := range r {
			if c.Money {
				out[i] = true
			}
		}
	}
	return out
}

// csvText is what a download holds of a cell.
func csvText(c Cell) string {
	if c.Value != "" || c.Money {
		return c.Value
	}
	return c.Text
}

// Neutralize guards one CSV cell against formula injection.
func Neutralize(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber(s) {
		return s
	}
	return "'" + s
}

// plainNumber reports whether s is a number such as -99.10 or +5, which a
// spreadsheet reads as a value, not a formula.
func plainNumber(s string) bool {
	if s[0] == '+' || s[0] == '-' {
		s = s[1:]
	}
	digits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return digits > 0
}

// appendCSVField appends field to b as encoding/csv writes it with a
// comma: quoted, with quotes doubled, when it holds a comma, a quote or a
// line break, begins with a space, or is \. (a line that ends PostgreSQL
// COPY input).
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(field, '"')
		if i < 0 {
			break
		}
		b = append(b, field[:i+1]...)
		b = append(b, '"')
		field = field[i+1:]
	}
	b = append(b, field...)
	return append(b, '"')
}

func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` || strings.ContainsAny(field, ",\"\r\n") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}
