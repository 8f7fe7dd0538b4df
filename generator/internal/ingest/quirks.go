// What the reader normalised or skipped, counted per file and kind, and
// the totals rows it skips.

package ingest

import (
	"fmt"
	"unicode/utf8"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

// quirk is a count of one kind of quirk and where it was first seen.
type quirk struct {
	contract.Quirk
	pos diag.Pos
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
