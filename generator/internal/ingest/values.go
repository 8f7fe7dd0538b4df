package ingest

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// DateOrder says how slash dates such as 03/04/2026 are read.
type DateOrder string

// Date orders accepted by the date_order setting.
const (
	MDY DateOrder = "mdy"
	DMY DateOrder = "dmy"
)

// valueError is a cell that cannot be read. Msg completes the sentence
// "<column>: ..."; Notes suggest the fix.
type valueError struct {
	Msg   string
	Notes []string
}

func (e *valueError) Error() string { return e.Msg }

var months = map[string]int{
	"JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
	"JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}

// excelEpoch is day 0 of Excel's 1900 date system as it is used in
// practice (1899-12-30, which absorbs Excel's phantom 1900-02-29).
var excelEpoch = contract.NewDate(1899, 12, 30)

// ParseDate reads one date cell. An empty cell or placeholder gives the
// zero Date and no error. Accepted forms: 2026-12-31 (with an optional time
// such as T00:00:00Z, which is ignored), slash dates in the given order
// with four- or two-digit years, 31.12.2026, 31-DEC-2026, 31-Dec-26,
// 31 Dec 2026, and Excel serial numbers from 10000 to 99999.
func ParseDate(s string, order DateOrder) (contract.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" || isPlaceholder(s) {
		return 0, nil
	}
	if d, ok, err := parseDate(s, order); ok || err != nil {
		return d, err
	}
	return 0, dateError(s, order)
}

func dateError(s string, order DateOrder) *valueError {
	example := "12/31/2026"
	if order == DMY {
		example = "31/12/2026"
	}
	return &valueError{Msg: fmt.Sprintf("cannot read %q as a date (accepted: 2026-12-31, %s, 31-DEC-2026, Excel serial; date_order = %q)", s, example, order)}
}

func parseDate(s string, order DateOrder) (contract.Date, bool, error) {
	switch {
	case len(s) >= 10 && s[4] == '-' && s[7] == '-':
		if len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
			return 0, false, nil
		}
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		if !ok1 || !ok2 || !ok3 {
			return 0, false, nil
		}
		date, ok := contract.ValidDate(y, m, d)
		return date, ok, nil
	case strings.Count(s, "/") == 2:
		return slashDate(s, order)
	case strings.Count(s, ".") == 2:
		p := split3(s, ".")
		d, ok1 := digits(p[0])
		m, ok2 := digits(p[1])
		y, ok3 := year(p[2])
		if !ok1 || !ok2 || !ok3 || len(p[0]) > 2 || len(p[1]) > 2 {
			return 0, false, nil
		}
		date, ok := contract.ValidDate(y, m, d)
		return date, ok, nil
	case strings.Count(s, "-") == 2 || strings.Count(s, " ") == 2:
		sep := "-"
		if strings.Count(s, "-") != 2 {
			sep = " "
		}
		p := split3(s, sep)
		d, ok1 := digits(p[0])
		m, ok2 := months[strings.ToUpper(p[1])]
		y, ok3 := year(p[2])
		if !ok1 || !ok2 || !ok3 || len(p[0]) > 2 {
			return 0, false, nil
		}
		date, ok := contract.ValidDate(y, m, d)
		return date, ok, nil
	}
	// Excel serial, possibly written as 46387.0 by a spreadsheet.
	n := strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	if !strings.Contains(s, ".") {
		n = s
	}
	if v, ok := digits(n); ok && len(n) == 5 {
		return excelEpoch.AddDays(v), true, nil
	}
	return 0, false, nil
}

func slashDate(s string, order DateOrder) (contract.Date, bool, error) {
	p := split3(s, "/")
	a, ok1 := digits(p[0])
	b, ok2 := digits(p[1])
	y, ok3 := year(p[2])
	if !ok1 || !ok2 || !ok3 || len(p[0]) > 2 || len(p[1]) > 2 {
		return 0, false, nil
	}
	m, d := a, b
	if order == DMY {
		m, d = b, a
	}
	if date, ok := contract.ValidDate(y, m, d); ok {
		return date, true, nil
	}
	// The other order would have worked: name the setting to change.
	if date, ok := contract.ValidDate(y, d, m); ok {
		other := DMY
		if order == DMY {
			other = MDY
		}
		e := dateError(s, order)
		e.Notes = []string{fmt.Sprintf("read as %s it is %s: if the file writes dates that way, set date_order = %q in the config", other, date, other)}
		return 0, false, e
	}
	return 0, false, nil
}

