package analyze

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/renewals/renewals/generator/contract"
)

// A Decision is what management decides about one set of devices: the
// recommendations that act on the same devices as alternatives (renew as
// is, renew with a partner, third-party maintenance, the hybrid, replace,
// let lapse) are its options, one of them recommended. Its money is its
// recommended option's, never the sum of the alternatives (README: "What
// the report computes", Decisions).
type Decision struct {
	ID       string
	Title    string
	DecideBy contract.Date
	Serials  []string
	Options  []Option
	// Recommended is the ID of the recommended option; Reason says why.
	Recommended string
	Reason      string
	// Passed says that the decide-by date is before as_of; Still says
	// what can still be done.
	Passed bool
	Still  string
	// Critical counts the decision's devices that are critical.
	Critical int
	// Record is what the decision register says of it; nil when nothing.
	Record *Record
	// Cost is what the devices' coverage costs a year today.
	Cost Money
}

// An Option is one way to decide. Its money is per year (a saving against
// what the devices cost today, and what the option costs) or once; an
// amount is nil when the inputs cannot give it.
type Option struct {
	ID           string
	Kind         string
	Action       string
	AnnualSaving *Money
	AnnualCost   *Money
	Once         *Money
	Caveats      []string
	// Lowers says that the option lowers the devices' service (no vendor
	// software entitlement, or a lower level): never recommended for
	// critical devices.
	Lowers bool
	// Baseline says that the option is what the devices cost today, which
	// the others are set against, and not a price anyone offers: never
	// recommended.
	Baseline bool
	// Preferred says that the decision's nature makes this the option to
	// recommend, whatever the money: replacing what support no longer
	// covers, or TPM for devices past LDoS that are not critical.
	Preferred bool
}

// Option kinds besides the recommendation kinds.
const (
	OptionRenewAsIs = "renew-as-is"
	OptionPartner   = "renew-with-partner"
	OptionLetLapse  = "let-lapse"
)

// Stake is the money of the recommended option: what it saves a year,
// else what it costs a year, else its one-off amount; nil when the inputs
// give none.
func (d *Decision) Stake() *Money {
	for _, o := range d.Options {
		if o.ID != d.Recommended {
			continue
		}
		switch {
		case o.AnnualSaving != nil && *o.AnnualSaving > 0:
			return o.AnnualSaving
		case o.AnnualCost != nil:
			return o.AnnualCost
		}
		return o.Once
	}
	return nil
}

// MoneyAtStake adds each decision's stake once; known is false when no
// decision has a stake the inputs give.
func (r *Report) MoneyAtStake() (sum Money, known bool) {
	for i := range r.Decisions {
		if m := r.Decisions[i].Stake(); m != nil {
			sum, known = sum+*m, true
		}
	}
	return sum, known
}

// CriticalRule marks devices as critical by site, product family or
// product ID: a value matches when it equals one of the entry's, or
// matches it as a glob (C9500-*), case aside.
type CriticalRule struct {
	Sites, Families, ProductIDs []string
}

// twentyFourSeven are the service levels that count as critical when the
// config names no critical devices.
var twentyFourSeven = map[string]bool{"SNTP": true, "C4P": true, "S2P": true, "C2P": true}

// critical reports whether d is critical: by the config's rules, else by
// a 24x7 service level.
func (r *Report) critical(d *Device) bool {
	if rules := r.Settings.Critical; len(rules) > 0 {
		for _, rule := range rules {
			if matchAny(rule.Sites, d.Site) || matchAny(rule.Families, d.Family) || matchAny(rule.ProductIDs, d.ProductID) {
				return true
			}
		}
		return false
	}
	for _, l := range d.ServiceLevels {
		up := strings.ToUpper(l)
		if twentyFourSeven[up] || strings.Contains(up, "24X7") {
			return true
		}
	}
	return false
}

func matchAny(patterns []string, v string) bool {
	if v == "" {
		return false
	}
	v = strings.ToUpper(v)
	for _, p := range patterns {
		p = strings.ToUpper(p)
		if p == v {
			return true
		}
		if ok, err := path.Match(p, v); err == nil && ok {
			return true
		}
	}
	return false
}

