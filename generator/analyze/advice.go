package analyze

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// Recommendation is one thing the report advises, with the money attached.
type Recommendation struct {
	// ID is stable across builds of the same inputs: it is the anchor the
	// site links to.
	ID   string
	Kind string
	// Action says what to do in one sentence a manager understands.
	Action   string
	Evidence []string
	// Money is per year unless OneOff is set; MoneyKind says whether it
	// is a saving, a cost or an exposure.
	Money     Money
	MoneyKind string
	OneOff    bool
	// NoMoney says the money is unknown: it derives from the coverage's
	// prices, and the exports carry none. Money is then zero.
	NoMoney bool
	// DecideBy is the date to decide by, or zero when nothing forces one.
	DecideBy  contract.Date
	Contracts []string
	Sites     []string
	Products  []string
	Serials   []string
	Caveats   []string
	score     int64
}

// Money kinds.
const (
	MoneySaving   = "saving"
	MoneyCost     = "cost"
	MoneyExposure = "exposure"
	// MoneySpend is what the devices' coverage costs today: not a cost of
	// the action, which the report cannot price.
	MoneySpend = "spend today"
)

// Recommendation kinds.
const (
	KindRenew        = "renew"
	KindPastLDoS     = "past-ldos"
	KindDuplicate    = "duplicate-coverage"
	KindLapsed       = "lapsed"
	KindNeverCovered = "never-covered"
	KindCoTerm       = "co-term"
	KindQuote        = "choose-quote"
	KindTPM          = "tpm"
	KindHybrid       = "hybrid"
	KindReplace      = "replace"
	KindServiceAbove = "service-above-need"
	KindServiceBelow = "service-below-need"
)

func (r *Report) money(m Money) string { return m.Format(r.Currency) }

// NoPrices stands for an amount of the coverage that the exports cannot
// give: they carry no prices.
const NoPrices = "not in the exports"

// Amount formats an amount of the coverage, or says that the exports
// carry no prices.
func (r *Report) Amount(m Money) string {
	if !r.Priced {
		return NoPrices
	}
	return m.Format(r.Currency)
}

// priced returns the sentences that state money when the exports carry
// prices, else those that do not (none when none are given).
func (r *Report) priced(withMoney []string, without ...string) []string {
	if r.Priced {
		return withMoney
	}
	return without
}

// decideBy is an end date minus decision_lead_days.
func (r *Report) decideBy(end contract.Date) contract.Date {
	if end.IsZero() {
		return 0
	}
	return end.AddDays(-r.Settings.DecisionLeadDays)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return contract.Thousands(n) + " " + many
}

func list(items []string, limit int) string {
	if len(items) <= limit {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:limit], ", ") + " and " + contract.Thousands(len(items)-limit) + " more"
}

