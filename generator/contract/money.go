package contract

import (
	"fmt"
	"math"
	"math/bits"
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

// MaxAmount is the largest amount one cell may hold, either way: USD
// 999,999,999,999.99 in any currency. With it, and the estate's total
// held under MaxTotal (see CheckTotals), no sum or product the report
// computes can leave int64.
const MaxAmount = Money(1e14 - 1)

// MulDiv returns m × num / den, rounded half away from zero, computed in
// integers so that annualization is exact to the cent. The product is
// taken in 128 bits; a quotient beyond int64 panics, which the bounds on
// the inputs rule out.
func (m Money) MulDiv(num, den int64) Money {
	if den == 0 {
		return 0
	}
	neg := (m < 0) != (num < 0) != (den < 0)
	hi, lo := bits.Mul64(uabs(int64(m)), uabs(num))
	d := uabs(den)
	if hi >= d {
		panic(fmt.Sprintf("money overflow: %d × %d / %d", m, num, den))
	}
	q, r := bits.Div64(hi, lo, d)
	if r >= d-r { // 2r ≥ d without overflow
		q++
	}
	if q > math.MaxInt64 {
		panic(fmt.Sprintf("money overflow: %d × %d / %d", m, num, den))
	}
	if neg {
		return Money(-int64(q))
	}
	return Money(q)
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
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

// MaxTotal bounds what the estate's amounts may add up to: the sum over
// every line and quote line of its net amount and its amount per year
// (net × 366 / its days, when shorter than a year), in cents. At USD
// 10^14 it leaves room of more than 900 to int64 for the sums and the few
// multiples the report takes (reinstatement over years of lapse, at most
// twice the fee), so no figure can overflow.
const MaxTotal = 1e16

// Exposure is what one line adds to the bound MaxTotal holds.
func Exposure(net Money, days int) float64 {
	v := math.Abs(float64(net))
	if days > 0 && days < 366 {
		return v + v*366/float64(days)
	}
	return 2 * v
}

// CheckTotals returns the first current or quote line at which the
// estate's amounts pass MaxTotal, or false when they stay under it.
func (e *Estate) CheckTotals() (Ref, bool) {
	total := 0.0
	for _, s := range e.Snapshots {
		for i := range s.Lines {
			l := &s.Lines[i]
			if total += Exposure(l.ExtendedNet, l.InclusiveDays()); total > MaxTotal {
				return l.Ref, true
			}
		}
		for i := range s.Past {
			l := &s.Past[i]
			if total += Exposure(l.ExtendedNet, InclusiveDays(l.Start, l.End)); total > MaxTotal {
				return Ref{}, true
			}
		}
	}
	for i := range e.Quotes {
		q := &e.Quotes[i]
		if total += Exposure(q.ExtendedNet, q.InclusiveDays()); total > MaxTotal {
			return q.Ref, true
		}
	}
	return Ref{}, false
}