// decide groups the recommendations into decisions, in the order of the
// recommendations they come from.
func (r *Report) decide() {
	byID := map[string]*Recommendation{}
	for i := range r.Advice {
		byID[r.Advice[i].ID] = &r.Advice[i]
	}
	done := map[string]bool{}
	var out []Decision
	for i := range r.Advice {
		a := &r.Advice[i]
		if done[a.ID] {
			continue
		}
		var d Decision
		switch {
		case r.Quotes != nil && (a.Kind == KindQuote || a.Kind == KindTPM || a.Kind == KindHybrid):
			d = r.quoteDecision(byID)
			done[KindQuote], done["tpm"], done["hybrid"] = true, true, true
		case a.Kind == KindPastLDoS:
			d = r.pastLDoSDecision(a)
		case a.Kind == KindReplace && a.OneOff:
			d = r.replaceDecision(a)
		case a.Kind == KindPaidNotSeen:
			d = r.singleDecision(a)
			d.Options[0].Action = "Take them off their contracts at renewal, each confirmed gone with its site first."
			d.Options = append(d.Options, Option{ID: "keep", Kind: OptionRenewAsIs, Action: "Keep them on contract until each is found.",
				AnnualCost: r.known(a.Money), Caveats: []string{"What they cost today, for devices the inventory does not see in service."}})
		case a.Kind == KindSeenNotCovered || a.Kind == KindUnknownToVendor:
			d = r.singleDecision(a)
			d.Options[0].Action = map[string]string{
				KindSeenNotCovered:  "Cover them: ask partners to price their coverage with the rest of the renewal.",
				KindUnknownToVendor: "Find out where they came from, then add them to the installed base and the contract they need.",
			}[a.Kind]
			d.Options = append(d.Options, Option{ID: "leave-uncovered", Kind: OptionLetLapse, Action: "Leave them as they are, without vendor coverage.",
				Caveats: []string{"They run with no hardware replacement and no entitlement to software fixes; a failure is paid for in full, and covering them later may cost back-billing."}})
		case a.Kind == KindRenew:
			d = r.singleDecision(a)
			d.Options = append(d.Options, Option{ID: OptionLetLapse, Kind: OptionLetLapse, Action: "Let the contract end.",
				AnnualSaving: r.known(a.Money),
				Caveats:      []string{fmt.Sprintf("The devices lose hardware replacement and software entitlement; bringing them back means back-billing for the lapsed time plus a reinstatement fee of about %.0f %% of their yearly value.", r.Settings.ReinstatementFeeRate*100)}})
		default:
			d = r.singleDecision(a)
		}
		done[a.ID] = true
		if d.Cost == 0 { // the builders that price against today set it
			d.Cost = r.runRate(d.Serials)
		}
		r.recommend(&d)
		if !d.DecideBy.IsZero() && d.DecideBy.Before(r.AsOf) {
			d.Passed = true
			d.Still = r.stillPossible(a)
		}
		out = append(out, d)
	}
	r.Decisions = out
}

// known is m, or nil when the exports carry no prices.
func (r *Report) known(m Money) *Money {
	if !r.Priced {
		return nil
	}
	return &m
}

// singleDecision is a recommendation with no alternative: one option.
func (r *Report) singleDecision(a *Recommendation) Decision {
	o := Option{ID: a.Kind, Kind: a.Kind, Action: a.Action, Caveats: a.Caveats}
	m := r.known(a.Money)
	if a.NoMoney {
		m = nil
	}
	switch {
	case a.MoneyKind == MoneySpend:
		// What the devices cost today, not what the action costs.
	case a.OneOff:
		o.Once = m
	case a.MoneyKind == MoneySaving:
		o.AnnualSaving = m
	default:
		o.AnnualCost = m
	}
	return Decision{ID: a.ID, Title: a.Action, DecideBy: a.DecideBy, Serials: a.Serials, Options: []Option{o}, Critical: r.countCritical(a.Serials)}
}

func (r *Report) countCritical(serials []string) int {
	n := 0
	for _, s := range serials {
		if d := r.Device(s); d != nil && r.critical(d) {
			n++
		}
	}
	return n
}

