// The figures.json schema of the decisions, what changed since the
// previous quarter, and the quote audit.

package analyze

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
	// RecommendationsLapsed are the gone ones whose contract lapsed since.
	RecommendationsLapsed []string `json:"recommendations_gone_with_lapse"`
}

type decisionFig struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	DecideBy       *string  `json:"decide_by"`
	DecideByPassed bool     `json:"decide_by_passed"`
	StillPossible  *string  `json:"still_possible"`
	Devices        int      `json:"devices"`
	Serials        []string `json:"serials"`
	// DevicesCost is what the devices' coverage costs a year today: the
	// register's verification at a later quarter starts from it.
	DevicesCost *jsonMoney  `json:"devices_annual_cost"`
	Critical    int         `json:"critical_devices"`
	Recommended string      `json:"recommended"`
	Reason      string      `json:"reason"`
	Stake       *jsonMoney  `json:"money_at_stake"`
	Options     []optionFig `json:"options"`
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

type registerFig struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Quarter  *string    `json:"quarter"`      // null: this report's decision
	AsOf     *string    `json:"report_as_of"` // null: its report is not archived
	Devices  int        `json:"devices"`
	Option   *string    `json:"option"`
	Action   *string    `json:"action"`
	Status   string     `json:"status"`
	Owner    *string    `json:"owner"`
	Date     *string    `json:"decided_on"`
	Note     *string    `json:"note"`
	Promised *jsonMoney `json:"promised_annual_saving"`
	// Verification is null until a later quarter's report checks an
	// accepted option.
	Verification *verificationFig `json:"verification"`
}

type verificationFig struct {
	Expected      string     `json:"expected"`
	Outcome       string     `json:"outcome"`
	Left          int        `json:"devices_left"`
	Renewed       int        `json:"devices_renewed"`
	Unchanged     int        `json:"devices_unchanged"`
	Then          *jsonMoney `json:"annual_cost_then"`
	Now           *jsonMoney `json:"annual_cost_now"`
	Realised      *jsonMoney `json:"realised_annual_saving"`
	AtQuotedPrice *bool      `json:"at_quoted_price"`
}

// registerFigures is the decision register for figures.json.
func (r *Report) registerFigures() []registerFig {
	if len(r.Register) == 0 {
		return nil // no register: null, as every section without input
	}
	out := []registerFig{}
	for _, e := range r.Register {
		rf := registerFig{ID: e.ID, Title: e.Title, Quarter: str(e.Quarter), AsOf: date(e.AsOf), Devices: e.Devices,
			Option: str(e.Option), Action: str(e.Action), Status: e.Status, Owner: str(e.Owner), Date: date(e.Date), Note: str(e.Note),
			Promised: optMoney(e.Promised)}
		if v := e.Check; v != nil {
			rf.Verification = &verificationFig{Expected: v.Expect, Outcome: v.Outcome, Left: v.Left, Renewed: v.Renewed, Unchanged: v.Unchanged,
				Then: optMoney(v.Then), Now: optMoney(v.Now), Realised: optMoney(v.Saving), AtQuotedPrice: v.AtQuotedPrice}
		}
		out = append(out, rf)
	}
	return out
}

// str is s for figures.json: null when empty.
func str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

type serviceFitFig struct {
	Targets map[string]string `json:"targets"`
	Above   fitSideFig        `json:"above_target"`
	Below   fitSideFig        `json:"below_target"`
}

type fitSideFig struct {
	Devices  int `json:"devices"`
	Unpriced int `json:"devices_money_unknown"`
	// Money is the yearly saving of lowering (above) or the cost of
	// raising (below) the devices whose price at the target is known.
	Money *jsonMoney     `json:"annual_money"`
	List  []fitDeviceFig `json:"list"`
}

type fitDeviceFig struct {
	Serial    string     `json:"serial"`
	ProductID string     `json:"product_id"`
	Class     string     `json:"class"`
	Level     string     `json:"service_level"`
	Target    string     `json:"target"`
	End       string     `json:"end"`
	Today     *jsonMoney `json:"annual_today"`
	AtTarget  *jsonMoney `json:"annual_at_target"`
	Change    *jsonMoney `json:"annual_change"`
	Source    *string    `json:"price_source"`
}

func (r *Report) serviceFitFigures() *serviceFitFig {
	f := r.ServiceFit
	if f == nil {
		return nil
	}
	side := func(ds []FitDevice, money Money, unpriced int) fitSideFig {
		s := fitSideFig{Devices: len(ds), Unpriced: unpriced, List: []fitDeviceFig{}}
		if unpriced < len(ds) {
			s.Money = optMoney(&money)
		}
		for _, d := range ds {
			s.List = append(s.List, fitDeviceFig{Serial: d.Serial, ProductID: d.ProductID, Class: d.Class, Level: d.Level, Target: d.Target,
				End: d.End.String(), Today: optMoney(d.Today), AtTarget: optMoney(d.AtTarget), Change: optMoney(d.Change), Source: str(d.Source)})
		}
		return s
	}
	return &serviceFitFig{Targets: f.Targets, Above: side(f.Above, f.AboveSaving, f.AboveUnpriced), Below: side(f.Below, f.BelowCost, f.BelowUnpriced)}
}
