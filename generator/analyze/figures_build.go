// Building data/figures.json from the report.

package analyze

import (
	"encoding/json"
	"path/filepath"
	"reflect"
)

func risk(g RiskGroup) *riskFig {
	return &riskFig{Devices: g.Devices, AnnualCost: jsonMoney(g.AnnualCost), ProductIDs: nonNil(g.Products)}
}

func changeFigure(c Change) changeFig {
	f := changeFig{PriorDate: c.From.String(), Date: c.To.String(), PriorAnnualSpend: jsonMoney(c.Prior),
		AnnualSpend: jsonMoney(c.Now), Change: jsonMoney(c.Change), ChangePct: c.ChangePct}
	d := &f.Drivers
	d.Added = driverFig{c.Added.Lines, jsonMoney(c.Added.Amount)}
	d.Dropped = driverFig{c.Dropped.Lines, jsonMoney(c.Dropped.Amount)}
	d.ReplacedByRMA = driverFig{c.Replaced.Lines, jsonMoney(c.Replaced.Amount)}
	d.PriceChange = driverFig{c.Price.Lines, jsonMoney(c.Price.Amount)}
	d.ServiceLevelChange = driverFig{c.Level.Lines, jsonMoney(c.Level.Amount)}
	return f
}

// Figures returns the report in the figures.json schema.
func (r *Report) Figures() *Figures {
	f := &Figures{AsOf: r.AsOf.String(), Currency: r.Currency, Priced: r.Priced}
	if !r.Priced {
		// The quotes carry their own prices; a recommendation's money is
		// unknown when it says so.
		defer forgetMoney(reflect.ValueOf(f), "Quotes", "Recommendations", "Decisions", "MoneyAtStake", "SincePrevious", "QuoteAudit", "DecisionsRegister", "ServiceFit", "Security", "ReplacementPlan")
	}
	f.Devices.Total, f.Devices.Covered, f.Devices.Uncovered = r.Status.Total, r.Status.Covered, r.Status.Uncovered
	f.Devices.NeverCovered, f.Devices.Lapsed = r.Status.NeverCovered, r.Status.Lapsed
	f.Lines.Total, f.Lines.Major, f.Lines.Minor, f.Lines.ActiveMajor, f.Lines.Active = r.Lines.Total, r.Lines.Major, r.Lines.Minor, r.Lines.ActiveMajor, r.Lines.Active
	f.AnnualSpend, f.TermValueOfActiveLines = jsonMoney(r.Spend.Annual), jsonMoney(r.Spend.TermValue)
	f.AnnualSpendByContract = moneyMap(r.Spend.ByContract)
	f.AnnualSpendByServiceLevel = moneyMap(r.Spend.ByServiceLevel)
	f.AnnualSpendBySite = moneyMap(r.Spend.BySite)
	f.AnnualSpendByProductFamily = moneyMap(r.Spend.ByFamily)
	f.Expiring.HorizonDays, f.Expiring.Lines, f.Expiring.Devices, f.Expiring.AnnualValue = r.Expiring.HorizonDays, r.Expiring.Lines, r.Expiring.Devices, jsonMoney(r.Expiring.AnnualValue)
	for _, b := range r.Buckets {
		bf := bucketFig{Label: b.Label, FromDays: b.From, Lines: b.Lines, Devices: b.Devices, AnnualValue: jsonMoney(b.AnnualValue)}
		if b.To >= 0 {
			to := b.To
			bf.ToDays = &to
		}
		f.RenewalBuckets = append(f.RenewalBuckets, bf)
	}
	for _, m := range r.Calendar {
		f.RenewalCalendar = append(f.RenewalCalendar, monthFig{m.Month, m.Lines, m.Contracts, jsonMoney(m.AnnualValue)})
	}
	f.Contracts = []contractFig{}
	for _, c := range r.Contracts {
		cf := contractFig{Number: c.Number, Label: c.Label, Devices: c.Devices, ActiveLines: c.ActiveLines, AnnualSpend: jsonMoney(c.AnnualSpend),
			TermValue: jsonMoney(c.TermValue), EndDates: []string{}, NextEnd: date(c.NextEnd), DecideBy: date(c.DecideBy), Lapsed: c.Lapsed}
		for _, d := range c.EndDates {
			cf.EndDates = append(cf.EndDates, d.String())
		}
		f.Contracts = append(f.Contracts, cf)
	}
	if lc := r.Lifecycle; lc.HasInput {
		f.PastLDoSOnContract, f.LDoSWithin12Months, f.LDoSWithin24Months = risk(lc.PastLDoSPaid), risk(lc.Within12Months), risk(lc.Within24Months)
		f.RenewalEnded, f.UnknownLDoS = risk(lc.RenewalEnded), risk(lc.UnknownLDoS)
	}
	f.DuplicateCoverage.Serials, f.DuplicateCoverage.AnnualSaving = len(r.Duplicate.Serials), jsonMoney(r.Duplicate.AnnualSaving)
	f.EndDates.Distinct, f.EndDates.MultiDateContracts = r.CoTerm.DistinctEndDates, nonNil(r.CoTerm.MultiDateContracts)
	if c := r.CoTerm; c.AlignLines > 0 {
		f.CoTerm = &struct {
			Target         string    `json:"target"`
			AlignLines     int       `json:"align_lines"`
			AlignContracts []string  `json:"align_contracts"`
			AlignCost      jsonMoney `json:"align_cost"`
		}{c.Target.String(), c.AlignLines, c.AlignContracts, jsonMoney(c.AlignCost)}
	}
	f.Trend, f.Changes = []trendFig{}, []changeFig{}
	if t := r.Trend; t != nil {
		for _, p := range t.Points {
			f.Trend = append(f.Trend, trendFig{p.Date.String(), p.EvaluatedOn.String(), jsonMoney(p.AnnualSpend), moneyMap(p.ByContract), moneyMap(p.ByServiceLevel)})
		}
		for _, c := range t.Changes {
			f.Changes = append(f.Changes, changeFigure(c))
		}
		if n := len(t.Changes); n > 0 {
			last := f.Changes[n-1]
			f.QuarterOverQuarter = &last
		}
	}
	if q := r.Quotes; q != nil {
		f.Quotes = quotesFigure(q)
	}
	ri := r.Reinstate
	f.Reinstatement.Devices, f.Reinstatement.BackBilling, f.Reinstatement.Fees = len(ri.Reinstatable), jsonMoney(ri.BackBilling), jsonMoney(ri.Fees)
	f.Reinstatement.Exposure, f.Reinstatement.FeeRate, f.Reinstatement.GraceDays = jsonMoney(ri.Exposure), ri.FeeRate, ri.GraceDays
	f.Reinstatement.NotReinstatable = len(ri.NotReinstatable)
	f.NeverCovered.Devices, f.NeverCovered.BySite, f.NeverCovered.EstimatedAnnual = len(r.Never.Serials), r.Never.BySite, jsonMoney(r.Never.EstimatedAnnual)
	q := r.Quality
	f.DataQuality = qualityFig{Files: len(q.Files), Rows: q.Rows, DroppedRows: q.Dropped, DroppedMoney: jsonMoney(q.DroppedMoney),
		WarningsByKind: q.WarningsByKind, LDoSDisagreements: len(q.LDoSDisagreements), UnknownServiceLevels: q.UnknownServiceLevels}
	f.Decisions = []decisionFig{}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		df := decisionFig{ID: d.ID, Title: d.Title, DecideBy: date(d.DecideBy), DecideByPassed: d.Passed, Devices: len(d.Serials),
			Serials: nonNil(d.Serials), Critical: d.Critical, Recommended: d.Recommended, Reason: d.Reason, Stake: optMoney(d.Stake()), Options: []optionFig{}}
		if d.Still != "" {
			df.StillPossible = &d.Still
		}
		if r.Priced {
			cost := jsonMoney(d.Cost)
			df.DevicesCost = &cost
		}
		if rec := d.Record; rec != nil {
			df.Status, df.Chosen, df.Owner, df.Date, df.Note = str(rec.Status), str(rec.Option), str(rec.Owner), date(rec.Date), str(rec.Note)
		}
		for _, o := range d.Options {
			df.Options = append(df.Options, optionFig{ID: o.ID, Kind: o.Kind, Action: o.Action, AnnualSaving: optMoney(o.AnnualSaving),
				AnnualCost: optMoney(o.AnnualCost), Once: optMoney(o.Once), DecideBy: date(d.DecideBy), Unpriced: o.AnnualSaving == nil && o.AnnualCost == nil && o.Once == nil,
				Caveats: nonNil(o.Caveats), Recommended: o.ID == d.Recommended})
		}
		f.Decisions = append(f.Decisions, df)
	}
	f.DecisionsRegister = r.registerFigures()
	f.ServiceFit = r.serviceFitFigures()
	f.Reconcile = r.reconcileFigures()
	f.Security = r.securityFigures()
	f.ReplacementPlan = r.replacementFigures()
	f.BudgetForecast = r.budgetFigures()
	if sum, known := r.MoneyAtStake(); known {
		stake := jsonMoney(sum)
		f.MoneyAtStake = &stake
	}
	if s := r.SincePrevious; s != nil {
		sf := &sinceFig{Quarter: s.Quarter, AsOf: s.AsOf, LapsedThen: s.LapsedThen, LapsedNow: s.LapsedNow, PastLDoSThen: s.PastLDoSThen,
			PastLDoSNow: s.PastLDoSNow, ContractsNew: nonNil(s.ContractsNew), ContractsGone: nonNil(s.ContractsGone),
			ContractsRenewed: nonNil(s.ContractsRenewed), ContractsLapsed: nonNil(s.ContractsLapsed),
			RecommendationsNew: nonNil(s.RecommendationsNew), RecommendationsOpen: nonNil(s.RecommendationsOpen), RecommendationsGone: []string{},
			RecommendationsLapsed: []string{}}
		if s.AnnualSpendThen != nil {
			sf.AnnualSpendThen, sf.AnnualSpendChange = optMoney(s.AnnualSpendThen), optMoney(&s.Change)
		}
		for _, g := range s.RecommendationsGone {
			sf.RecommendationsGone = append(sf.RecommendationsGone, g.ID)
			if g.Lapsed {
				sf.RecommendationsLapsed = append(sf.RecommendationsLapsed, g.ID)
			}
		}
		f.SincePrevious = sf
	}
	if au := r.Audit; au != nil {
		af := &auditFig{UpliftCap: au.UpliftCap, Partners: []auditPartnerFig{}}
		// What is paid today comes from the exports' prices; what is
		// quoted, from the quotes, which carry their own.
		today := func(m Money) jsonMoney {
			if !r.Priced {
				return unknownMoney
			}
			return jsonMoney(m)
		}
		for _, p := range au.Partners {
			pf := auditPartnerFig{Partner: p.Name, Kind: string(p.Kind), MatchedLines: p.Matched, QuotedAnnual: jsonMoney(p.Quoted),
				CurrentAnnual: today(p.Current), LinesOverCap: p.OverCap, LevelsHigher: p.Higher, LevelsLower: p.Lower,
				LeftOut: nonNil(p.LeftOut), LeftOutAnnual: today(p.LeftOutMoney), Added: nonNil(p.Added), AddedAnnual: jsonMoney(p.AddedMoney),
				Lines: []auditLineFig{}}
			if p.Current > 0 {
				u := p.UpliftPct
				pf.UpliftPct = &u
			}
			for _, l := range p.Lines {
				// The file by its name: figures.json never names a folder
				// of the machine that built it.
				lf := auditLineFig{File: filepath.Base(l.Ref.File), Line: l.Ref.Line, Serial: l.Serial, Quoted: jsonMoney(l.Quoted), QuotedLevel: l.QuotedLevel,
					CurrentLevel: l.CurrentLevel, Level: [3]string{"lower", "same", "higher"}[l.Level+1], OverCap: l.OverCap}
				if l.Matched {
					c := today(l.Current)
					lf.Current = &c
					if l.Current > 0 {
						u := l.UpliftPct
						lf.UpliftPct = &u
					}
				} else {
					lf.Level = ""
				}
				pf.Lines = append(pf.Lines, lf)
			}
			af.Partners = append(af.Partners, pf)
		}
		f.QuoteAudit = af
	}
	f.Recommendations = []recFig{}
	for _, a := range r.Advice {
		per := "year"
		if a.OneOff {
			per = "once"
		}
		f.Recommendations = append(f.Recommendations, recFig{ID: a.ID, Kind: a.Kind, Action: a.Action, Money: recMoney(a), Per: per, MoneyKind: a.MoneyKind,
			DecideBy: date(a.DecideBy), Evidence: nonNil(a.Evidence), Caveats: nonNil(a.Caveats), Contracts: nonNil(a.Contracts),
			Sites: nonNil(a.Sites), Products: nonNil(a.Products), Devices: len(a.Serials)})
	}
	return f
}