// runRate is what the devices' coverage costs a year today.
func (r *Report) runRate(serials []string) Money {
	var sum Money
	for _, s := range serials {
		if d := r.Device(s); d != nil {
			sum += d.AnnualCost
		}
	}
	return sum
}

// quoteDecision makes the renewal of the devices every partner quoted one
// decision: renew as today, with the cheapest vendor partner, with
// third-party maintenance, or the hybrid, each set against what the
// devices cost today.
func (r *Report) quoteDecision(byID map[string]*Recommendation) Decision {
	q := r.Quotes
	d := Decision{ID: "renewal-quoted", Serials: q.CommonScope, Critical: r.countCritical(q.CommonScope),
		Title: fmt.Sprintf("How to renew the %s every partner quoted", plural(len(q.CommonScope), "device", "devices"))}
	today := r.runRate(q.CommonScope)
	d.Cost = today
	saving := func(cost Money) *Money {
		if !r.Priced {
			return nil
		}
		s := today - cost
		return &s
	}
	d.Options = append(d.Options, Option{ID: OptionRenewAsIs, Kind: OptionRenewAsIs, Action: "What these devices' coverage costs today.",
		AnnualCost: r.known(today), Baseline: true,
		Caveats: []string{"Today's prices, which the other options are set against; what renewing costs is in the partners' quotes."}})
	if a := byID["choose-quote"]; a != nil {
		d.DecideBy = a.DecideBy
		for _, p := range q.Partners {
			if p.Name == q.CheapestVendor {
				cost := p.CommonAnnualized
				d.Options = append(d.Options, Option{ID: OptionPartner, Kind: OptionPartner, Action: a.Action,
					AnnualCost: &cost, AnnualSaving: saving(cost), Caveats: append(slices.Clone(a.Caveats), r.auditCaveats(p.Name)...)})
			}
		}
	}
	if a := byID["tpm"]; a != nil {
		d.DecideBy = cmpDate(d.DecideBy, a.DecideBy)
		o := Option{ID: "tpm", Kind: KindTPM, Action: a.Action, Caveats: append(slices.Clone(a.Caveats), r.auditCaveats(q.CheapestTPM)...), Lowers: true}
		if vendor := partnerCost(q, q.CheapestVendor); vendor != nil {
			cost := *vendor - q.TPM.Amount
			o.AnnualCost, o.AnnualSaving = &cost, saving(cost)
		}
		d.Options = append(d.Options, o)
	}
	if a := byID["hybrid"]; a != nil {
		cost := q.Hybrid.Cost
		d.Options = append(d.Options, Option{ID: "hybrid", Kind: KindHybrid, Action: a.Action, Caveats: a.Caveats, Lowers: true,
			AnnualCost: &cost, AnnualSaving: saving(cost)})
	}
	return d
}

func partnerCost(q *Quotes, name string) *Money {
	for _, p := range q.Partners {
		if p.Name == name {
			m := p.CommonAnnualized
			return &m
		}
	}
	return nil
}

// cmpDate is the earlier of two dates, zero counting as none.
func cmpDate(a, b contract.Date) contract.Date {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || a.Before(b):
		return a
	}
	return b
}

// pastLDoSDecision: devices past their Last Date of Support that are still
// on vendor contract, renewed as is, moved to third-party maintenance,
// replaced, or let lapse.
func (r *Report) pastLDoSDecision(a *Recommendation) Decision {
	d := Decision{ID: a.ID, DecideBy: a.DecideBy, Serials: a.Serials, Critical: r.countCritical(a.Serials),
		Title: fmt.Sprintf("What to do with the %s past their Last Date of Support", plural(len(a.Serials), "device", "devices"))}
	today := r.known(a.Money)
	tpmCost, tpmSaving := r.tpmEstimate(today)
	d.Options = []Option{
		{ID: OptionRenewAsIs, Kind: OptionRenewAsIs, Action: "Keep them on vendor contract.", AnnualCost: today,
			Caveats: []string{"Past LDoS the vendor ships no fixes, including security fixes; the contract buys hardware replacement only."}},
		{ID: "tpm", Kind: KindTPM, Action: "Move them to third-party maintenance.", AnnualCost: tpmCost, AnnualSaving: tpmSaving, Lowers: true,
			Caveats: []string{fmt.Sprintf("An estimate at the configured TPM discount of %.0f %%, not a quote.", r.Settings.TPMDiscount*100)}},
		r.replaceOption(a.Serials),
		{ID: OptionLetLapse, Kind: OptionLetLapse, Action: "Let their coverage lapse.", AnnualSaving: today,
			Caveats: []string{"They keep running with no hardware replacement cover, and past LDoS they cannot be reinstated."}},
	}
	// Past LDoS the vendor ships no fixes: third-party maintenance buys
	// the same hardware cover for less, unless a device is critical, when
	// only replacing keeps its service.
	for k := range d.Options {
		d.Options[k].Preferred = d.Options[k].Kind == KindTPM && d.Critical == 0 || d.Options[k].Kind == KindReplace && d.Critical > 0
	}
	return d
}

