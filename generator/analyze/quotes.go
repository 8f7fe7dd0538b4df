package analyze

import (
	"cmp"
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Quotes compares the partner quotes (README: "What the report computes").
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

// quoted numbers the serials the quotes name, each once, so that each
// partner's sums are a slice rather than a map: at a million devices,
// hashing every serial once per partner and again for each comparison
// was most of the quotes' time. A serial's number comes from its device
// (one lookup per line, which the line's LDoS needs anyway) or, for a
// serial not in the current export, from a map of those.
type quoted struct {
	line   []int32   // the number of each quote line's serial
	serial []string  // the serial of each number
	device []*Device // its device in the current export, or nil
	// product is the first product number the lines give a serial.
	product []string
	// byDevice is the number of each device's serial, plus one; 0 when
	// no line quotes the device.
	byDevice []int32
	others   []int32 // the numbers of serials outside the export
}

func numberQuoted(lines []contract.QuoteLine, r *Report) *quoted {
	qs := &quoted{line: make([]int32, len(lines)), byDevice: make([]int32, len(r.Devices))}
	others := map[string]int32{}
	for i := range lines {
		l := &lines[i]
		var n int32
		if d := r.Device(l.Serial); d != nil {
			if qs.byDevice[d.Index] == 0 {
				qs.byDevice[d.Index] = qs.add(l.Serial, d) + 1
			}
			n = qs.byDevice[d.Index] - 1
		} else {
			var ok bool
			if n, ok = others[l.Serial]; !ok {
				n = qs.add(l.Serial, nil)
				others[l.Serial] = n
				qs.others = append(qs.others, n)
			}
		}
		qs.line[i] = n
		if qs.product[n] == "" {
			qs.product[n] = l.ProductNumber
		}
	}
	return qs
}

func (qs *quoted) add(serial string, d *Device) int32 {
	qs.serial = append(qs.serial, serial)
	qs.device = append(qs.device, d)
	qs.product = append(qs.product, "")
	return int32(len(qs.serial) - 1)
}

// inOrder returns the numbers for which in is true, in serial order: the
// devices' in the order of the devices, which is their serials', merged
// with the others sorted.
func (qs *quoted) inOrder(in func(n int32) bool) []int32 {
	var devices, others []int32
	for _, n := range qs.byDevice {
		if n > 0 && in(n-1) {
			devices = append(devices, n-1)
		}
	}
	for _, n := range qs.others {
		if in(n) {
			others = append(others, n)
		}
	}
	if len(others) == 0 {
		return devices
	}
	slices.SortFunc(others, func(a, b int32) int { return cmp.Compare(qs.serial[a], qs.serial[b]) })
	out := make([]int32, 0, len(devices)+len(others))
	for len(devices) > 0 && len(others) > 0 {
		if qs.serial[devices[0]] < qs.serial[others[0]] {
			out, devices = append(out, devices[0]), devices[1:]
		} else {
			out, others = append(out, others[0]), others[1:]
		}
	}
	return append(append(out, devices...), others...)
}

// partnerAcc gathers one partner's lines.
type partnerAcc struct {
	p    Partner
	sums []serialQuote // by serial number (see quoted)
	ends map[contract.Date]bool
}

// serialQuote sums one partner's lines for one serial.
type serialQuote struct {
	annual, net Money
	days        int
	quoted      bool
}

func quotes(e *contract.Estate, r *Report, life map[string]*contract.Lifecycle) *Quotes {
	if len(e.Quotes) == 0 {
		return nil
	}
	q := &Quotes{}
	qs := numberQuoted(e.Quotes, r)
	parts := map[string]*partnerAcc{}
	var a *partnerAcc
	for i := range e.Quotes {
		l := &e.Quotes[i]
		if a == nil || a.p.Name != l.Partner {
			if a = parts[l.Partner]; a == nil {
				a = &partnerAcc{p: Partner{Name: l.Partner, Kind: l.Kind}, sums: make([]serialQuote, len(qs.serial)), ends: map[contract.Date]bool{}}
				parts[l.Partner] = a
			}
		}
		ann := annualized(l.ExtendedNet, l.Start, l.End)
		a.p.Lines++
		a.p.Headline += l.ExtendedNet
		a.p.Annualized += ann
		n := qs.line[i]
		sq := &a.sums[n]
		sq.quoted = true
		sq.annual += ann
		sq.net += l.ExtendedNet
		sq.days += contract.InclusiveDays(l.Start, l.End)
		a.ends[l.End] = true
		if q.FirstStart.IsZero() || (!l.Start.IsZero() && l.Start.Before(q.FirstStart)) {
			q.FirstStart = l.Start
		}
		ldos := quoteLDoS(l, qs.device[n], life)
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
	scope := qs.inOrder(func(n int32) bool {
		for _, p := range parts {
			if !p.sums[n].quoted {
				return false
			}
		}
		return true
	})
	q.CommonScope = make([]string, len(scope))
	for i, n := range scope {
		q.CommonScope[i] = qs.serial[n]
	}
	for _, name := range names {
		a := parts[name]
		days := 0
		for _, n := range scope {
			sq := &a.sums[n]
			a.p.CommonAnnualized += sq.annual
			a.p.CommonHeadline += sq.net
			days += sq.days
		}
		if len(scope) > 0 {
			a.p.AvgTermDays = (days + len(scope)/2) / len(scope)
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
		var tpm []serialQuote
		if q.CheapestTPM != "" {
			tpm = parts[q.CheapestTPM].sums
		}
		q.Hybrid = hybrid(scope, qs, vendor.sums, tpm, discount)
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

// quoteLDoS is the LDoS a quote line is checked against: the LDoS of its
// device d when its serial is in the current export, else the lifecycle
// file's by the quote's product number, else the quote's own LDoS column.
func quoteLDoS(l *contract.QuoteLine, d *Device, life map[string]*contract.Lifecycle) contract.Date {
	if d != nil {
		return d.LDoS
	}
	if ld := eoxLDoS(l.ProductNumber, life); !ld.IsZero() {
		return ld
	}
	return l.LDoS
}

// hybrid prices the common scope (numbers in serial order) with the
// lowest serial of each product ID at the vendor partner's price and the
// rest at the TPM's, or at the vendor's less the TPM discount when no TPM
// quoted. A serial's product ID is the first its quote lines give, else
// its device's.
func hybrid(scope []int32, qs *quoted, vendor, tpm []serialQuote, discount float64) Hybrid {
	h := Hybrid{Saving: Saving{Estimate: tpm == nil}}
	kept := map[string]bool{} // product IDs with their vendor unit
	for _, n := range scope {
		p := qs.product[n]
		if p == "" && qs.device[n] != nil {
			p = qs.device[n].ProductID
		}
		v := vendor[n].annual
		h.AllVendor += v
		if !kept[p] {
			kept[p] = true
			h.VendorUnits++
			h.Cost += v
			continue
		}
		h.TPMUnits++
		if tpm != nil {
			h.Cost += tpm[n].annual
		} else {
			h.Cost += v.MulDiv(int64((1-discount)*1e6+0.5), 1e6)
		}
	}
	h.Products = len(kept)
	h.Amount = h.AllVendor - h.Cost
	h.Pct = pct(h.Amount, h.AllVendor)
	return h
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
