// The budget forecast: when renewal money leaves, by fiscal quarter.

package analyze

import (
	"fmt"
	"math"
	"time"

	"github.com/renewals/renewals/generator/contract"
)

// FiscalQuarter is a quarter of a fiscal year, which is named by the
// calendar year it ends in (with the year starting in August, FY2027 runs
// from August 2026 to July 2027).
type FiscalQuarter struct {
	Year, Q int
	Start   contract.Date // its first day
}

func (q FiscalQuarter) String() string {
	return fmt.Sprintf("FY%d Q%d", q.Year, q.Q)
}

// fiscalQuarterOf is the fiscal quarter holding d, the year starting in
// month start (1 to 12; 0 counts as January).
func fiscalQuarterOf(d contract.Date, start int) FiscalQuarter {
	start = max(start, 1)
	y, m, _ := d.Civil()
	into := (int(m) - start + 12) % 12 // months into the fiscal year
	fy := y
	if start != 1 && int(m) >= start {
		fy++
	}
	return fiscalQuarter(fy, into/3+1, start)
}

// fiscalQuarter is quarter q of fiscal year fy.
func fiscalQuarter(fy, q, start int) FiscalQuarter {
	start = max(start, 1)
	y, m := fy, start+3*(q-1)
	if start != 1 {
		y--
	}
	if m > 12 {
		m -= 12
		y++
	}
	return FiscalQuarter{Year: fy, Q: q, Start: contract.NewDate(y, time.Month(m), 1)}
}

// next is the quarter after q.
func (q FiscalQuarter) next(start int) FiscalQuarter {
	if q.Q == 4 {
		return fiscalQuarter(q.Year+1, 1, start)
	}
	return fiscalQuarter(q.Year, q.Q+1, start)
}

// Budget is the cash out for renewals per fiscal quarter, for the eight
// quarters from the one holding as_of: each active line renews at its end
// for 12 months at its annualized net × (1 + Uplift), invoiced on its end
// date, and again a year later at a further uplift.
type Budget struct {
	Uplift          float64
	FiscalYearStart int
	Quarters        []BudgetQuarter
	// AsIs and Recommended add the quarters.
	AsIs, Recommended Money
}

// BudgetQuarter is one fiscal quarter's renewals: as the lines stand,
// and with each decision's recommended option applied to its devices.
type BudgetQuarter struct {
	Quarter           FiscalQuarter
	End               contract.Date // its last day
	Renewals          int           // invoices
	AsIs, Recommended Money
}

const forecastQuarters = 8

// budget forecasts the renewals; nil when the exports carry no prices.
func (r *Report) budget(cur *contract.Snapshot) *Budget {
	if !r.Priced {
		return nil
	}
	start := max(r.Settings.FiscalYearStart, 1)
	b := &Budget{Uplift: r.Settings.Uplift, FiscalYearStart: start}
	q := fiscalQuarterOf(r.AsOf, start)
	for range forecastQuarters {
		n := q.next(start)
		b.Quarters = append(b.Quarters, BudgetQuarter{Quarter: q, End: n.Start.AddDays(-1)})
		q = n
	}
	last := b.Quarters[len(b.Quarters)-1].End
	factor := r.recommendedFactors()
	for i := range cur.Lines {
		l := &cur.Lines[i]
		a := lineAnnual(l)
		if !l.ActiveOn(r.AsOf) || a <= 0 {
			continue
		}
		f, ok := factor[l.Serial]
		if !ok {
			f = 1
		}
		for k, at := 1, l.End; !at.After(last); k, at = k+1, at.AddYears(1) {
			amount := Money(math.Round(float64(a) * math.Pow(1+b.Uplift, float64(k))))
			j := 0
			for j < len(b.Quarters)-1 && at.After(b.Quarters[j].End) {
				j++
			}
			bq := &b.Quarters[j]
			bq.Renewals++
			bq.AsIs += amount
			bq.Recommended += Money(math.Round(float64(amount) * f))
		}
	}
	for _, bq := range b.Quarters {
		b.AsIs += bq.AsIs
		b.Recommended += bq.Recommended
	}
	return b
}

// recommendedFactors scales each device's renewals by what its decision's
// recommended option makes of its cost: (today − the option's yearly
// saving) / today, or, renewing with a partner, the partner's yearly price
// / today. A device in several decisions takes the first one's.
func (r *Report) recommendedFactors() map[string]float64 {
	out := map[string]float64{}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		today := d.Cost
		if today <= 0 {
			continue
		}
		var after *Money
		for _, o := range d.Options {
			if o.ID != d.Recommended {
				continue
			}
			switch {
			case o.AnnualSaving != nil:
				m := today - *o.AnnualSaving
				after = &m
			case o.AnnualCost != nil && o.Kind == OptionPartner:
				after = o.AnnualCost
			}
		}
		if after == nil {
			continue
		}
		f := max(float64(*after)/float64(today), 0)
		for _, s := range d.Serials {
			if _, done := out[s]; !done {
				out[s] = f
			}
		}
	}
	return out
}