// recommend marks the recommended option: the one that saves the most a
// year against today (with no saving known, the one that costs least; with
// neither, the first). An option that lowers the service is never
// recommended for a decision with critical devices, which is said, and
// letting the devices lapse is never the advice while another option
// keeps them covered. Devices past LDoS are best moved to third-party
// maintenance, or replaced when they are critical.
func (r *Report) recommend(d *Decision) {
	allowed := func(o Option) bool {
		return !o.Baseline && !(o.Lowers && d.Critical > 0) && (o.Kind != OptionLetLapse || len(d.Options) == 1)
	}
	best := -1
	better := func(o, than Option) bool {
		switch {
		case o.AnnualSaving != nil || than.AnnualSaving != nil:
			return value(o.AnnualSaving) > value(than.AnnualSaving)
		case o.AnnualCost != nil && than.AnnualCost != nil:
			return *o.AnnualCost < *than.AnnualCost
		}
		return o.AnnualCost != nil && than.AnnualCost == nil
	}
	for i, o := range d.Options {
		if allowed(o) && (best < 0 || better(o, d.Options[best])) {
			best = i
		}
	}
	if at := slices.IndexFunc(d.Options, func(o Option) bool { return o.Preferred }); at >= 0 {
		best = at
	}
	best = max(best, 0)
	o := d.Options[best]
	d.Recommended = o.ID
	switch {
	case len(d.Options) == 1:
		d.Reason = "The one course the report sees for these devices."
	case d.ID == KindReplaceSoon && o.Kind == KindReplace:
		d.Reason = "Their support ends within 12 months, after which the vendor covers nothing: replacing them is the lasting course; coverage until then only bridges the time."
	case d.Critical > 0 && slices.ContainsFunc(d.Options, func(o Option) bool { return o.Lowers && !o.Baseline }):
		d.Reason = fmt.Sprintf("%s critical (a 24x7 service level, or named critical in the config): third-party maintenance and the hybrid end the vendor's software entitlement, so neither is recommended for them.",
			plural(d.Critical, "device is", "devices are"))
	case o.AnnualSaving != nil && *o.AnnualSaving > 0:
		d.Reason = fmt.Sprintf("It saves the most a year against what the devices cost today: %s.", r.money(*o.AnnualSaving))
	case o.Kind == OptionPartner:
		d.Reason = "The cheapest vendor partner per year on these devices."
		if o.AnnualSaving != nil && *o.AnnualSaving < 0 {
			d.Reason += fmt.Sprintf(" It costs %s a year more than today: ask the partners why.", r.money(-*o.AnnualSaving))
		}
	case o.Kind == KindRenew || o.Kind == OptionRenewAsIs:
		d.Reason = "Renewing keeps the devices covered; letting the coverage end would cost reinstatement later."
	case o.AnnualCost != nil:
		d.Reason = "It costs the least a year."
	default:
		d.Reason = "It keeps the devices covered."
	}
}

func value(m *Money) Money {
	if m == nil {
		return 0
	}
	return *m
}

