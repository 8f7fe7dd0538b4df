// Package analyze turns an Estate into the report's figures and advice.
// It is pure: no I/O, no clock, and every map is iterated in sorted order,
// so the same estate always gives the same Report. Each figure implements
// one definition of the README's "What the report computes"; the
// comments name it.
package analyze

import (
	"slices"
	"strings"
	"sync"

	"github.com/renewals/renewals/generator/contract"
)

// Settings are the [advice] thresholds.
type Settings struct {
	HorizonDays            int
	TPMDiscount            float64
	ReinstatementFeeRate   float64
	ReinstatementGraceDays int
	DecisionLeadDays       int
	// Critical marks critical devices; with none, devices on a 24x7
	// service level are critical.
	Critical []CriticalRule
	// UpliftCap is the uplift over today above which a quote line is
	// flagged (0: DefaultUpliftCap).
	UpliftCap float64
	// ContractLabels names contracts by number, over the exports' names.
	ContractLabels map[string]string
	// ServiceTargets is the service level code each class of device
	// needs: "critical" and "standard"; none, no service fit.
	ServiceTargets map[string]string
	// UnseenDays is how long before as_of the inventory may last have
	// seen a device in service.
	UnseenDays int
	// Uplift is the yearly price rise the budget forecast assumes.
	Uplift float64
	// FiscalYearStart is the month the fiscal year starts (0: January).
	FiscalYearStart int
	// Replacement prices the replacement of a unit by product ID (the
	// migration product's, else the device's own), upper case.
	Replacement map[string]ReplacementPrice
}

// ReplacementPrice is the config's price of replacing a unit, with the
// product that replaces it when the config names one.
type ReplacementPrice struct {
	Product string
	Price   Money
}

// Money is an amount in cents that marshals to JSON as a number with two
// decimals, exactly, without passing through float64.
type Money = contract.Money

// Device is one distinct serial among the MAJOR lines of the current
// snapshot, with what the report derives about it.
type Device struct {
	Serial    string
	Instance  string
	ProductID string
	Family    string
	Site      string
	HostName  string
	Lines     []*contract.Line // its MAJOR lines, in file order

	Covered      bool
	NeverCovered bool
	Lapsed       bool
	// LapsedDays counts the days since its last contract line ended; zero
	// when it lapsed through a cancelled or not yet started line.
	LapsedDays int
	// LastEnd is the latest end date among its contract lines.
	LastEnd contract.Date

	LDoS       contract.Date // zero when unknown
	LDoSSource string        // "eox", "export" or ""
	// AnnualCost is the annualized net of its active lines.
	AnnualCost Money
	// ActiveEnd is the latest end date among its active lines.
	ActiveEnd contract.Date
	// Contracts and ServiceLevels list the distinct contract numbers and
	// service levels of its lines, in line order. Equal values share one
	// string across devices.
	Contracts     []string
	ServiceLevels []string
	// Index is the device's position in Report.Devices.
	Index int

	hasContract bool          // a line of it is on a contract
	lastEnded   contract.Date // the latest end before as_of of its contract lines
	exportLDoS  contract.Date // the first LDoS its export lines state
}

// Report is everything the site and figures.json show.
type Report struct {
	AsOf     contract.Date
	Currency string
	Settings Settings
	// Priced is false when the current exports carry no prices (see
	// contract.Estate.Priced): the money of the coverage is then unknown,
	// not zero, and the advice says and ranks nothing by it.
	Priced bool

	Devices   []*Device    // sorted by serial
	bySerial  *serialIndex // a serial's place in Devices
	Lines     LineCounts
	Status    StatusCounts
	Spend     Spend
	Expiring  Expiring
	Buckets   []Bucket
	Calendar  []Month
	Contracts []ContractSummary
	Lifecycle Lifecycle
	Duplicate Duplicates
	CoTerm    CoTerm
	Trend     *Trend
	Quotes    *Quotes
	Reinstate Reinstatement
	Never     NeverCovered
	Quality   Quality
	Advice    []Recommendation
	// Decisions group the recommendations that are alternatives (see decide).
	Decisions []Decision
	// SincePrevious compares the report with the previous archived
	// quarter's; nil when none is archived (see Compare).
	SincePrevious *Since
	// Audit sets every partner quote against what the estate pays today;
	// nil without quotes.
	Audit *QuoteAudit
	// Register is the decision register's entries, each with its decision
	// (see Apply); Quarter tells this report's from earlier quarters'.
	Register []Entry
	// ServiceFit sets service levels against the classes' targets; nil
	// without [service_targets].
	ServiceFit *ServiceFit
	// Reconcile sets the contracts against the live inventory; nil
	// without [[inventory]] files.
	Reconcile *Reconcile
	// Replace plans the replacement of what reaches LDoS within 24
	// months; nil without an LDoS source.
	Replace    *ReplacementPlan
	migrations map[string]string  // product ID → the EoX file's migration product
	unfolded   map[string]*Device // folded serial → device, where the export spells it otherwise
	// Security sets advisories and end of vulnerability support against
	// entitlement; nil without an EoX file or alerts.
	Security *Security
	// Budget forecasts renewal cash out per fiscal quarter; nil without
	// prices.
	Budget *Budget
}

