package contract

import (
	"strconv"
	"strings"
)

// Money is an amount in the report currency, in integer cents. Sums of
// Money are exact; no float64 ever holds a total.
type Money int64

// Cents returns m as a count of cents.
func (m Money) Cents() int64 { return int64(m) }

// Float returns m in currency units, for JSON and charts only.
func (m Money) Float() float64 { return float64(m) / 100 }

// String formats m as a plain decimal with two places, such as -1234.50.
func (m Money) String() string {
	neg := m < 0
	v := int64(m)
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v/100, 10) + "." + twoDigits(v%100)
	if neg {
		return "-" + s
	}
	return s
}

// Format formats m with thousands separators and the currency code, such
// as "USD 1,234.50".
func (m Money) Format(currency string) string {
	s := m.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + "." + frac
	if neg {
		out = "-" + out
	}
	if currency != "" {
		out = currency + " " + out
	}
	return out
}

func twoDigits(v int64) string {
	if v < 10 {
		return "0" + strconv.FormatInt(v, 10)
	}
	return strconv.FormatInt(v, 10)
}

// MulDiv returns m × num / den, rounded half away from zero, computed in
// integers so that annualization is exact to the cent.
func (m Money) MulDiv(num, den int64) Money {
	if den == 0 {
		return 0
	}
	p := int64(m) * num
	q, r := p/den, p%den
	if r < 0 {
		r = -r
	}
	if 2*r >= abs64(den) {
		if (p < 0) != (den < 0) {
			q--
		} else {
			q++
		}
	}
	return Money(q)
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// Thousands writes a count with its thousands grouped by commas, as
// amounts are: 1,234,567.
func Thousands(n int) string {
	if n < 0 {
		return "-" + Thousands(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
