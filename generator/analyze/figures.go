package analyze

import (
	"bytes"
	"encoding/json"
	"math"
	"path/filepath"
	"reflect"
	"slices"

	"github.com/renewals/renewals/generator/contract"
)

// jsonMoney marshals cents as a JSON number with two decimals, exactly,
// and unknownMoney as null.
type jsonMoney Money

// unknownMoney is an amount the exports cannot give: they carry no prices.
const unknownMoney = jsonMoney(math.MinInt64)

func (m jsonMoney) MarshalJSON() ([]byte, error) {
	if m == unknownMoney {
		return []byte("null"), nil
	}
	return []byte(Money(m).String()), nil
}

var jsonMoneyType = reflect.TypeFor[jsonMoney]()

// forgetMoney sets every amount in v to unknownMoney, except in the
// fields named in keep (at any depth), whose amounts are known.
func forgetMoney(v reflect.Value, keep ...string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			forgetMoney(v.Elem(), keep...)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() && !slices.Contains(keep, f.Name) {
				forgetMoney(v.Field(i), keep...)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			forgetMoney(v.Index(i), keep...)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			forgetMoney(e, keep...)
			v.SetMapIndex(k, e)
		}
	default:
		if v.Type() == jsonMoneyType && v.CanSet() {
			v.Set(reflect.ValueOf(unknownMoney))
		}
	}
}