// split3 splits s, which holds sep exactly twice, around it, without the
// slice strings.Split allocates: dates are most of the cells of an export.
func split3(s, sep string) [3]string {
	a, rest, _ := strings.Cut(s, sep)
	b, c, _ := strings.Cut(rest, sep)
	return [3]string{a, b, c}
}

// year reads a four-digit year, or a two-digit one as 2000–2069 or
// 1970–1999.
func year(s string) (int, bool) {
	v, ok := digits(s)
	switch {
	case !ok:
		return 0, false
	case len(s) == 4:
		return v, true
	case len(s) == 2 && v < 70:
		return 2000 + v, true
	case len(s) == 2:
		return 1900 + v, true
	}
	return 0, false
}

// digits reads a short run of ASCII digits.
func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// ParseMoney reads one amount cell into cents. An empty cell or placeholder
// is zero. Accepted forms: 1512, 1512.00, 982.8, "$1,234.56", (99.10) and
// -99.10 for negatives, an optional currency symbol or code, and with
// decimalComma set, 1.234,56. More than two decimals round half away from
// zero.
func ParseMoney(s string, decimalComma bool) (contract.Money, error) {
	s = strings.TrimSpace(s)
	if s == "" || isPlaceholder(s) {
		return 0, nil
	}
	if m, ok := parseMoney(s, decimalComma); ok {
		if m > contract.MaxAmount || m < -contract.MaxAmount {
			return 0, &valueError{Msg: fmt.Sprintf("%q is beyond the largest amount accepted (%s either way)", s, contract.MaxAmount)}
		}
		return m, nil
	}
	e := &valueError{}
	if decimalComma {
		e.Msg = fmt.Sprintf("cannot read %q as an amount (accepted: 1234,56, 1.234,56, €1.234,56, (99,10); decimal = \",\")", s)
		if m, ok := parseMoney(s, false); ok {
			e.Notes = []string{fmt.Sprintf("with decimal = \".\" it reads as %s: if the file writes amounts that way, set decimal = \".\" in the config", m)}
		}
	} else {
		e.Msg = fmt.Sprintf("cannot read %q as an amount (accepted: 1234.56, 1,234.56, $1,234.56, (99.10); decimal = \".\")", s)
		if m, ok := parseMoney(s, true); ok {
			e.Notes = []string{fmt.Sprintf("with decimal = \",\" it reads as %s: if the file writes amounts that way, set decimal = \",\" in the config", m)}
		}
	}
	return 0, e
}

func parseMoney(s string, decimalComma bool) (contract.Money, bool) {
	dec := byte('.')
	if decimalComma {
		dec = ','
	}
	if m, ok := plainMoney(s, dec); ok {
		return m, true
	}
	return parseMoneyForms(s, decimalComma)
}

// plainMoney reads the form that most cells of an export have, digits
// with an optional decimal part (1512, 1512.00, 982.8), as
// parseMoneyForms would, without its general rules. It reports false for
// any other form.
func plainMoney(s string, dec byte) (contract.Money, bool) {
	var units int64
	i := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		units = units*10 + int64(s[i]-'0')
	}
	if i == 0 || i > 15 {
		return 0, false
	}
	cents := units * 100
	if i == len(s) {
		return contract.Money(cents), true
	}
	if s[i] != dec || i+1 == len(s) {
		return 0, false
	}
	frac := s[i+1:]
	for j := 0; j < len(frac); j++ {
		if frac[j] < '0' || frac[j] > '9' {
			return 0, false
		}
	}
	cents += int64(frac[0]-'0') * 10
	if len(frac) > 1 {
		cents += int64(frac[1] - '0')
	}
	if len(frac) > 2 && frac[2] >= '5' {
		cents++
	}
	return contract.Money(cents), true
}

// parseMoneyForms reads every accepted form of an amount: signs,
// parentheses, currency symbols and codes, and thousands separators.
//
// A value has at most one sign: parentheses or one minus, before or after
// the currency ((-5), --5 and (-$5) are errors, not 5).
func parseMoneyForms(s string, decimalComma bool) (contract.Money, bool) {
	neg := false
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	minus := func() bool {
		r, ok := strings.CutPrefix(s, "-")
		if !ok {
			return true
		}
		if neg {
			return false
		}
		neg, s = true, strings.TrimSpace(r)
		return true
	}
	if !minus() {
		return 0, false
	}
	s = trimCurrency(s)
	if !minus() { // $-99.10
		return 0, false
	}
	dec, thou := byte('.'), byte(',')
	if decimalComma {
		dec, thou = ',', '.'
	}
	intPart, frac, hasFrac := strings.Cut(s, string(dec))
	if hasFrac && (frac == "" || strings.IndexFunc(frac, notDigit) >= 0) {
		return 0, false
	}
	intPart, ok := ungroup(intPart, func(c rune) bool {
		return c == rune(thou) || (decimalComma && (c == ' ' || c == '\u00a0' || c == '\''))
	})
	if !ok {
		return 0, false
	}
	if intPart == "" {
		intPart = "0"
	}
	if strings.IndexFunc(intPart, notDigit) >= 0 || len(intPart) > 15 {
		return 0, false
	}
	units, _ := strconv.ParseInt(intPart, 10, 64)
	cents := units * 100
	if len(frac) > 0 {
		f := frac + "00"
		c, _ := strconv.ParseInt(f[:2], 10, 64)
		cents += c
		if len(frac) > 2 && frac[2] >= '5' {
			cents++
		}
	}
	if neg {
		cents = -cents
	}
	return contract.Money(cents), true
}