func quotesFigure(q *Quotes) *quotesFig {
	f := &quotesFig{CommonScopeSerials: len(q.CommonScope), HybridCaveat: HybridCaveat, FlaggedLines: len(q.Flagged),
		TotalMismatches: len(q.TotalMismatches), Partners: []partnerFig{}}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	f.CheapestVendorPartner, f.CheapestTPM = str(q.CheapestVendor), str(q.CheapestTPM)
	if q.CheapestVendor != "" {
		tp, ta, hp, ha := q.TPM.Pct, jsonMoney(q.TPM.Amount), q.Hybrid.Pct, jsonMoney(q.Hybrid.Amount)
		f.TPMSavingPct, f.TPMSaving, f.TPMSavingIsEstimate = &tp, &ta, q.TPM.Estimate
		f.HybridSavingPct, f.HybridSaving = &hp, &ha
	}
	if q.Trap != nil {
		f.HeadlineTrap = &q.Trap.HeadlineCheapest
	}
	for _, p := range q.Partners {
		f.Partners = append(f.Partners, partnerFig{Name: p.Name, Kind: string(p.Kind), Lines: p.Lines, Headline: jsonMoney(p.Headline),
			Annualized: jsonMoney(p.Annualized), CommonScopeHeadline: jsonMoney(p.CommonHeadline), CommonScopeAnnualized: jsonMoney(p.CommonAnnualized),
			AvgTermDays: p.AvgTermDays, LinesPastLDoS: p.LinesPastLDoS, LinesDevicePastLDoS: p.LinesDevicePastLDoS})
	}
	return f
}

