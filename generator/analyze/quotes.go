package analyze

import (
	"cmp"
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Quotes compares the partner quotes (DOMAIN.md §4, "Quotes").
type Quotes struct {
	Partners []Partner // sorted by name
	// CommonScope is the set of serials that every partner quotes.
	CommonScope    []string
	CheapestVendor string // by annualized total over the common scope
	CheapestTPM    string
	// TPM is the saving of moving the common scope from the cheapest vendor
	// partner to the cheapest TPM, measured, or estimated from
	// tpm_discount when no TPM quoted.
	TPM    Saving
	Hybrid Hybrid
	// Trap is set when the vendor partner with the lowest headline total is
	// not the cheapest per year.
	Trap            *Trap
	Flagged         []FlaggedLine
	TotalMismatches []TotalMismatch
	FirstStart      contract.Date
}

// Partner is one partner's quote.
type Partner struct {
	Name  string
	Kind  contract.PartnerKind
	Lines int
	// Headline is the plain sum of Extended Net Price: what the quote's
	// cover page says. Annualized sums each line × 365 / its days.
	Headline         Money
	Annualized       Money
	CommonHeadline   Money
	CommonAnnualized Money
	// AvgTermDays is the mean term of its common-scope lines.
	AvgTermDays int
	TermEnds    []contract.Date
	// LinesPastLDoS counts lines whose end date is after the device's LDoS.
	LinesPastLDoS int
	// LinesDevicePastLDoS counts lines for devices already past LDoS.
	LinesDevicePastLDoS int
}

// Saving is a yearly saving against the cheapest vendor partner.
type Saving struct {
	Pct      float64
	Amount   Money
	Estimate bool
}

// Hybrid keeps one unit of each product ID (the lowest serial) at the
// cheapest vendor partner's price and puts the rest at the TPM price.
type Hybrid struct {
	Products    int
	VendorUnits int
	TPMUnits    int
	AllVendor   Money
	Cost        Money
	Saving
}

// HybridCaveat is stated wherever the hybrid option is shown.
const HybridCaveat = "The vendor licenses software updates per covered device: units moved to TPM are not entitled to software updates, and some vendors audit this."

// Trap explains why headline totals mislead.
type Trap struct {
	HeadlineCheapest string
	AnnualCheapest   string
	Headline         map[string]Money
	Annualized       map[string]Money
	AvgTermDays      map[string]int
}

// FlaggedLine is a quote line the manager should question.
type FlaggedLine struct {
	Partner       string
	Kind          contract.PartnerKind
	Serial        string
	ProductNumber string
	End           contract.Date
	LDoS          contract.Date
	// Reason is "term past LDoS" or "device past LDoS".
	Reason string
	Ref    contract.Ref
}

// TotalMismatch is a totals row that disagrees with the sum of its lines.
type TotalMismatch struct {
	Partner     string
	QuoteNumber string
	Stated      Money
	Sum         Money
	Ref         contract.Ref
}

// Reasons a quote line is flagged.
const (
	ReasonTermPastLDoS   = "term past LDoS"
	ReasonDevicePastLDoS = "device past LDoS"
)

// partnerAcc gathers one partner's lines.
type partnerAcc struct {
	p       Partner
	serials map[string]*serialQuote
	slab    []serialQuote // where serials' sums live, sized for the partner's lines
	ends    map[contract.Date]bool
}

// serialQuote sums one partner's lines for one serial.
type serialQuote struct {
	annual, net Money
	days        int
}

// prices returns the annualized price per serial.
func (a *partnerAcc) prices() map[string]Money {
	m := make(map[string]Money, len(a.serials))
	for s, q := range a.serials {
		m[s] = q.annual
	}
	return m
}

func quotes(e *contract.Estate, r *Report, life map[string]*contract.Lifecycle) *Quotes {
	if len(e.Quotes) == 0 {
		return nil
	}
	q := &Quotes{}
	// Each partner's index of serials is sized by its lines, an upper
	// bound: grown from empty, a million quoted devices rehash their maps
	// again and again, each time into fresh memory.
	lines := map[string]int{}
	last := ""
	run := 0
	for i := range e.Quotes {
		if p := e.Quotes[i].Partner; p != last {
			lines[last] += run
			last, run = p, 0
		}
		run++
	}
	lines[last] += run
	parts := map[string]*partnerAcc{}
	for i := range e.Quotes {
		l := &e.Quotes[i]
		a := parts[l.Partner]
		if a == nil {
			n := lines[l.Partner]
			a = &partnerAcc{p: Partner{Name: l.Partner, Kind: l.Kind}, serials: make(map[string]*serialQuote, n),
				slab: make([]serialQuote, 0, n), ends: map[contract.Date]bool{}}
			parts[l.Partner] = a
		}
		ann := annualized(l.ExtendedNet, l.Start, l.End)
		a.p.Lines++
		a.p.Headline += l.ExtendedNet
		a.p.Annualized += ann
		sq := a.serials[l.Serial]
		if sq == nil {
			a.slab = append(a.slab, serialQuote{})
			sq = &a.slab[len(a.slab)-1]
			a.serials[l.Serial] = sq
		}
		sq.annual += ann
		sq.net += l.ExtendedNet
		sq.days += contract.InclusiveDays(l.Start, l.End)
		a.ends[l.End] = true
		if q.FirstStart.IsZero() || (!l.Start.IsZero() && l.Start.Before(q.FirstStart)) {
			q.FirstStart = l.Start
		}
		ldos := quoteLDoS(l, r, life)
		if ldos.IsZero() {
			continue
		}
		if l.End.After(ldos) {
			a.p.LinesPastLDoS++
			q.Flagged = append(q.Flagged, FlaggedLine{l.Partner, l.Kind, l.Serial, l.ProductNumber, l.End, ldos, ReasonTermPastLDoS, l.Ref})
		}
		if ldos.Before(r.AsOf) {
			a.p.LinesDevicePastLDoS++
			if l.Kind == contract.VendorPartner {
				q.Flagged = append(q.Flagged, FlaggedLine{l.Partner, l.Kind, l.Serial, l.ProductNumber, l.End, ldos, ReasonDevicePastLDoS, l.Ref})
			}
		}
	}
	names := sortedKeys(parts)

	// The common scope: serials every partner quotes.
	first := parts[names[0]]
	for _, s := range sortedKeys(first.serials) {
		in := true
		for _, n := range names[1:] {
			if _, ok := parts[n].serials[s]; !ok {
				in = false
				break
			}
		}
		if in {
			q.CommonScope = append(q.CommonScope, s)
		}
	}
	for _, n := range names {
		a := parts[n]
		days := 0
		for _, s := range q.CommonScope {
			sq := a.serials[s]
			a.p.CommonAnnualized += sq.annual
			a.p.CommonHeadline += sq.net
			days += sq.days
		}
		if len(q.CommonScope) > 0 {
			a.p.AvgTermDays = (days + len(q.CommonScope)/2) / len(q.CommonScope)
		}
		for d := range a.ends {
			a.p.TermEnds = append(a.p.TermEnds, d)
		}
		sortDates(a.p.TermEnds)
		q.Partners = append(q.Partners, a.p)
	}
	cheapest := func(kind contract.PartnerKind, by func(*Partner) Money) string {
		best := ""
		var bestV Money
		for i := range q.Partners {
			p := &q.Partners[i]
			if p.Kind == kind && (best == "" || by(p) < bestV) {
				best, bestV = p.Name, by(p)
			}
		}
		return best
	}
	annual := func(p *Partner) Money { return p.CommonAnnualized }
	q.CheapestVendor = cheapest(contract.VendorPartner, annual)
	q.CheapestTPM = cheapest(contract.TPM, annual)
	if h := cheapest(contract.VendorPartner, func(p *Partner) Money { return p.CommonHeadline }); h != q.CheapestVendor {
		q.Trap = &Trap{HeadlineCheapest: h, AnnualCheapest: q.CheapestVendor, Headline: map[string]Money{}, Annualized: map[string]Money{}, AvgTermDays: map[string]int{}}
		for _, p := range q.Partners {
			if p.Kind == contract.VendorPartner {
				q.Trap.Headline[p.Name], q.Trap.Annualized[p.Name], q.Trap.AvgTermDays[p.Name] = p.CommonHeadline, p.CommonAnnualized, p.AvgTermDays
			}
		}
	}

	discount := r.Settings.TPMDiscount
	if q.CheapestVendor != "" {
		vendor := parts[q.CheapestVendor]
		all := vendor.p.CommonAnnualized
		if q.CheapestTPM != "" {
			tpm := parts[q.CheapestTPM].p.CommonAnnualized
			q.TPM = Saving{Amount: all - tpm, Pct: pct(all-tpm, all)}
		} else {
			q.TPM = Saving{Amount: all - all.MulDiv(int64((1-discount)*1e6+0.5), 1e6), Pct: round2(discount * 100), Estimate: true}
		}
		var tpm map[string]Money
		if q.CheapestTPM != "" {
			tpm = parts[q.CheapestTPM].prices()
		}
		q.Hybrid = hybrid(q.CommonScope, e.Quotes, vendor.prices(), tpm, discount, r)
	}
	q.TotalMismatches = totalMismatches(e)
	return q
}

func pct(part, whole Money) float64 {
	if whole == 0 {
		return 0
	}
	return round2(float64(part) * 100 / float64(whole))
}

// quoteLDoS is the LDoS a quote line is checked against: the device's LDoS
// for a serial in the current export, else the lifecycle file by the
// quote's product number, else the quote's own LDoS column.
func quoteLDoS(l *contract.QuoteLine, r *Report, life map[string]*contract.Lifecycle) contract.Date {
	if d := r.Device(l.Serial); d != nil {
		return d.LDoS
	}
	if ld := eoxLDoS(l.ProductNumber, life); !ld.IsZero() {
		return ld
	}
	return l.LDoS
}

func hybrid(scope []string, lines []contract.QuoteLine, vendor, tpm map[string]Money, discount float64, r *Report) Hybrid {
	h := Hybrid{Saving: Saving{Estimate: tpm == nil}}
	pid := map[string]string{}
	for i := range lines {
		if p := lines[i].ProductNumber; p != "" {
			fill2(pid, lines[i].Serial, p)
		}
	}
	byProduct := map[string][]string{}
	for _, s := range scope {
		p := pid[s]
		if p == "" {
			if d := r.Device(s); d != nil {
				p = d.ProductID
			}
		}
		byProduct[p] = append(byProduct[p], s)
		h.AllVendor += vendor[s]
	}
	h.Products = len(byProduct)
	for _, p := range sortedKeys(byProduct) {
		serials := byProduct[p]
		slices.SortFunc(serials, cmp.Compare)
		for i, s := range serials {
			if i == 0 {
				h.VendorUnits++
				h.Cost += vendor[s]
				continue
			}
			h.TPMUnits++
			if tpm != nil {
				h.Cost += tpm[s]
			} else {
				h.Cost += vendor[s].MulDiv(int64((1-discount)*1e6+0.5), 1e6)
			}
		}
	}
	h.Amount = h.AllVendor - h.Cost
	h.Pct = pct(h.Amount, h.AllVendor)
	return h
}

func fill2(m map[string]string, k, v string) {
	if _, ok := m[k]; !ok {
		m[k] = v
	}
}

// totalMismatches checks each totals row against the sum of the lines of
// the same file, partner and (when the row names one) quote number.
func totalMismatches(e *contract.Estate) []TotalMismatch {
	if len(e.QuoteTotals) == 0 {
		return nil
	}
	type key struct{ file, partner, quote string }
	sums := map[key]Money{}
	for i := range e.Quotes {
		l := &e.Quotes[i]
		sums[key{l.Ref.File, l.Partner, l.QuoteNumber}] += l.ExtendedNet
		sums[key{l.Ref.File, l.Partner, ""}] += l.ExtendedNet
	}
	var out []TotalMismatch
	for _, t := range e.QuoteTotals {
		if sum := sums[key{t.Ref.File, t.Partner, t.QuoteNumber}]; sum != t.Amount {
			out = append(out, TotalMismatch{t.Partner, t.QuoteNumber, t.Amount, sum, t.Ref})
		}
	}
	return out
}