// LineCounts counts the current snapshot's lines.
type LineCounts struct {
	Total, Major, Minor, ActiveMajor, Active int
}

// StatusCounts counts devices by coverage status.
type StatusCounts struct {
	Total, Covered, Uncovered, NeverCovered, Lapsed int
}

// Run computes the report. The estate must have at least one snapshot.
func Run(e *contract.Estate, s Settings) *Report {
	r := &Report{AsOf: e.AsOf, Currency: e.Currency, Settings: s, Priced: e.Priced()}
	cur := e.Current()
	life := lifecycleIndex(e.Lifecycle)
	// Two stages of strands that share nothing they write; each stage
	// waits for its strands, so the result does not depend on timing.
	// First the current lines by contract and the trend over every
	// snapshot, beside the devices.
	var stage sync.WaitGroup
	stage.Go(func() {
		r.spend(cur)
		r.contracts(cur)
		r.coterm(cur)
		r.Trend = trend(e, r.Spend)
	})
	r.devices(cur, life)
	stage.Wait()
	// Then what reads the lines and the finished device index, each
	// writing only its own section: the quotes, the risk groups, and the
	// renewals, duplicates, reinstatement and never-covered sections.
	stage.Go(func() { r.Quotes = quotes(e, r, life) })
	stage.Go(func() { r.lifecycle(life) })
	r.renewals(cur)
	r.duplicates()
	r.reinstatement()
	r.neverCovered(cur)
	stage.Wait()
	r.migrations, r.unfolded = migrations(life), r.unfoldedSerials()
	// Then the sections that read those: the quote audit and the service
	// fit, the inventory, and the replacement plan with the security
	// exposure (which reads the plan's migrations and the reinstatement).
	stage.Go(func() {
		r.Audit = r.audit(e)
		r.ServiceFit = r.serviceFit(e.Quotes)
	})
	stage.Go(func() { r.Reconcile = r.reconcile(e) })
	r.Replace = r.replacement()
	r.Security = r.security(e, life)
	r.contractDevices()
	r.quality(e, life)
	stage.Wait()
	r.advise()
	r.decide()
	r.Budget = r.budget(cur)
	return r
}

// PastLDoS reports whether d's Last Date of Support is known and before
// asOf.
func (d *Device) PastLDoS(asOf contract.Date) bool { return !d.LDoS.IsZero() && d.LDoS.Before(asOf) }

// deviceFolded returns the current device whose serial, trimmed and
// case-folded, is k: through the index, which holds serials as the export
// spells them, else among the few devices whose serial is spelled
// otherwise (unfolded).
func (r *Report) deviceFolded(k string) *Device {
	if d := r.Device(k); d != nil {
		return d
	}
	return r.unfolded[k]
}

// Device returns the current device with serial s, or nil.
func (r *Report) Device(s string) *Device {
	if k, ok := r.bySerial.get(s); ok {
		return r.Devices[k]
	}
	return nil
}

// annualized is the "annualized net" of a line: Extended Net Price
// × 365 / inclusive days, rounded to the cent. A line without a term has
// none.
func annualized(net Money, start, end contract.Date) Money {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return 0
	}
	return net.MulDiv(365, int64(contract.InclusiveDays(start, end)))
}

// lineAnnual is the annualized net of a coverage line.
func lineAnnual(l *contract.Line) Money { return annualized(l.ExtendedNet, l.Start, l.End) }

