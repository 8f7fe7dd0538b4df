package analyze

import (
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Reinstatement is the reinstatement exposure of lapsed devices.
type Reinstatement struct {
	FeeRate   float64
	GraceDays int
	// Devices that can go back on contract, and what it would cost.
	Reinstatable []ReinstateDevice
	BackBilling  Money
	Fees         Money
	Exposure     Money // BackBilling + Fees
	// AnnualValue is the yearly coverage the reinstatable devices had.
	AnnualValue Money
	// NotReinstatable lists lapsed devices past LDoS: only TPM or
	// replacement remains.
	NotReinstatable []string
	Contracts       []string
	Sites           []string
}

// ReinstateDevice is one lapsed device's exposure.
type ReinstateDevice struct {
	Serial      string
	ProductID   string
	Contract    string
	Site        string
	LastEnd     contract.Date
	LapsedDays  int
	AnnualValue Money // the annualized net of its last line(s)
	BackBilling Money // AnnualValue × lapsed days / 365
	Fee         Money // fee rate × AnnualValue, after the grace period
}

// reinstatement prices each lapsed device not past LDoS: back-billing for
// the lapsed days plus reinstatement_fee_rate × its annual value. A lapse
// within the grace period carries no fee.
func (r *Report) reinstatement() {
	ri := &r.Reinstate
	ri.FeeRate, ri.GraceDays = r.Settings.ReinstatementFeeRate, r.Settings.ReinstatementGraceDays
	// Sized once for every lapsed device, an upper bound: grown by
	// doubling, the lists would copy themselves into fresh memory.
	n := r.Status.Lapsed
	ri.Reinstatable = make([]ReinstateDevice, 0, n)
	contracts, sites := make([]string, 0, n), make([]string, 0, n)
	for _, d := range r.Devices {
		if !d.Lapsed || d.LapsedDays == 0 {
			continue // covered, or uncovered by a cancelled or future line: nothing to reinstate
		}
		if d.PastLDoS(r.AsOf) {
			ri.NotReinstatable = append(ri.NotReinstatable, d.Serial)
			continue
		}
		x := ReinstateDevice{Serial: d.Serial, ProductID: d.ProductID, Site: d.Site, LastEnd: d.LastEnd, LapsedDays: d.LapsedDays}
		for _, l := range d.Lines {
			if l.Contract != "" && l.End == d.LastEnd {
				x.AnnualValue += lineAnnual(l)
				fill(&x.Contract, l.Contract)
			}
		}
		x.BackBilling = x.AnnualValue.MulDiv(int64(x.LapsedDays), 365)
		if x.LapsedDays > ri.GraceDays {
			x.Fee = x.AnnualValue.MulDiv(int64(ri.FeeRate*1e6+0.5), 1e6)
		}
		ri.Reinstatable = append(ri.Reinstatable, x)
		ri.BackBilling += x.BackBilling
		ri.Fees += x.Fee
		ri.AnnualValue += x.AnnualValue
		contracts = append(contracts, x.Contract)
		sites = append(sites, or(x.Site, NoSite))
	}
	ri.Exposure = ri.BackBilling + ri.Fees
	ri.Contracts, ri.Sites = dedupe(contracts), dedupe(sites)
}

// NeverCovered lists the devices that have never been on a contract, by
// site, with an estimate of what covering them would cost per year.
type NeverCovered struct {
	Serials []string
	BySite  map[string]int
	// EstimatedAnnual prices each device at the median annualized net of
	// the active MAJOR lines of the same product ID; Unpriced counts the
	// devices whose product ID has no such line.
	EstimatedAnnual Money
	Unpriced        int
	Products        []string
}

func (r *Report) neverCovered(cur *contract.Snapshot) {
	n := &r.Never
	n.BySite = map[string]int{}
	prices := map[string][]Money{}
	for i := range cur.Lines {
		l := &cur.Lines[i]
		if !l.Minor && l.ActiveOn(r.AsOf) {
			prices[l.ProductID] = append(prices[l.ProductID], lineAnnual(l))
		}
	}
	n.Serials = make([]string, 0, r.Status.NeverCovered)
	products := make([]string, 0, r.Status.NeverCovered)
	medians := map[string]Money{}
	for _, d := range r.Devices {
		if !d.NeverCovered {
			continue
		}
		n.Serials = append(n.Serials, d.Serial)
		n.BySite[or(d.Site, NoSite)]++
		products = append(products, d.ProductID)
		p := prices[d.ProductID]
		if len(p) == 0 {
			n.Unpriced++
			continue
		}
		m, ok := medians[d.ProductID]
		if !ok {
			m = median(p)
			medians[d.ProductID] = m
		}
		n.EstimatedAnnual += m
	}
	n.Products = dedupe(products)
}

// median returns the median of m (the lower middle for an even count).
func median(m []Money) Money {
	s := slices.Clone(m)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}
