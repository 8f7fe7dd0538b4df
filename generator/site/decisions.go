// The decisions: on the summary's first screen, and every one with its
// options on the advice page.

package site

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// DecisionView is a decision as shown.
type DecisionView struct {
	ID, Title string
	// Recommended is the recommended option's action (Only: the one
	// option, said without the title it repeats); Money its money
	// at stake, written for a reader (no cents above 1,000), with MoneyNote
	// saying what the amount is.
	Recommended, Money, MoneyNote string
	DecideBy, DecideISO           string
	Passed, Soon, Only            bool
	Reason, Still                 string
	Options                       []OptionView
	Devices                       int
	// Status says what the decision register records: "accepted by
	// J. Smith on 1 Dec 2026: <the option>"; "" when nothing.
	Status string
	// Anchor gives the decision an id: on the advice page, which lists
	// them all, not on the summary (a one-file report holds both).
	Anchor bool
}

// OptionView is one option of a decision as shown.
type OptionView struct {
	Action, Money string
	Recommended   bool
	Caveats       []string
}

// decisionViews shows the first n decisions (all, with anchors, with
// n < 0) that keep holds: the open ones, or the decided ones.
func (b *builder) decisionViews(n int, keep func(*analyze.Decision) bool) []DecisionView {
	var ds []analyze.Decision
	for i := range b.r.Decisions {
		if keep(&b.r.Decisions[i]) {
			ds = append(ds, b.r.Decisions[i])
		}
	}
	if n >= 0 && len(ds) > n {
		ds = ds[:n]
	}
	var out []DecisionView
	for i := range ds {
		d := &ds[i]
		v := DecisionView{ID: d.ID, Title: headline(d.Title), Reason: d.Reason, Still: d.Still, Passed: d.Passed, Devices: len(d.Serials), Anchor: n < 0}
		if !d.DecideBy.IsZero() {
			v.DecideBy, v.DecideISO = longDate(d.DecideBy), d.DecideBy.String()
			v.Soon = !d.DecideBy.After(b.r.AsOf.AddDays(30))
		}
		for _, o := range d.Options {
			money, _ := b.optionMoney(o)
			ov := OptionView{Action: o.Action, Money: money, Recommended: o.ID == d.Recommended, Caveats: o.Caveats}
			if ov.Recommended {
				v.Recommended = o.Action
				v.Money, v.MoneyNote = b.optionMoney(o)
			}
			v.Options = append(v.Options, ov)
		}
		if rec := d.Record; rec != nil {
			v.Status = rec.Status
			if rec.Owner != "" {
				v.Status += " by " + rec.Owner
			}
			if !rec.Date.IsZero() {
				v.Status += " on " + longDate(rec.Date)
			}
			for _, o := range d.Options {
				if o.ID == rec.Option {
					v.Status += ": " + o.Action
				}
			}
			if rec.Note != "" {
				v.Status += " (" + rec.Note + ")"
			}
		}
		if v.Only = len(d.Options) == 1; v.Only {
			v.Recommended = strings.TrimPrefix(strings.TrimPrefix(v.Recommended, strings.TrimSuffix(v.Title, ".")), ": ")
			v.Recommended = strings.ToUpper(v.Recommended[:min(1, len(v.Recommended))]) + v.Recommended[min(1, len(v.Recommended)):]
			if v.Recommended == "." {
				v.Recommended = ""
			}
		}
		out = append(out, v)
	}
	return out
}

// optionMoney writes an option's money and what it is: its saving a year
// when it saves, else its cost a year, else its one-off amount.
func (b *builder) optionMoney(o analyze.Option) (money, note string) {
	switch {
	case o.AnnualSaving != nil && *o.AnnualSaving > 0:
		return b.readerMoney(*o.AnnualSaving), "saved a year"
	case o.AnnualCost != nil:
		return b.readerMoney(*o.AnnualCost), "a year"
	case o.Once != nil:
		return b.readerMoney(*o.Once), "once"
	}
	return "", "not in the inputs"
}

// readerMoney writes an amount for a director: whole units from 1,000 up,
// a true minus sign.
func (b *builder) readerMoney(m analyze.Money) string {
	c := m.Cents()
	if c >= 100000 || c <= -100000 {
		units := (c + 50) / 100
		if c < 0 {
			units = (c - 50) / 100
		}
		s := analyze.Money(units * 100).Format(b.r.Currency)
		s = strings.TrimSuffix(s, ".00")
		return strings.Replace(s, "-", "\u2212", 1)
	}
	return strings.Replace(m.Format(b.r.Currency), "-", "\u2212", 1)
}

// longDate writes a date out: 17 Dec 2026.
func longDate(d contract.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.Civil()
	return fmt.Sprintf("%d %s %d", day, m.String()[:3], y)
}

// tileMoney writes a headline figure's amount for a director (see
// readerMoney); with no prices in the exports, says so.
func (b *builder) tileMoney(m analyze.Money) string {
	if !b.r.Priced {
		return NoPrices
	}
	return b.readerMoney(m)
}

// tilePct writes a headline percentage: 61.9%.
func tilePct(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', 1, 64), "-", "\u2212", 1) + "%"
}

func openDecision(d *analyze.Decision) bool    { return !d.Decided() }
func decidedDecision(d *analyze.Decision) bool { return d.Decided() }
func anyDecision(*analyze.Decision) bool       { return true }
