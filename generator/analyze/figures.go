package analyze

import (
	"math"
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
	// DecisionsRegister lists every entry of the decision register, with
	// its decision and, for an earlier quarter's accepted option, whether
	// it happened.
	DecisionsRegister []registerFig `json:"decisions_register"`
	// ServiceFit sets service levels against [service_targets]; null
	// without targets.
	ServiceFit *serviceFitFig `json:"service_fit"`
	// Reconcile sets the contracts against the live inventory; null
	// without [[inventory]].
	Reconcile *reconcileFig `json:"reconcile"`
	// Security: end of vulnerability support and advisories against
	// entitlement; null without an EoX file or [[alerts]].
	Security *securityFig `json:"security"`
	// ReplacementPlan: what reaches LDoS within 24 months, by product ID
	// and fiscal quarter; null without an LDoS source.
	ReplacementPlan *replacementFig `json:"replacement_plan"`
	// BudgetForecast: renewal cash out per fiscal quarter; null without
	// prices.
	BudgetForecast *budgetFig `json:"budget_forecast"`
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

// MarshalFigures renders figures.json: indented, keys in a fixed order,
// maps sorted, ending in a newline. The same report gives the same bytes.
// recMoney is a recommendation's money, or unknownMoney.
func recMoney(a Recommendation) jsonMoney {
	if a.NoMoney {
		return unknownMoney
	}
	return jsonMoney(a.Money)
}