// devices builds the device index and each device's coverage status
// (covered, uncovered, never covered, lapsed). What a
// device's lines say is summed as the lines are read, in file order; the
// devices, sorted by serial, then need only their own fields.
//
// The devices are laid out in memory in serial order, the order of every
// later pass over them (the risk groups, the renewals, the rows of every
// device table): at a million devices, laid out in file order, each of
// those passes missed the cache on nearly every device. A first pass over
// the lines numbers the serials; the devices are placed by their serial's
// rank and filled by a second pass in file order.
func (r *Report) devices(cur *contract.Snapshot, life map[string]*contract.Lifecycle) {
	asOf := r.AsOf
	majors := 0
	for i := range cur.Lines {
		if !cur.Lines[i].Minor {
			majors++
		}
	}
	serials := make([]string, 0, majors) // by number
	r.bySerial = newSerialIndex(majors)
	lineSerial := make([]int32, len(cur.Lines)) // each line's serial number; -1 for a minor line
	for i := range cur.Lines {
		l := &cur.Lines[i]
		r.Lines.Total++
		active := l.ActiveOn(asOf)
		if active {
			r.Lines.Active++
		}
		if l.Minor {
			r.Lines.Minor++
			lineSerial[i] = -1
			continue
		}
		r.Lines.Major++
		if active {
			r.Lines.ActiveMajor++
		}
		n, added := r.bySerial.add(l.Serial, int32(len(serials)))
		if added {
			serials = append(serials, l.Serial)
		}
		lineSerial[i] = n
	}
	rank := rankSerials(serials)

	// One copy of each contract number, service level, product ID, family
	// and site: read here while the lines stream by in file order, they are
	// then compared and hashed from a few hot strings instead of from every
	// line's record.
	shared := map[string]string{}
	one := func(s string) string {
		if c, ok := shared[s]; ok {
			return c
		}
		shared[s] = s
		return s
	}
	// fillOne sets an empty field to the shared copy of v; a filled field
	// costs no lookup.
	fillOne := func(dst *string, v string) {
		if *dst == "" && v != "" {
			*dst = one(v)
		}
	}
	// The devices are one slice rather than a million allocations.
	n := len(serials)
	slab := make([]Device, n)
	r.Devices = make([]*Device, n)
	for i := range slab {
		r.Devices[i] = &slab[i]
	}
	for i := range cur.Lines {
		if lineSerial[i] < 0 {
			continue
		}
		l := &cur.Lines[i]
		k := int(rank[lineSerial[i]])
		d := &slab[k]
		if d.Lines == nil { // its first line
			*d = Device{Serial: l.Serial, Instance: l.Instance, ProductID: one(l.ProductID), Family: one(l.Family), Site: one(l.Site), HostName: l.HostName, Index: k}
		}
		d.Lines = append(d.Lines, l)
		fill(&d.HostName, l.HostName)
		fill(&d.Instance, l.Instance)
		fillOne(&d.Family, l.Family)
		fillOne(&d.Site, l.Site)
		fillOne(&d.ProductID, l.ProductID)
		if l.ServiceLevel != "" && !slices.Contains(d.ServiceLevels, l.ServiceLevel) {
			d.ServiceLevels = append(d.ServiceLevels, one(l.ServiceLevel))
		}
		if l.Contract != "" {
			if !slices.Contains(d.Contracts, l.Contract) {
				d.Contracts = append(d.Contracts, one(l.Contract))
			}
			d.hasContract = true
			d.LastEnd = max(d.LastEnd, l.End)
			if l.End.Before(asOf) {
				d.lastEnded = max(d.lastEnded, l.End)
			}
		}
		if l.ActiveOn(asOf) {
			d.Covered = true
			d.AnnualCost += lineAnnual(l)
			d.ActiveEnd = max(d.ActiveEnd, l.End)
		}
		if d.exportLDoS.IsZero() {
			d.exportLDoS = l.LDoS
		}
	}
	r.bySerial.renumber(rank)
	for _, d := range r.Devices {
		switch {
		case d.Covered:
			r.Status.Covered++
		case !d.hasContract:
			d.NeverCovered = true
			r.Status.NeverCovered++
		default:
			// It had contract lines and none covers it today. Most ended
			// before as_of; a cancelled or not yet started line also
			// leaves it here, with no lapse days to count.
			d.Lapsed = true
			if !d.lastEnded.IsZero() {
				d.LapsedDays = asOf.Sub(d.lastEnded)
			}
			r.Status.Lapsed++
		}
		d.LDoS, d.LDoSSource = deviceLDoS(d, life)
	}
	r.Status.Total = len(r.Devices)
	r.Status.Uncovered = r.Status.Total - r.Status.Covered
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// rankSerials returns the rank of each of the distinct serials in
// serial order.
func rankSerials(serials []string) []int32 {
	order := make([]int32, len(serials))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(serials[a], serials[b]) })
	rank := make([]int32, len(serials))
	for r, i := range order {
		rank[i] = int32(r)
	}
	return rank
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// dedupe sorts s and removes repeats.
func dedupe(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// unfoldedSerials indexes the devices whose serial is not spelled as
// deviceFolded compares serials: trimmed and upper case.
func (r *Report) unfoldedSerials() map[string]*Device {
	out := map[string]*Device{}
	for _, d := range r.Devices {
		if k := foldSerial(d.Serial); k != d.Serial {
			out[k] = d
		}
	}
	return out
}
