package site

import (
	"bytes"
	"encoding/csv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tableCSV renders a table as CSV for download. Text from the inputs may
// begin with =, +, -, @, a tab or a carriage return, which a spreadsheet
// would run as a formula; such a cell is prefixed with ' unless it is a
// plain number.
func tableCSV(t *Table) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	head := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = Neutralize(c.Name)
	}
	_ = w.Write(head)
	row := make([]string, len(t.Columns))
	for _, r := range t.Rows {
		for i, c := range r {
			row[i] = Neutralize(c.Text)
		}
		_ = w.Write(row)
	}
	w.Flush()
	return b.Bytes()
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
