// The decision register: what was decided about the report's decisions,
// and, at a later quarter, whether it happened.

package analyze

import (
	"cmp"
	"math"
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// Record is what the decision register says of a decision: the option
// chosen, its status (accepted, rejected, deferred), who owns it, when and
// why.
type Record struct {
	ID, Option, Status, Owner, Note string
	Date                            contract.Date
	// Quarter names the report the decision was taken on; "" leaves it
	// to Date.
	Quarter string
}

// Decided says whether the decision is out of "what to decide": accepted
// or rejected. A deferred one stays.
func (d *Decision) Decided() bool {
	return d.Record != nil && (d.Record.Status == "accepted" || d.Record.Status == "rejected")
}

// PastDecision is a decision of an archived quarter's report, as its
// figures.json published it.
type PastDecision struct {
	Quarter string
	AsOf    contract.Date
	ID      string
	Title   string
	Serials []string
	// DevicesCost is what its devices' coverage cost a year then; nil
	// when that report had no prices.
	DevicesCost *Money
	Options     []PastOption
}

// PastOption is an option of a past decision.
type PastOption struct {
	ID, Kind, Action         string
	AnnualSaving, AnnualCost *Money
}

// ReadPastDecisions reads the decisions of an archived quarter's
// figures.json.
func ReadPastDecisions(quarter string, data []byte) ([]PastDecision, error) {
	var f struct {
		AsOf      contract.Date `json:"as_of"`
		Decisions []struct {
			ID          string   `json:"id"`
			Title       string   `json:"title"`
			Serials     []string `json:"serials"`
			DevicesCost *float64 `json:"devices_annual_cost"`
			Options     []struct {
				ID           string   `json:"id"`
				Kind         string   `json:"kind"`
				Action       string   `json:"action"`
				AnnualSaving *float64 `json:"annual_saving"`
				AnnualCost   *float64 `json:"annual_cost"`
			} `json:"options"`
		} `json:"decisions"`
	}
	if err := DecodeFigures(data, &f); err != nil {
		return nil, err
	}
	cents := func(v *float64) *Money {
		if v == nil {
			return nil
		}
		m := Money(math.Round(*v * 100))
		return &m
	}
	var out []PastDecision
	for _, d := range f.Decisions {
		pd := PastDecision{Quarter: quarter, AsOf: f.AsOf, ID: d.ID, Title: d.Title, Serials: d.Serials, DevicesCost: cents(d.DevicesCost)}
		for _, o := range d.Options {
			pd.Options = append(pd.Options, PastOption{ID: o.ID, Kind: o.Kind, Action: o.Action, AnnualSaving: cents(o.AnnualSaving), AnnualCost: cents(o.AnnualCost)})
		}
		out = append(out, pd)
	}
	return out, nil
}

// Entry is one entry of the decision register with the decision it
// names: this report's (Quarter "") or an archived quarter's.
type Entry struct {
	Record
	Quarter string
	AsOf    contract.Date // the date of the decision's report
	Title   string
	Devices int
	// Action is the chosen option's; Promised its saving a year, nil when
	// unknown.
	Action   string
	Promised *Money
	// Check verifies an accepted option of an earlier quarter's decision
	// against this snapshot; nil otherwise.
	Check *Verification
	// Unarchived says that the entry's report is not archived, so its
	// decision is not known (Title is its id).
	Unarchived bool
}

// Verification says whether an accepted option happened: what its
// devices did between the decision's report and this one, and the money.
type Verification struct {
	// Expect is what the option means for its devices: "leave" the vendor
	// contract, be "renewed", or "save" money on it.
	Expect string
	// Left counts the devices with no active line now; Renewed those
	// covered by a line that started after the decision's report
	// (for devices uncovered then, any active line); Unchanged the rest.
	Left, Renewed, Unchanged int
	// Then and Now are the devices' run rate at the two reports; Saving
	// is Then − Now. Each is nil when either report had no prices.
	Then, Now, Saving *Money
	// AtQuotedPrice says whether the devices, all renewed, cost no more
	// than the option's annual cost (within half a percent); nil when not
	// all renewed or the cost is unknown.
	AtQuotedPrice *bool
	// Outcome is "realised", "partly", "not-realised",
	// "above-quoted-price" or "unknown" (a saving the prices cannot tell).
	Outcome string
}

// Verification outcomes.
const (
	Realised    = "realised"
	Partly      = "partly"
	NotRealised = "not-realised"
	AboveQuote  = "above-quoted-price"
	Unknown     = "unknown"
)

// RecordProblem is an entry of the register that names no decision of
// any report (Options nil), or no option of its decision.
type RecordProblem struct {
	Index   int // of the entry
	Options []string
	// Unarchived says that the entry is dated before this report and no
	// archived report is that old: its decision cannot be looked up.
	Unarchived bool
}

// Apply records the register's entries: each on its decision, in this
// report or in an archived quarter's (past). An entry belongs to the
// newest report dated on or before its date (this report when it has no
// date, or when no report is that old); when that report has no decision
// of its id, to the newest that has. Accepted options of earlier
// quarters are verified against this snapshot. It returns the entries
// that name no decision, or no option of it.
func (r *Report) Apply(records []Record, past []PastDecision) (problems []RecordProblem) {
	r.Register = nil
	quarters := pastQuarters(past)
	for i := range records {
		rec := &records[i]
		if opts, found := r.record(rec, r.reportsFor(rec, quarters), past); found {
			if opts != nil {
				problems = append(problems, RecordProblem{Index: i, Options: opts})
			}
			continue
		}
		p := RecordProblem{Index: i}
		if r.unarchived(rec, quarters) {
			// Taken on a report that was not archived: kept, but nothing
			// can verify it.
			p.Unarchived = true
			r.Register = append(r.Register, Entry{Record: *rec, Title: rec.ID, Unarchived: true})
		}
		problems = append(problems, p)
	}
	return problems
}

// reportsFor lists the reports to look for rec's decision in, in order:
// quarter names, "" for this report.
func (r *Report) reportsFor(rec *Record, quarters []quarterAsOf) []string {
	switch rec.Quarter {
	case "":
	case r.AsOf.Quarter():
		return []string{""}
	default:
		return []string{rec.Quarter}
	}
	var where []string
	if !rec.Date.IsZero() && rec.Date.Before(r.AsOf) {
		for _, q := range quarters {
			if !rec.Date.Before(q.asOf) {
				where = append(where, q.name) // the newest dated on or before
				break
			}
		}
	}
	where = append(where, "")
	for _, q := range quarters {
		where = append(where, q.name)
	}
	return where
}

// record records rec on the first decision of its id in the reports
// where names; found is false when none has one, and options lists the
// decision's options when rec names none of them.
func (r *Report) record(rec *Record, where []string, past []PastDecision) (options []string, found bool) {
	for _, q := range where {
		if q == "" {
			if at := slices.IndexFunc(r.Decisions, func(d Decision) bool { return d.ID == rec.ID }); at >= 0 {
				return r.recordHere(&r.Decisions[at], rec), true
			}
			continue
		}
		if at := slices.IndexFunc(past, func(d PastDecision) bool { return d.Quarter == q && d.ID == rec.ID }); at >= 0 {
			return r.recordPast(&past[at], *rec), true
		}
	}
	return nil, false
}

// unarchived reports whether rec was taken on a report that the archive
// does not hold: the quarter it names, or, by its date, one older than
// every archived report.
func (r *Report) unarchived(rec *Record, quarters []quarterAsOf) bool {
	if rec.Quarter != "" {
		return rec.Quarter != r.AsOf.Quarter() && !slices.ContainsFunc(quarters, func(q quarterAsOf) bool { return q.name == rec.Quarter })
	}
	return !rec.Date.IsZero() && rec.Date.Before(r.AsOf) && !slices.ContainsFunc(quarters, func(q quarterAsOf) bool { return !rec.Date.Before(q.asOf) })
}

type quarterAsOf struct {
	name string
	asOf contract.Date
}

// pastQuarters lists the quarters of the past decisions, newest first.
func pastQuarters(past []PastDecision) []quarterAsOf {
	var out []quarterAsOf
	for _, d := range past {
		if !slices.ContainsFunc(out, func(q quarterAsOf) bool { return q.name == d.Quarter }) {
			out = append(out, quarterAsOf{d.Quarter, d.AsOf})
		}
	}
	slices.SortFunc(out, func(a, b quarterAsOf) int { return cmp.Compare(b.name, a.name) })
	return out
}

// recordHere records rec on d, a decision of this report; it returns d's
// options when rec names none of them.
func (r *Report) recordHere(d *Decision, rec *Record) []string {
	opts, chosen := choose(d.Options, func(o Option) string { return o.ID }, rec.Option)
	if rec.Option != "" && chosen == nil {
		return opts
	}
	d.Record = rec
	e := Entry{Record: *rec, AsOf: r.AsOf, Title: d.Title, Devices: len(d.Serials)}
	if chosen != nil {
		e.Action, e.Promised = chosen.Action, chosen.AnnualSaving
	}
	r.Register = append(r.Register, e)
	return nil
}

// recordPast records rec on d, a decision of an earlier quarter, and
// verifies it when accepted; it returns d's options when rec names none
// of them.
func (r *Report) recordPast(d *PastDecision, rec Record) []string {
	opts, chosen := choose(d.Options, func(o PastOption) string { return o.ID }, rec.Option)
	if rec.Option != "" && chosen == nil {
		return opts
	}
	e := Entry{Record: rec, Quarter: d.Quarter, AsOf: d.AsOf, Title: d.Title, Devices: len(d.Serials)}
	if chosen != nil {
		e.Action, e.Promised = chosen.Action, chosen.AnnualSaving
		if rec.Status == "accepted" {
			e.Check = r.verify(d, chosen)
		}
	}
	r.Register = append(r.Register, e)
	return nil
}

// expect is what an option of a kind means for its devices.
func expect(kind string) string {
	switch kind {
	case KindTPM, KindReplace, OptionLetLapse:
		return "leave"
	case OptionRenewAsIs, OptionPartner, KindRenew, KindQuote, KindCoTerm, KindLapsed, KindNeverCovered:
		return "renew"
	}
	return "save"
}

// verify sets what the devices of a past decision did since against what
// its chosen option meant for them.
func (r *Report) verify(d *PastDecision, o *PastOption) *Verification {
	v := &Verification{Expect: expect(o.Kind)}
	// Devices uncovered when the decision was taken (lapsed, never
	// covered) are renewed by any line that covers them now, back-dated
	// as reinstatement is.
	anyLine := o.Kind == KindLapsed || o.Kind == KindNeverCovered
	var now Money
	for _, s := range d.Serials {
		dev := r.Device(s)
		switch {
		case dev == nil || !dev.Covered:
			v.Left++
		case anyLine || renewedSince(dev, r.AsOf, d.AsOf):
			v.Renewed++
		default:
			v.Unchanged++
		}
		if dev != nil {
			now += dev.AnnualCost
		}
	}
	if r.Priced && d.DevicesCost != nil {
		then, saving := *d.DevicesCost, *d.DevicesCost-now
		v.Then, v.Now, v.Saving = &then, &now, &saving
	}
	n := len(d.Serials)
	switch v.Expect {
	case "leave":
		v.Outcome = share(v.Left, n)
	case "renew":
		v.Outcome = share(v.Renewed, n)
		if o.AnnualCost != nil && v.Now != nil && v.Renewed == n {
			// Set against the whole scope's cost, so only when the whole
			// scope renewed; half a percent absorbs annualizing a term of
			// another length.
			at := *v.Now <= *o.AnnualCost+o.AnnualCost.MulDiv(5, 1000)
			v.AtQuotedPrice = &at
			if !at && v.Outcome == Realised {
				v.Outcome = AboveQuote
			}
		}
	default:
		switch {
		case v.Saving == nil || o.AnnualSaving == nil:
			v.Outcome = Unknown
		case *v.Saving >= *o.AnnualSaving-o.AnnualSaving.MulDiv(1, 100):
			v.Outcome = Realised
		case *v.Saving > 0:
			v.Outcome = Partly
		default:
			v.Outcome = NotRealised
		}
	}
	return v
}

// share is the outcome of k devices out of n doing what was decided.
func share(k, n int) string {
	switch {
	case k == n:
		return Realised
	case k == 0:
		return NotRealised
	}
	return Partly
}

// renewedSince reports whether a line that started after then covers d
// on asOf.
func renewedSince(d *Device, asOf, then contract.Date) bool {
	for _, l := range d.Lines {
		if l.ActiveOn(asOf) && !l.OpenStart && l.Start.After(then) {
			return true
		}
	}
	return false
}

// choose lists the ids of options and finds the one whose id is want;
// nil when none is.
func choose[T any](options []T, id func(T) string, want string) (ids []string, chosen *T) {
	for i, o := range options {
		ids = append(ids, id(o))
		if id(o) == want {
			chosen = &options[i]
		}
	}
	return ids, chosen
}
