// The replacement plan: what reaches its Last Date of Support within 24
// months, when, and what replacing it costs against keeping it covered.

package analyze

import (
	"cmp"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// ReplacementPlan lists, per product ID, the devices whose LDoS falls
// within 24 months of as_of, by fiscal quarter of their LDoS.
type ReplacementPlan struct {
	Products []ReplaceProduct
	Quarters []ReplaceQuarter // the quarters with an LDoS, in order
	Devices  int
	// Capex adds the priced products' replacement; Unpriced counts the
	// devices of products without a price.
	Capex    Money
	Unpriced int
}

// ReplaceProduct is one product ID's part of the plan.
type ReplaceProduct struct {
	ProductID string
	// Migration is the product that replaces it: the config's, else the
	// EoX file's MigrationProductId; "" when none is named.
	Migration string
	Devices   int
	FirstLDoS contract.Date
	ByQuarter []QuarterCount
	Serials   []string
	// UnitPrice and Capex are nil without a price in [replacement].
	UnitPrice, Capex *Money
	// Vendor3y is three years of the devices' coverage at today's cost,
	// TPM3y the same at the TPM discount; nil without prices.
	Vendor3y, TPM3y *Money
}

// QuarterCount counts devices in a fiscal quarter.
type QuarterCount struct {
	Quarter FiscalQuarter
	Devices int
}

// ReplaceQuarter is a fiscal quarter of the plan: its devices, and the
// replacement money of those priced.
type ReplaceQuarter struct {
	Quarter  FiscalQuarter
	Devices  int
	Capex    Money
	Unpriced int
}

// replacementPrice is the config's price for replacing a unit of pid:
// the migration product's, else pid's own.
func (r *Report) replacementPrice(pid, migration string) (ReplacementPrice, bool) {
	if migration != "" {
		if p, ok := r.Settings.Replacement[strings.ToUpper(migration)]; ok {
			return p, true
		}
	}
	p, ok := r.Settings.Replacement[strings.ToUpper(pid)]
	return p, ok
}

// migrations maps each product ID to the EoX file's migration product.
func migrations(life map[string]*contract.Lifecycle) map[string]string {
	out := map[string]string{}
	for pid, rec := range life {
		if rec.MigrationProductID != "" {
			out[pid] = rec.MigrationProductID
		}
	}
	return out
}

// replacement plans the devices of Within24Months; nil without an LDoS
// source.
func (r *Report) replacement() *ReplacementPlan {
	if !r.Lifecycle.HasInput {
		return nil
	}
	start := r.Settings.FiscalYearStart
	plan := &ReplacementPlan{}
	byPID := map[string]*ReplaceProduct{}
	quarters := map[FiscalQuarter]*ReplaceQuarter{}
	for _, s := range r.Lifecycle.Within24Months.Serials {
		d := r.Device(s)
		p := byPID[d.ProductID]
		if p == nil {
			p = &ReplaceProduct{ProductID: d.ProductID, Migration: r.migrations[d.ProductID]}
			if price, ok := r.replacementPrice(d.ProductID, p.Migration); ok {
				p.Migration = cmp.Or(price.Product, p.Migration)
				unit := price.Price
				p.UnitPrice = &unit
			}
			byPID[d.ProductID] = p
		}
		p.Devices++
		p.Serials = append(p.Serials, d.Serial)
		if p.FirstLDoS.IsZero() || d.LDoS.Before(p.FirstLDoS) {
			p.FirstLDoS = d.LDoS
		}
		q := fiscalQuarterOf(d.LDoS, start)
		if at := slices.IndexFunc(p.ByQuarter, func(c QuarterCount) bool { return c.Quarter == q }); at >= 0 {
			p.ByQuarter[at].Devices++
		} else {
			p.ByQuarter = append(p.ByQuarter, QuarterCount{Quarter: q, Devices: 1})
		}
		rq := quarters[q]
		if rq == nil {
			rq = &ReplaceQuarter{Quarter: q}
			quarters[q] = rq
		}
		rq.Devices++
		if p.UnitPrice != nil {
			rq.Capex += *p.UnitPrice
		} else {
			rq.Unpriced++
		}
	}
	for _, p := range byPID {
		slices.SortFunc(p.ByQuarter, func(a, b QuarterCount) int { return cmp.Compare(a.Quarter.Start, b.Quarter.Start) })
		if p.UnitPrice != nil {
			capex := *p.UnitPrice * Money(p.Devices)
			p.Capex = &capex
			plan.Capex += capex
		} else {
			plan.Unpriced += p.Devices
		}
		if today := r.known(r.runRate(p.Serials)); today != nil {
			tpm, _ := r.tpmEstimate(today)
			v, t := *today*3, *tpm*3
			p.Vendor3y, p.TPM3y = &v, &t
		}
		plan.Products = append(plan.Products, *p)
		plan.Devices += p.Devices
	}
	slices.SortFunc(plan.Products, func(a, b ReplaceProduct) int {
		return cmp.Or(cmp.Compare(a.FirstLDoS, b.FirstLDoS), strings.Compare(a.ProductID, b.ProductID))
	})
	for _, q := range quarters {
		plan.Quarters = append(plan.Quarters, *q)
	}
	slices.SortFunc(plan.Quarters, func(a, b ReplaceQuarter) int { return cmp.Compare(a.Quarter.Start, b.Quarter.Start) })
	return plan
}

// capexOf is the replacement money of the devices among serials whose
// product is priced in [replacement], and how many are not.
func (r *Report) capexOf(serials []string) (capex Money, unpriced int) {
	for _, s := range serials {
		d := r.Device(s)
		if d == nil {
			unpriced++
			continue
		}
		p, ok := r.replacementPrice(d.ProductID, r.migrations[d.ProductID])
		if !ok {
			unpriced++
			continue
		}
		capex += p.Price
	}
	return capex, unpriced
}