func moneyMap(m map[string]Money) map[string]jsonMoney {
	out := make(map[string]jsonMoney, len(m))
	for k, v := range m {
		out[k] = jsonMoney(v)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func date(d contract.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

// Figures is the schema of data/figures.json (README: "data/figures.json"). A
// section without input is null.
type Figures struct {
	AsOf     string `json:"as_of"`
	Currency string `json:"currency"`
	// Priced is false when the exports carry no prices: every amount
	// derived from the coverage is then null.
	Priced  bool `json:"priced"`
	Devices struct {
		Total        int `json:"total"`
		Covered      int `json:"covered"`
		Uncovered    int `json:"uncovered"`
		NeverCovered int `json:"never_covered"`
		Lapsed       int `json:"lapsed"`
	} `json:"devices"`
	Lines struct {
		Total       int `json:"total"`
		Major       int `json:"major"`
		Minor       int `json:"minor"`
		ActiveMajor int `json:"active_major"`
		Active      int `json:"active"`
	} `json:"lines"`
	AnnualSpend                jsonMoney            `json:"annual_spend"`
	TermValueOfActiveLines     jsonMoney            `json:"term_value_of_active_lines"`
	AnnualSpendByContract      map[string]jsonMoney `json:"annual_spend_by_contract"`
	AnnualSpendByServiceLevel  map[string]jsonMoney `json:"annual_spend_by_service_level"`
	AnnualSpendBySite          map[string]jsonMoney `json:"annual_spend_by_site"`
	AnnualSpendByProductFamily map[string]jsonMoney `json:"annual_spend_by_product_family"`
	Expiring                   struct {
		HorizonDays int       `json:"horizon_days"`
		Lines       int       `json:"lines"`
		Devices     int       `json:"devices"`
		AnnualValue jsonMoney `json:"annual_value"`
	} `json:"expiring"`
	RenewalBuckets  []bucketFig   `json:"renewal_buckets"`
	RenewalCalendar []monthFig    `json:"renewal_calendar"`
	Contracts       []contractFig `json:"contracts"`

	PastLDoSOnContract *riskFig `json:"past_ldos_on_contract"`
	LDoSWithin12Months *riskFig `json:"ldos_within_12_months"`
	LDoSWithin24Months *riskFig `json:"ldos_within_24_months"`
	RenewalEnded       *riskFig `json:"service_contract_renewal_ended"`
	UnknownLDoS        *riskFig `json:"unknown_ldos"`
	DuplicateCoverage  struct {
		Serials      int       `json:"serials"`
		AnnualSaving jsonMoney `json:"annual_saving"`
	} `json:"duplicate_coverage"`
	EndDates struct {
		Distinct           int      `json:"distinct"`
		MultiDateContracts []string `json:"multi_date_contracts"`
	} `json:"end_dates"`
	CoTerm *struct {
		Target         string    `json:"target"`
		AlignLines     int       `json:"align_lines"`
		AlignContracts []string  `json:"align_contracts"`
		AlignCost      jsonMoney `json:"align_cost"`
	} `json:"co_term"`
	QuarterOverQuarter *changeFig  `json:"quarter_over_quarter"`
	Trend              []trendFig  `json:"trend"`
	Changes            []changeFig `json:"changes"`
	Quotes             *quotesFig  `json:"quotes"`
	Reinstatement      struct {
		Devices         int       `json:"devices"`
		BackBilling     jsonMoney `json:"back_billing"`
		Fees            jsonMoney `json:"fees"`
		Exposure        jsonMoney `json:"exposure"`
		FeeRate         float64   `json:"fee_rate"`
		GraceDays       int       `json:"grace_days"`
		NotReinstatable int       `json:"not_reinstatable"`
	} `json:"reinstatement"`
	NeverCovered struct {
		Devices         int            `json:"devices"`
		BySite          map[string]int `json:"by_site"`
		EstimatedAnnual jsonMoney      `json:"estimated_annual_cost"`
	} `json:"never_covered"`
	DataQuality qualityFig `json:"data_quality"`
	// Decisions group the recommendations that act on the same devices
	// as alternatives; MoneyAtStake adds each decision's recommended
	// option once.
	Decisions    []decisionFig `json:"decisions"`
	MoneyAtStake *jsonMoney    `json:"money_at_stake"`
	// Recommendations lists every recommendation, alternatives apart, as
	// before decisions.
	Recommendations []recFig `json:"recommendations"`
	// SincePrevious compares with the previous archived quarter's report.
	SincePrevious *sinceFig `json:"since_previous"`
	// QuoteAudit sets every partner quote against what is paid today.
	QuoteAudit *auditFig `json:"quote_audit"`
}

type auditFig struct {
	UpliftCap float64           `json:"uplift_cap"`
	Partners  []auditPartnerFig `json:"partners"`
}

type auditPartnerFig struct {
	Partner       string         `json:"partner"`
	Kind          string         `json:"kind"`
	MatchedLines  int            `json:"matched_lines"`
	QuotedAnnual  jsonMoney      `json:"quoted_annualized"`
	CurrentAnnual jsonMoney      `json:"current_annualized"`
	UpliftPct     *float64       `json:"uplift_pct"`
	LinesOverCap  int            `json:"lines_over_cap"`
	LevelsHigher  int            `json:"service_levels_higher"`
	LevelsLower   int            `json:"service_levels_lower"`
	LeftOut       []string       `json:"left_out"`
	LeftOutAnnual jsonMoney      `json:"left_out_annual"`
	Added         []string       `json:"added"`
	AddedAnnual   jsonMoney      `json:"added_annualized"`
	Lines         []auditLineFig `json:"lines"`
}

type auditLineFig struct {
	File         string     `json:"file"`
	Line         int        `json:"line"`
	Serial       string     `json:"serial"`
	Quoted       jsonMoney  `json:"quoted_annualized"`
	Current      *jsonMoney `json:"current_annualized"`
	QuotedLevel  string     `json:"quoted_service_level"`
	CurrentLevel string     `json:"current_service_level"`
	Level        string     `json:"service_level_change"`
	UpliftPct    *float64   `json:"uplift_pct"`
	OverCap      bool       `json:"over_cap"`
}

type sinceFig struct {
	Quarter             string     `json:"quarter"`
	AsOf                string     `json:"as_of"`
	AnnualSpendThen     *jsonMoney `json:"annual_spend_then"`
	AnnualSpendChange   *jsonMoney `json:"annual_spend_change"`
	LapsedThen          int        `json:"lapsed_devices_then"`
	LapsedNow           int        `json:"lapsed_devices_now"`
	PastLDoSThen        int        `json:"past_ldos_devices_then"`
	PastLDoSNow         int        `json:"past_ldos_devices_now"`
	ContractsNew        []string   `json:"contracts_new"`
	ContractsGone       []string   `json:"contracts_gone"`
	ContractsRenewed    []string   `json:"contracts_renewed"`
	ContractsLapsed     []string   `json:"contracts_lapsed"`
	RecommendationsNew  []string   `json:"recommendations_new"`
	RecommendationsOpen []string   `json:"recommendations_still_open"`
	RecommendationsGone []string   `json:"recommendations_gone"`
}

type decisionFig struct {
	ID             string      `json:"id"`
	Title          string      `json:"title"`
	DecideBy       *string     `json:"decide_by"`
	DecideByPassed bool        `json:"decide_by_passed"`
	StillPossible  *string     `json:"still_possible"`
	Devices        int         `json:"devices"`
	Critical       int         `json:"critical_devices"`
	Recommended    string      `json:"recommended"`
	Reason         string      `json:"reason"`
	Stake          *jsonMoney  `json:"money_at_stake"`
	Options        []optionFig `json:"options"`
	// Status and the rest are the decision register's, when it has the
	// decision: accepted, rejected or deferred, the option chosen, the
	// owner, the date and the note.
	Status *string `json:"status"`
	Chosen *string `json:"chosen_option"`
	Owner  *string `json:"owner"`
	Date   *string `json:"decided_on"`
	Note   *string `json:"note"`
}

type optionFig struct {
	ID           string     `json:"id"`
	Kind         string     `json:"kind"`
	Action       string     `json:"action"`
	AnnualSaving *jsonMoney `json:"annual_saving,omitempty"`
	AnnualCost   *jsonMoney `json:"annual_cost,omitempty"`
	Once         *jsonMoney `json:"once,omitempty"`
	DecideBy     *string    `json:"decide_by"`
	// Unpriced says that the option's money is not in the inputs.
	Unpriced    bool     `json:"money_unknown,omitempty"`
	Caveats     []string `json:"caveats"`
	Recommended bool     `json:"recommended"`
}

// optMoney is m for figures.json; nil stays absent.
func optMoney(m *Money) *jsonMoney {
	if m == nil {
		return nil
	}
	j := jsonMoney(*m)
	return &j
}

type bucketFig struct {
	Label       string    `json:"label"`
	FromDays    int       `json:"from_days"`
	ToDays      *int      `json:"to_days"`
	Lines       int       `json:"lines"`
	Devices     int       `json:"devices"`
	AnnualValue jsonMoney `json:"annual_value"`
}

type monthFig struct {
	Month       string    `json:"month"`
	Lines       int       `json:"lines"`
	Contracts   int       `json:"contracts"`
	AnnualValue jsonMoney `json:"annual_value"`
}

type contractFig struct {
	Number      string    `json:"number"`
	Label       string    `json:"label"`
	Devices     int       `json:"devices"`
	ActiveLines int       `json:"active_lines"`
	AnnualSpend jsonMoney `json:"annual_spend"`
	TermValue   jsonMoney `json:"term_value"`
	EndDates    []string  `json:"end_dates"`
	NextEnd     *string   `json:"next_end"`
	DecideBy    *string   `json:"decide_by"`
	Lapsed      bool      `json:"lapsed"`
}

type riskFig struct {
	Devices    int       `json:"devices"`
	AnnualCost jsonMoney `json:"annual_cost"`
	ProductIDs []string  `json:"product_ids"`
}

type trendFig struct {
	Date           string               `json:"date"`
	EvaluatedOn    string               `json:"evaluated_on"`
	AnnualSpend    jsonMoney            `json:"annual_spend"`
	ByContract     map[string]jsonMoney `json:"by_contract"`
	ByServiceLevel map[string]jsonMoney `json:"by_service_level"`
}

type driverFig struct {
	Lines  int       `json:"lines"`
	Amount jsonMoney `json:"amount"`
}

type changeFig struct {
	PriorDate        string    `json:"prior_date"`
	Date             string    `json:"date"`
	PriorAnnualSpend jsonMoney `json:"prior_annual_spend"`
	AnnualSpend      jsonMoney `json:"annual_spend"`
	Change           jsonMoney `json:"change"`
	ChangePct        float64   `json:"change_pct"`
	Drivers          struct {
		Added              driverFig `json:"added"`
		Dropped            driverFig `json:"dropped"`
		ReplacedByRMA      driverFig `json:"replaced_by_rma"`
		PriceChange        driverFig `json:"price_change"`
		ServiceLevelChange driverFig `json:"service_level_change"`
	} `json:"drivers"`
}

type partnerFig struct {
	Name                  string    `json:"name"`
	Kind                  string    `json:"kind"`
	Lines                 int       `json:"lines"`
	Headline              jsonMoney `json:"headline_total"`
	Annualized            jsonMoney `json:"annualized"`
	CommonScopeHeadline   jsonMoney `json:"common_scope_headline"`
	CommonScopeAnnualized jsonMoney `json:"common_scope_annualized"`
	AvgTermDays           int       `json:"average_term_days"`
	LinesPastLDoS         int       `json:"lines_past_ldos"`
	LinesDevicePastLDoS   int       `json:"lines_for_devices_past_ldos"`
}

type quotesFig struct {
	CommonScopeSerials    int          `json:"common_scope_serials"`
	CheapestVendorPartner *string      `json:"cheapest_vendor_partner"`
	CheapestTPM           *string      `json:"cheapest_tpm"`
	TPMSavingPct          *float64     `json:"tpm_saving_pct"`
	TPMSaving             *jsonMoney   `json:"tpm_saving"`
	TPMSavingIsEstimate   bool         `json:"tpm_saving_is_estimate"`
	HybridSavingPct       *float64     `json:"hybrid_saving_pct"`
	HybridSaving          *jsonMoney   `json:"hybrid_saving"`
	HybridCaveat          string       `json:"hybrid_caveat"`
	HeadlineTrap          *string      `json:"headline_cheapest_but_not_per_year"`
	FlaggedLines          int          `json:"flagged_lines"`
	TotalMismatches       int          `json:"total_mismatches"`
	Partners              []partnerFig `json:"partners"`
}

type qualityFig struct {
	Files                int            `json:"files"`
	Rows                 int            `json:"rows"`
	DroppedRows          int            `json:"dropped_rows"`
	DroppedMoney         jsonMoney      `json:"dropped_money"`
	WarningsByKind       map[string]int `json:"warnings_by_kind"`
	LDoSDisagreements    int            `json:"ldos_disagreements"`
	UnknownServiceLevels map[string]int `json:"unknown_service_levels"`
}

type recFig struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Action    string    `json:"action"`
	Money     jsonMoney `json:"money"`
	Per       string    `json:"money_per"`
	MoneyKind string    `json:"money_kind"`
	DecideBy  *string   `json:"decide_by"`
	Evidence  []string  `json:"evidence"`
	Caveats   []string  `json:"caveats"`
	Contracts []string  `json:"contracts"`
	Sites     []string  `json:"sites"`
	Products  []string  `json:"product_ids"`
	Devices   int       `json:"devices"`
}

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
		defer forgetMoney(reflect.ValueOf(f), "Quotes", "Recommendations", "Decisions", "MoneyAtStake", "SincePrevious", "QuoteAudit")
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
			Critical: d.Critical, Recommended: d.Recommended, Reason: d.Reason, Stake: optMoney(d.Stake()), Options: []optionFig{}}
		if d.Still != "" {
			df.StillPossible = &d.Still
		}
		if rec := d.Record; rec != nil {
			str := func(s string) *string {
				if s == "" {
					return nil
				}
				return &s
			}
			df.Status, df.Chosen, df.Owner, df.Date, df.Note = str(rec.Status), str(rec.Option), str(rec.Owner), date(rec.Date), str(rec.Note)
		}
		for _, o := range d.Options {
			df.Options = append(df.Options, optionFig{ID: o.ID, Kind: o.Kind, Action: o.Action, AnnualSaving: optMoney(o.AnnualSaving),
				AnnualCost: optMoney(o.AnnualCost), Once: optMoney(o.Once), DecideBy: date(d.DecideBy), Unpriced: o.AnnualSaving == nil && o.AnnualCost == nil && o.Once == nil,
				Caveats: nonNil(o.Caveats), Recommended: o.ID == d.Recommended})
		}
		f.Decisions = append(f.Decisions, df)
	}
	if slices.ContainsFunc(r.Decisions, func(d Decision) bool { return d.Stake() != nil }) {
		stake := jsonMoney(r.MoneyAtStake())
		f.MoneyAtStake = &stake
	}
	if s := r.SincePrevious; s != nil {
		sf := &sinceFig{Quarter: s.Quarter, AsOf: s.AsOf, LapsedThen: s.LapsedThen, LapsedNow: s.LapsedNow, PastLDoSThen: s.PastLDoSThen,
			PastLDoSNow: s.PastLDoSNow, ContractsNew: nonNil(s.ContractsNew), ContractsGone: nonNil(s.ContractsGone),
			ContractsRenewed: nonNil(s.ContractsRenewed), ContractsLapsed: nonNil(s.ContractsLapsed),
			RecommendationsNew: nonNil(s.RecommendationsNew), RecommendationsOpen: nonNil(s.RecommendationsOpen), RecommendationsGone: []string{}}
		if s.AnnualSpendThen != nil {
			sf.AnnualSpendThen, sf.AnnualSpendChange = optMoney(s.AnnualSpendThen), optMoney(&s.Change)
		}
		for _, g := range s.RecommendationsGone {
			sf.RecommendationsGone = append(sf.RecommendationsGone, g.ID)
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

// MarshalFigures renders figures.json: indented, keys in a fixed order,
// maps sorted, ending in a newline. The same report gives the same bytes.
// recMoney is a recommendation's money, or unknownMoney.
func recMoney(a Recommendation) jsonMoney {
	if a.NoMoney {
		return unknownMoney
	}
	return jsonMoney(a.Money)
}

func (r *Report) MarshalFigures() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r.Figures()); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