// stillPossible says what can still be done once the decide-by date has
// passed.
func (r *Report) stillPossible(a *Recommendation) string {
	end := a.DecideBy.AddDays(r.Settings.DecisionLeadDays)
	if a.Kind == KindRenew || a.Kind == KindQuote || a.Kind == KindTPM || a.Kind == KindHybrid {
		if end.Before(r.AsOf) {
			return fmt.Sprintf("The decide-by date %s has passed and the coverage ended on %s: renewing now means reinstatement, with back-billing and a fee.", a.DecideBy, end)
		}
		return fmt.Sprintf("The decide-by date %s has passed: decide now. Renewing after %s means a lapse, back-billing and a reinstatement fee.", a.DecideBy, end)
	}
	return fmt.Sprintf("The decide-by date %s has passed: decide now.", a.DecideBy)
}

// auditCaveats says what the quote audit found in a partner's quote: its
// uplift over today, and the expiring devices it leaves out.
func (r *Report) auditCaveats(partner string) []string {
	if r.Audit == nil || partner == "" {
		return nil
	}
	var out []string
	for _, p := range r.Audit.Partners {
		if p.Name != partner {
			continue
		}
		if p.Matched > 0 && r.Priced {
			out = append(out, fmt.Sprintf("Its quote is %.2f %% above today's prices on the %s it renews; %s above the %.0f %% cap.",
				p.UpliftPct, plural(p.Matched, "line", "lines"), plural(p.OverCap, "line is", "lines are"), r.Audit.UpliftCap*100))
		}
		if n := len(p.LeftOut); n > 0 {
			out = append(out, fmt.Sprintf("It leaves out %s: they lapse if the quote is signed as it is.", plural(n, "expiring device", "expiring devices")))
		}
	}
	return out
}

// replaceOption replaces devices: its money is the replacement's at the
// prices in [replacement], when any of them has one.
func (r *Report) replaceOption(serials []string) Option {
	o := Option{ID: "replace", Kind: KindReplace, Action: "Replace them with supported products."}
	capex, unpriced := r.capexOf(serials)
	switch {
	case unpriced == len(serials):
		o.Caveats = []string{"The report has no hardware prices: price the replacement with a partner, or give unit prices in [replacement]."}
	case unpriced > 0:
		o.Once = &capex
		o.Caveats = []string{fmt.Sprintf("%s no price in [replacement]; the amount leaves them out.", plural(unpriced, "device has", "devices have"))}
	default:
		o.Once = &capex
	}
	return o
}

// KindReplaceSoon is the id of the decision on devices whose support ends
// within 12 months.
const KindReplaceSoon = "replace-ldos-12m"

// replaceDecision: devices whose support ends within 12 months, priced
// for replacement, are replaced, kept on vendor coverage, or moved to
// third-party maintenance until they are replaced.
func (r *Report) replaceDecision(a *Recommendation) Decision {
	d := Decision{ID: a.ID, Title: a.Action, DecideBy: a.DecideBy, Serials: a.Serials, Critical: r.countCritical(a.Serials)}
	o := r.replaceOption(a.Serials)
	o.Action, o.Caveats = "Replace them with supported products before their support ends.", append(slices.Clone(a.Caveats), o.Caveats...)
	o.Preferred = true // the others only bridge the time
	d.Cost = r.runRate(a.Serials)
	today := r.known(d.Cost)
	tpmCost, tpmSaving := r.tpmEstimate(today)
	d.Options = []Option{o,
		{ID: OptionRenewAsIs, Kind: OptionRenewAsIs, Action: "Keep them on vendor coverage until their Last Date of Support.", AnnualCost: today,
			Caveats: []string{"After the Last Date of Support the vendor covers nothing: they must be replaced then."}},
		{ID: "tpm", Kind: KindTPM, Action: "Move them to third-party maintenance and replace them later.", AnnualCost: tpmCost, AnnualSaving: tpmSaving, Lowers: true,
			Caveats: []string{fmt.Sprintf("An estimate at the configured TPM discount of %.0f %%, not a quote; no vendor software updates.", r.Settings.TPMDiscount*100)}},
	}
	return d
}

// tpmEstimate is what third-party maintenance would cost a year for
// devices whose coverage costs today, at the configured discount, and what
// it saves; nil when today is unknown.
func (r *Report) tpmEstimate(today *Money) (cost, saving *Money) {
	if today == nil {
		return nil, nil
	}
	c := today.MulDiv(int64((1-r.Settings.TPMDiscount)*1e6+0.5), 1e6)
	s := *today - c
	return &c, &s
}