// ungroup removes thousands separators, which must split the digits into
// groups of three after a first group of one to three.
func ungroup(s string, isSep func(rune) bool) (string, bool) {
	if strings.IndexFunc(s, isSep) < 0 {
		return s, true
	}
	var b strings.Builder
	group := 0
	for _, c := range s {
		switch {
		case isSep(c):
			if group == 0 || group > 3 || (b.Len() > group && group != 3) {
				return "", false
			}
			group = 0
		case c >= '0' && c <= '9':
			b.WriteRune(c)
			group++
		default:
			return "", false
		}
	}
	return b.String(), group == 3
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

// trimCurrency removes a currency symbol or a three-letter code before or
// after the number.
func trimCurrency(s string) string {
	for _, sym := range []string{"US$", "$", "€", "£", "¥"} {
		if r, ok := strings.CutPrefix(s, sym); ok {
			return strings.TrimSpace(r)
		}
		if r, ok := strings.CutSuffix(s, sym); ok {
			return strings.TrimSpace(r)
		}
	}
	if len(s) > 4 && isUpperCode(s[:3]) && s[3] == ' ' {
		return strings.TrimSpace(s[4:])
	}
	if len(s) > 4 && isUpperCode(s[len(s)-3:]) && s[len(s)-4] == ' ' {
		return strings.TrimSpace(s[:len(s)-4])
	}
	return s
}

func isUpperCode(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// placeholders are the cell values that exports use for "no value",
// compared without regard to case.
var placeholders = []string{"-", "--", "N/A", "NA", "NOT APPLICABLE", "TBD", "NEW", "NULL", "NONE"}

// isPlaceholder reports whether a trimmed, non-empty cell means "no value".
// It runs on every cell of every export, so it allocates nothing: most
// cells are longer than any placeholder or start with another letter.
func isPlaceholder(s string) bool {
	if len(s) > len("NOT APPLICABLE") || s == "" {
		return false
	}
	switch s[0] {
	case '-', 'N', 'n', 'T', 't':
	default:
		return false
	}
	for _, p := range placeholders {
		if strings.EqualFold(s, p) {
			return true
		}
	}
	return false
}

// noValue reports whether a raw cell is empty or a placeholder.
func noValue(raw string) bool {
	s := strings.TrimSpace(raw)
	return s == "" || isPlaceholder(s)
}

// excelNumber undoes what a spreadsheet does to a long numeric ID:
// 93824710.0 becomes 93824710. It reports whether it changed anything.
func excelNumber(s string) (string, bool) {
	i := strings.IndexByte(s, '.')
	if i <= 0 || i == len(s)-1 {
		return s, false
	}
	if strings.IndexFunc(s[:i], notDigit) >= 0 || strings.Trim(s[i+1:], "0") != "" {
		return s, false
	}
	return s[:i], true
}

// ParseQuantity reads a whole, non-negative count; empty means 1.
func ParseQuantity(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" || isPlaceholder(s) {
		return 1, nil
	}
	n, _ := excelNumber(s)
	if v, ok := digits(n); ok {
		return v, nil
	}
	return 0, &valueError{Msg: fmt.Sprintf("cannot read %q as a quantity (accepted: a whole number such as 1 or 12)", s)}
}

// ParsePercent reads a percentage such as 38, 38.5 or 38.5 % into
// hundredths of a percent.
func ParsePercent(s string, decimalComma bool) (int, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	if s == "" || isPlaceholder(s) {
		return 0, nil
	}
	if m, ok := parseMoney(s, decimalComma); ok && m >= -10000 && m <= 10000 {
		return int(m), nil
	}
	return 0, &valueError{Msg: fmt.Sprintf("cannot read %q as a percentage (accepted: 0 to 100, such as 38 or 38.5%%)", s)}
}