// MarshalFigures writes figures.json: indented for people, with each
// short object and each list of values on one line, so that a list of
// thousands of serials or lines costs one line each at most.
func (r *Report) MarshalFigures() ([]byte, error) {
	compact, err := json.Marshal(r.Figures())
	if err != nil {
		return nil, err
	}
	l := layouter{src: compact, spans: containers(compact), dst: make([]byte, 0, len(compact)+len(compact)/4)}
	l.value(0, 0)
	return append(l.dst, '\n'), nil
}

// inlineWidth is the longest object written on one line.
const inlineWidth = 320

// span is where a container of compact JSON starts and ends.
type span struct{ start, end int }

// containers lists the objects and arrays of compact JSON src in the
// order they start.
func containers(src []byte) []span {
	var out []span
	var open []int
	in := false
	for k := 0; k < len(src); k++ {
		switch b := src[k]; {
		case in && b == '\\':
			k++
		case b == '"':
			in = !in
		case in:
		case b == '{' || b == '[':
			open = append(open, len(out))
			out = append(out, span{start: k})
		case b == '}' || b == ']':
			out[open[len(open)-1]].end = k + 1
			open = open[:len(open)-1]
		}
	}
	return out
}

// layouter writes compact JSON laid out: next is the first container
// not yet written.
type layouter struct {
	src, dst []byte
	spans    []span
	next     int
}