// advise builds the ranked recommendations.
func (r *Report) advise() {
	var out []Recommendation
	add := func(rec Recommendation) { out = append(out, rec) }
	labels := map[string]string{}
	for _, c := range r.Contracts {
		labels[c.Number] = c.Label
	}
	named := func(number string) string {
		if l := labels[number]; l != "" {
			return number + " (" + l + ")"
		}
		return number
	}

	// Renew what is expiring, one recommendation per contract.
	past := map[string]bool{}
	for _, s := range r.Lifecycle.PastLDoSPaid.Serials {
		past[s] = true
	}
	numbers := sortedKeys(r.Expiring.ByContract)
	ids := contract.Names(numbers) // short, and one each: they name files
	for _, number := range numbers {
		ec := r.Expiring.ByContract[number]
		rec := Recommendation{
			ID: "renew-" + ids[number], Kind: KindRenew, MoneyKind: MoneyCost, Money: ec.AnnualValue,
			Action: fmt.Sprintf("Renew contract %s before it ends on %s: %s worth %s a year.",
				named(number), ec.FirstEnd, plural(len(ec.Serials), "device", "devices"), r.money(ec.AnnualValue)),
			NoMoney:   !r.Priced,
			Evidence:  []string{fmt.Sprintf("%s end within %d days of %s.", plural(ec.Lines, "line", "lines"), r.Settings.HorizonDays, r.AsOf)},
			DecideBy:  r.decideBy(ec.FirstEnd),
			Contracts: []string{number}, Sites: ec.Sites, Serials: ec.Serials,
		}
		if !r.Priced {
			rec.Action = fmt.Sprintf("Renew contract %s before it ends on %s: %s.", named(number), ec.FirstEnd, plural(len(ec.Serials), "device", "devices"))
		}
		n := 0
		for _, s := range ec.Serials {
			if past[s] {
				n++
			}
		}
		if n > 0 {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s on it %s past their Last Date of Support: do not renew them at vendor rates.", plural(n, "device", "devices"), isAre(n)))
		}
		add(rec)
	}

	lc := &r.Lifecycle
	if g := lc.PastLDoSPaid; g.Devices > 0 {
		tpm := g.AnnualCost.MulDiv(int64((1-r.Settings.TPMDiscount)*1e6+0.5), 1e6)
		decide := r.decideBy(lc.FirstPaidLineEnd)
		if decide.IsZero() {
			decide = r.AsOf
		}
		add(Recommendation{
			ID: "past-ldos", Kind: KindPastLDoS, MoneyKind: MoneySaving, Money: g.AnnualCost,
			Action: fmt.Sprintf("Stop paying vendor rates for %s past their Last Date of Support: move them to third-party maintenance or replace them.",
				plural(g.Devices, "device", "devices")),
			Evidence: r.priced([]string{
				fmt.Sprintf("Their coverage costs %s a year, for support the vendor no longer delivers in full.", r.money(g.AnnualCost)),
				fmt.Sprintf("Product IDs: %s.", list(g.Products, 8)),
				fmt.Sprintf("At the configured TPM discount of %.0f %%, third-party cover would cost about %s a year.", r.Settings.TPMDiscount*100, r.money(tpm)),
			}, fmt.Sprintf("They are still on contract. Product IDs: %s.", list(g.Products, 8))),
			DecideBy:  decide,
			Contracts: g.Contracts, Sites: g.Sites, Products: g.Products, Serials: g.Serials,
			Caveats: []string{"Past LDoS the vendor ships no fixes, including security fixes, whoever maintains the hardware."},
			NoMoney: !r.Priced,
		})
	}

	if d := r.Duplicate; len(d.Serials) > 0 {
		var names []string
		for _, c := range d.Contracts {
			names = append(names, named(c))
		}
		add(Recommendation{
			ID: "duplicate-coverage", Kind: KindDuplicate, MoneyKind: MoneySaving, Money: d.AnnualSaving,
			Action: fmt.Sprintf("Remove duplicate coverage on %s that %s covered by more than one contract.", plural(len(d.Serials), "device", "devices"), isAre(len(d.Serials))),
			Evidence: r.priced([]string{fmt.Sprintf("The redundant %s on %s cost %s a year; the line with the highest service level is kept.",
				plural(len(d.Redundant), "line", "lines"), list(names, 5), r.money(d.AnnualSaving))},
				fmt.Sprintf("The redundant %s are on %s; the line with the highest service level is kept.", plural(len(d.Redundant), "line", "lines"), list(names, 5))),
			DecideBy:  r.decideBy(d.FirstEnd),
			Contracts: d.Contracts, Serials: d.Serials,
			NoMoney: !r.Priced,
		})
	}

	if ri := r.Reinstate; r.Status.Lapsed > 0 {
		rec := Recommendation{
			ID: "lapsed", Kind: KindLapsed, MoneyKind: MoneyExposure, Money: ri.Exposure, OneOff: true,
			Action: fmt.Sprintf("Decide on %s whose coverage lapsed: reinstate the %s that can go back on contract, or accept the risk.",
				plural(r.Status.Lapsed, "device", "devices"), contract.Thousands(len(ri.Reinstatable))),
			Evidence: r.priced([]string{fmt.Sprintf("Reinstating them costs %s in back-billing plus %s in fees (%.0f %% of their %s yearly value).",
				r.money(ri.BackBilling), r.money(ri.Fees), ri.FeeRate*100, r.money(ri.AnnualValue))},
				fmt.Sprintf("Reinstating them costs back-billing for the lapsed time plus fees of %.0f %% of their yearly value.", ri.FeeRate*100)),
			DecideBy:  r.AsOf,
			NoMoney:   !r.Priced,
			Contracts: ri.Contracts, Sites: ri.Sites,
			Caveats: []string{"Until then these devices have no hardware replacement cover."},
		}
		for _, x := range ri.Reinstatable {
			rec.Serials = append(rec.Serials, x.Serial)
			rec.Products = append(rec.Products, x.ProductID)
		}
		if n := len(ri.NotReinstatable); n > 0 {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s %s past LDoS and cannot be reinstated: only third-party maintenance or replacement remains.", plural(n, "device", "devices"), isAre(n)))
			rec.Serials = append(rec.Serials, ri.NotReinstatable...)
		}
		rec.Serials, rec.Products = dedupe(rec.Serials), dedupe(rec.Products)
		add(rec)
	}

	if n := r.Never; len(n.Serials) > 0 {
		var bySite []string
		for _, s := range sortedKeys(n.BySite) {
			bySite = append(bySite, fmt.Sprintf("%s (%s)", s, contract.Thousands(n.BySite[s])))
		}
		rec := Recommendation{
			ID: "never-covered", Kind: KindNeverCovered, MoneyKind: MoneyCost, Money: n.EstimatedAnnual,
			Action: fmt.Sprintf("Cover %s that %s never been under contract, or accept the risk in writing: %s.",
				plural(len(n.Serials), "device", "devices"), hasHave(len(n.Serials)), list(bySite, 6)),
			Evidence: r.priced([]string{fmt.Sprintf("Priced like the covered devices of the same product ID, cover would cost about %s a year.", r.money(n.EstimatedAnnual))}),
			NoMoney:  !r.Priced,
			Sites:    sortedKeys(n.BySite),
			Products: n.Products,
			Serials:  n.Serials,
		}
		if n.Unpriced > 0 && r.Priced {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s could not be priced: no covered device shares the product ID.", plural(n.Unpriced, "device", "devices")))
		}
		for _, p := range r.Lifecycle.Products {
			if slices.Contains(n.Products, p.ProductID) && !p.EndOfAttach.IsZero() && p.EndOfAttach.Before(r.AsOf) {
				rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s is past its End of Service Attach date (%s): the vendor will not add it to a contract.", p.ProductID, p.EndOfAttach))
			}
		}
		add(rec)
	}

	if c := r.CoTerm; c.AlignLines > 0 {
		add(Recommendation{
			ID: "co-term", Kind: KindCoTerm, MoneyKind: MoneyCost, Money: c.AlignCost, OneOff: true,
			Action: fmt.Sprintf("Co-term to %s: at each renewal, renew the %s on %s only up to that date.",
				c.Target, plural(c.AlignLines, "line", "lines"), plural(len(c.AlignContracts), "contract", "contracts")),
			Evidence: r.priced([]string{
				fmt.Sprintf("Active lines end on %d different dates; %s.", c.DistinctEndDates, multiDates(c.MultiDateContracts)),
				fmt.Sprintf("%s carries the most annual spend; the pro-rata cost of the stub periods that align the rest is %s.", c.Target, r.money(c.AlignCost)),
			}, fmt.Sprintf("Active lines end on %d different dates; %s.", c.DistinctEndDates, multiDates(c.MultiDateContracts)),
				fmt.Sprintf("%s ends the most active lines; aligning the rest costs the pro-rata stub periods.", c.Target)),
			DecideBy:  r.decideBy(c.FirstAlignEnd),
			Contracts: c.AlignContracts,
			NoMoney:   !r.Priced,
		})
	}

	if q := r.Quotes; q != nil {
		r.quoteAdvice(q, add)
	} else if r.Spend.Annual > 0 {
		est := r.Spend.Annual.MulDiv(int64(r.Settings.TPMDiscount*1e6+0.5), 1e6)
		add(Recommendation{
			ID: "tpm", Kind: KindTPM, MoneyKind: MoneySaving, Money: est,
			Action:   fmt.Sprintf("Ask a third-party maintainer to quote: it could save about %.0f %% (an estimate; no quote was given).", r.Settings.TPMDiscount*100),
			Evidence: []string{fmt.Sprintf("Applied to the %s annual spend, the configured discount saves about %s a year.", r.money(r.Spend.Annual), r.money(est))},
			Caveats:  []string{"Estimate from tpm_discount, not from a quote.", HybridCaveat},
		})
	}

	if g := lc.Within12Months; g.Devices > 0 {
		rec := Recommendation{
			ID: "replace-ldos-12m", Kind: KindReplace, MoneyKind: MoneySpend, Money: g.AnnualCost,
			Action: fmt.Sprintf("Plan the replacement of %s whose support ends within 12 months, the first on %s.",
				plural(g.Devices, "device", "devices"), lc.FirstLDoSWithin),
			Evidence: r.priced([]string{fmt.Sprintf("Product IDs: %s. Their coverage costs %s a year today.", list(g.Products, 8), r.money(g.AnnualCost))},
				fmt.Sprintf("Product IDs: %s.", list(g.Products, 8))),
			NoMoney:   !r.Priced,
			DecideBy:  r.decideBy(lc.FirstLDoSWithin),
			Contracts: g.Contracts, Sites: g.Sites, Products: g.Products, Serials: g.Serials,
		}
		if capex, unpriced := r.capexOf(g.Serials); unpriced < g.Devices {
			// The replacement's capex, not what their coverage costs.
			rec.MoneyKind, rec.Money, rec.OneOff, rec.NoMoney = MoneyCost, capex, true, false
			rec.Evidence = append(rec.Evidence, fmt.Sprintf("Replacing them costs %s at the prices in [replacement].", capex.Format(r.Currency)))
			if unpriced > 0 {
				rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s no replacement price in [replacement]; the cost leaves %s out.",
					plural(unpriced, "device has", "devices have"), map[bool]string{true: "it", false: "them"}[unpriced == 1]))
			}
		}
		for _, p := range lc.Products {
			if slices.Contains(g.Products, p.ProductID) && !p.EndOfRenewal.IsZero() && p.EndOfRenewal.Before(r.AsOf) {
				rec.Caveats = append(rec.Caveats, fmt.Sprintf("Contract renewal for %s ended on %s: coverage cannot be renewed.", p.ProductID, p.EndOfRenewal))
			}
		}
		add(rec)
	}

	if f := r.ServiceFit; f != nil {
		r.serviceAdvice(f, add)
	}
	if rc := r.Reconcile; rc != nil {
		r.reconcileAdvice(rc, add)
	}

	// Money × urgency; with no prices in the exports, devices × urgency,
	// for every recommendation alike.
	for i := range out {
		weight := int64(out[i].Money)
		if !r.Priced {
			weight = int64(len(out[i].Serials))
		}
		out[i].score = weight * urgency(r.AsOf, out[i].DecideBy)
		if out[i].score < 0 {
			out[i].score = -out[i].score
		}
	}
	slices.SortStableFunc(out, func(a, b Recommendation) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.DecideBy, b.DecideBy), cmp.Compare(a.ID, b.ID))
	})
	r.Advice = out
}