// value writes the value that starts at i, indented by depth, and
// returns where it ends. A container is written on one line when it is
// short, or when it is a list holding no container; otherwise each member
// on a line of its own.
func (l *layouter) value(i, depth int) int {
	c := l.src[i]
	if c != '{' && c != '[' {
		end := valueEnd(l.src, i)
		l.dst = append(l.dst, l.src[i:end]...)
		return end
	}
	end := l.spans[l.next].end
	l.next++
	nested := l.next < len(l.spans) && l.spans[l.next].start < end
	if end-i <= inlineWidth || c == '[' && !nested || end-i == 2 {
		l.dst = inline(l.dst, l.src[i:end])
		for l.next < len(l.spans) && l.spans[l.next].start < end {
			l.next++
		}
		return end
	}
	l.dst = append(l.dst, c)
	j := i + 1
	for first := true; j < end-1; first = false {
		if !first {
			l.dst = append(l.dst, ',')
			j++
		}
		l.dst = append(l.dst, '\n')
		l.dst = appendIndent(l.dst, depth+1)
		if c == '{' {
			k := valueEnd(l.src, j) // the key
			l.dst = append(l.dst, l.src[j:k]...)
			l.dst = append(l.dst, ':', ' ')
			j = k + 1
		}
		j = l.value(j, depth+1)
	}
	l.dst = append(l.dst, '\n')
	l.dst = appendIndent(l.dst, depth)
	l.dst = append(l.dst, l.src[end-1])
	return end
}

func appendIndent(dst []byte, depth int) []byte {
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

// inline appends compact JSON with a space after each comma and colon
// outside strings.
func inline(dst, src []byte) []byte {
	in := false
	for k := 0; k < len(src); k++ {
		b := src[k]
		dst = append(dst, b)
		switch {
		case in && b == '\\':
			k++
			dst = append(dst, src[k])
		case b == '"':
			in = !in
		case !in && (b == ',' || b == ':'):
			dst = append(dst, ' ')
		}
	}
	return dst
}

// valueEnd returns where the string or scalar of compact src starting at
// i ends.
func valueEnd(src []byte, i int) int {
	if src[i] == '"' {
		for k := i + 1; ; k++ {
			switch src[k] {
			case '\\':
				k++
			case '"':
				return k + 1
			}
		}
	}
	k := i
	for k < len(src) && src[k] != ',' && src[k] != '}' && src[k] != ']' {
		k++
	}
	return k
}