func (r *Report) quoteAdvice(q *Quotes, add func(Recommendation)) {
	decide := r.decideBy(q.FirstStart)
	scope := plural(len(q.CommonScope), "device", "devices")
	var vendors []Partner
	for _, p := range q.Partners {
		if p.Kind == contract.VendorPartner {
			vendors = append(vendors, p)
		}
	}
	slices.SortStableFunc(vendors, func(a, b Partner) int { return cmp.Compare(a.CommonAnnualized, b.CommonAnnualized) })
	if len(vendors) > 0 {
		best := vendors[0]
		rec := Recommendation{
			ID: "choose-quote", Kind: KindQuote, MoneyKind: MoneySaving,
			Action:   fmt.Sprintf("Choose %s for the %s every partner quoted: %s a year.", best.Name, scope, r.money(best.CommonAnnualized)),
			DecideBy: decide, Serials: q.CommonScope,
		}
		if len(vendors) > 1 {
			rec.Money = vendors[1].CommonAnnualized - best.CommonAnnualized
			rec.Action = fmt.Sprintf("Choose %s for the %s every partner quoted: %s a year, %s less than %s.",
				best.Name, scope, r.money(best.CommonAnnualized), r.money(rec.Money), vendors[1].Name)
		} else {
			// Nothing to save against: what renewing with it costs.
			rec.MoneyKind, rec.Money = MoneyCost, best.CommonAnnualized
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s is the only vendor partner that quoted: ask another for the same scope (the RFQ pack) to compare its price with more than today's.", best.Name))
		}
		for _, p := range q.Partners {
			rec.Evidence = append(rec.Evidence, fmt.Sprintf("%s (%s): %s a year on the common scope; headline %s for terms of %d days on average.",
				p.Name, p.Kind, r.money(p.CommonAnnualized), r.money(p.CommonHeadline), p.AvgTermDays))
		}
		if t := q.Trap; t != nil {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s has the lowest headline total (%s) only because its terms are shorter (%d days on average): per year it costs %s, more than %s. Compare annualized figures, not headline totals.",
				t.HeadlineCheapest, r.money(t.Headline[t.HeadlineCheapest]), t.AvgTermDays[t.HeadlineCheapest], r.money(t.Annualized[t.HeadlineCheapest]), t.AnnualCheapest))
		}
		flags := map[string]int{}
		for _, f := range q.Flagged {
			if f.Partner == best.Name {
				flags[f.Reason]++
			}
		}
		if n := flags[ReasonTermPastLDoS]; n > 0 {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s of this quote run past the product's LDoS; the vendor caps coverage there.", plural(n, "line", "lines")))
		}
		if n := flags[ReasonDevicePastLDoS]; n > 0 {
			rec.Caveats = append(rec.Caveats, fmt.Sprintf("%s of this quote %s for devices already past LDoS: the vendor cannot deliver them; strike them.", plural(n, "line", "lines"), isAre(n)))
		}
		for _, m := range q.TotalMismatches {
			if m.Partner == best.Name {
				rec.Caveats = append(rec.Caveats, fmt.Sprintf("The total of quote %s says %s but its lines add up to %s.", or(m.QuoteNumber, "(unnamed)"), r.money(m.Stated), r.money(m.Sum)))
			}
		}
		add(rec)
	}
	if q.CheapestVendor == "" {
		return
	}
	rec := Recommendation{
		ID: "tpm", Kind: KindTPM, MoneyKind: MoneySaving, Money: q.TPM.Amount, DecideBy: decide, Serials: q.CommonScope,
		Caveats: []string{"Devices under third-party maintenance are not entitled to the vendor's software updates."},
	}
	if q.TPM.Estimate {
		rec.Action = fmt.Sprintf("Ask a third-party maintainer to quote the %s: it could save about %.0f %% (an estimate; no TPM quote was given).", scope, q.TPM.Pct)
		rec.Caveats = append(rec.Caveats, "Estimate from tpm_discount, not from a quote.")
	} else {
		rec.Action = fmt.Sprintf("Consider moving the %s every partner quoted to %s: %.2f %% less, %s a year against %s.", scope, q.CheapestTPM, q.TPM.Pct, r.money(q.TPM.Amount), q.CheapestVendor)
	}
	add(rec)
	if h := q.Hybrid; h.TPMUnits > 0 {
		est := ""
		if h.Estimate {
			est = " (TPM prices estimated)"
		}
		add(Recommendation{
			ID: "hybrid", Kind: KindHybrid, MoneyKind: MoneySaving, Money: h.Amount, DecideBy: decide, Serials: q.CommonScope,
			Action: fmt.Sprintf("Or keep one unit of each of the %s product IDs on vendor contract and move the other %s units to TPM: %.2f %% less, %s a year%s.",
				contract.Thousands(h.Products), contract.Thousands(h.TPMUnits), h.Pct, r.money(h.Amount), est),
			Evidence: []string{fmt.Sprintf("All on %s: %s a year; hybrid: %s.", q.CheapestVendor, r.money(h.AllVendor), r.money(h.Cost))},
			Caveats:  []string{HybridCaveat},
		})
	}
}

// urgency weighs money by how soon the decision falls due.
func urgency(asOf, decide contract.Date) int64 {
	switch {
	case decide.IsZero():
		return 2
	case !decide.After(asOf.AddDays(30)):
		return 6
	case !decide.After(asOf.AddDays(90)):
		return 3
	}
	return 2
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

func multiDates(contracts []string) string {
	switch len(contracts) {
	case 0:
		return "each contract ends on one date"
	case 1:
		return "contract " + contracts[0] + " has lines ending on several dates"
	}
	return "contracts " + list(contracts, 6) + " have lines ending on several dates"
}
