// The figures.json schema of the estate's inventory, security exposure,
// replacement plan and budget forecast.

package analyze

type reconcileFig struct {
	InventoryFiles   int            `json:"inventory_files"`
	InventoryDevices int            `json:"inventory_devices"`
	UnseenDays       int            `json:"unseen_days"`
	PaidNotSeen      paidNotSeenFig `json:"paid_not_seen"`
	SeenNotCovered   seenListFig    `json:"seen_not_covered"`
	UnknownToVendor  seenListFig    `json:"unknown_to_vendor"`
	Matched          struct {
		Devices int `json:"devices"`
	} `json:"matched"`
	BySite map[string]siteReconcileFig `json:"by_site"`
}

type paidNotSeenFig struct {
	Devices      int         `json:"devices"`
	AnnualSaving jsonMoney   `json:"annual_saving"`
	List         []unseenFig `json:"list"`
}

type unseenFig struct {
	Serial    string    `json:"serial"`
	ProductID string    `json:"product_id"`
	Site      string    `json:"site"`
	Reason    string    `json:"reason"`
	Status    *string   `json:"inventory_status"`
	LastSeen  *string   `json:"last_seen"`
	Annual    jsonMoney `json:"annual_cost"`
}

type seenListFig struct {
	Devices int       `json:"devices"`
	List    []seenFig `json:"list"`
}

type seenFig struct {
	Serial    string  `json:"serial"`
	Host      string  `json:"host"`
	Site      string  `json:"site"`
	ProductID string  `json:"product_id"`
	Status    string  `json:"status"`
	LastSeen  *string `json:"last_seen"`
}

type siteReconcileFig struct {
	PaidNotSeen     int `json:"paid_not_seen"`
	SeenNotCovered  int `json:"seen_not_covered"`
	UnknownToVendor int `json:"unknown_to_vendor"`
	Matched         int `json:"matched"`
}

func (r *Report) reconcileFigures() *reconcileFig {
	rc := r.Reconcile
	if rc == nil {
		return nil
	}
	f := &reconcileFig{InventoryFiles: rc.Files, InventoryDevices: rc.Devices, UnseenDays: rc.UnseenDays, BySite: map[string]siteReconcileFig{}}
	f.PaidNotSeen = paidNotSeenFig{Devices: len(rc.PaidNotSeen), AnnualSaving: jsonMoney(rc.Saving), List: []unseenFig{}}
	for _, u := range rc.PaidNotSeen {
		f.PaidNotSeen.List = append(f.PaidNotSeen.List, unseenFig{Serial: u.Serial, ProductID: u.ProductID, Site: u.Site, Reason: u.Reason,
			Status: str(u.Status), LastSeen: date(u.LastSeen), Annual: jsonMoney(u.Annual)})
	}
	seen := func(list []Seen) seenListFig {
		out := seenListFig{Devices: len(list), List: []seenFig{}}
		for _, s := range list {
			out.List = append(out.List, seenFig{Serial: s.Serial, Host: s.Host, Site: s.Site, ProductID: s.ProductID, Status: s.Status,
				LastSeen: date(s.LastSeen)})
		}
		return out
	}
	f.SeenNotCovered, f.UnknownToVendor = seen(rc.SeenNotCovered), seen(rc.UnknownToVendor)
	f.Matched.Devices = rc.Matched
	for name, s := range rc.BySite {
		f.BySite[name] = siteReconcileFig{s.PaidNotSeen, s.SeenNotCovered, s.UnknownToVendor, s.Matched}
	}
	return f
}

type securityFig struct {
	EoX *struct {
		PastEndOfVulnerabilitySupport eoxVulFig `json:"past_end_of_vulnerability_support"`
		Within12Months                eoxVulFig `json:"within_12_months"`
	} `json:"end_of_vulnerability_support"`
	Advisories          *int        `json:"advisories"`
	AdvisoriesUnmatched *int        `json:"advisories_naming_no_device"`
	Exposed             *exposedFig `json:"exposed_not_entitled"`
}

type eoxVulFig struct {
	Devices int      `json:"devices"`
	Serials []string `json:"serials"`
}

type exposedFig struct {
	Pairs   int `json:"pairs"`
	Devices int `json:"devices"`
	// EntitleCost adds the reinstatement of the lapsed devices that can
	// go back on contract; the others need a quote (entitle_unknown).
	EntitleCost    *jsonMoney    `json:"entitle_cost"`
	EntitleUnknown int           `json:"entitle_unknown_devices"`
	ReplaceCost    *jsonMoney    `json:"replace_cost"`
	ReplaceUnknown int           `json:"replace_unknown_devices"`
	BySeverity     []severityFig `json:"by_severity"`
	List           []exposureFig `json:"advisories"`
}

type severityFig struct {
	Severity   string `json:"severity"`
	Advisories int    `json:"advisories"`
	Devices    int    `json:"devices"`
	Pairs      int    `json:"pairs"`
}

// exposureFig is one advisory and the devices it names that are not
// entitled to its fix: uncovered, or past LDoS.
type exposureFig struct {
	Advisory  string   `json:"advisory"`
	Title     string   `json:"title"`
	Severity  string   `json:"severity"`
	CVSS      *float64 `json:"cvss"`
	Published *string  `json:"first_published"`
	By        string   `json:"named_by"`
	Uncovered []string `json:"uncovered"`
	PastLDoS  []string `json:"past_ldos"`
}

func (r *Report) securityFigures() *securityFig {
	sec := r.Security
	if sec == nil {
		return nil
	}
	f := &securityFig{}
	if sec.HasEoX {
		f.EoX = &struct {
			PastEndOfVulnerabilitySupport eoxVulFig `json:"past_end_of_vulnerability_support"`
			Within12Months                eoxVulFig `json:"within_12_months"`
		}{eoxVulFig{len(sec.PastVul), nonNil(sec.PastVul)}, eoxVulFig{len(sec.VulWithin12), nonNil(sec.VulWithin12)}}
	}
	if !sec.HasAlerts {
		return f
	}
	f.Advisories, f.AdvisoriesUnmatched = &sec.Advisories, &sec.Unmatched
	x := &exposedFig{Pairs: len(sec.Exposed), Devices: sec.Devices, EntitleUnknown: sec.EntitleUnknown,
		ReplaceUnknown: sec.ReplaceUnknown, BySeverity: []severityFig{}, List: []exposureFig{}}
	if r.Priced {
		x.EntitleCost = optMoney(&sec.Entitle)
	}
	if sec.ReplaceUnknown < sec.Devices {
		x.ReplaceCost = optMoney(&sec.Replace)
	}
	for _, c := range sec.BySeverity {
		x.BySeverity = append(x.BySeverity, severityFig{c.Severity, c.Advisories, c.Devices, c.Pairs})
	}
	for _, e := range sec.Exposed {
		if n := len(x.List); n == 0 || x.List[n-1].Advisory != e.Advisory {
			ef := exposureFig{Advisory: e.Advisory, Title: e.Title, Severity: e.Severity, Published: date(e.Published), By: e.By,
				Uncovered: []string{}, PastLDoS: []string{}}
			if e.CVSS >= 0 {
				v := float64(e.CVSS) / 10
				ef.CVSS = &v
			}
			x.List = append(x.List, ef)
		}
		ef := &x.List[len(x.List)-1]
		if e.PastLDoS {
			ef.PastLDoS = append(ef.PastLDoS, e.Serial)
		} else {
			ef.Uncovered = append(ef.Uncovered, e.Serial)
		}
	}
	f.Exposed = x
	return f
}

type replacementFig struct {
	Devices         int                 `json:"devices"`
	Capex           *jsonMoney          `json:"capex"`
	UnpricedDevices int                 `json:"devices_without_price"`
	ByQuarter       []replaceQuarterFig `json:"by_quarter"`
	Products        []replaceProductFig `json:"products"`
}

type replaceQuarterFig struct {
	Quarter  string     `json:"fiscal_quarter"`
	Start    string     `json:"starts"`
	Devices  int        `json:"devices"`
	Capex    *jsonMoney `json:"capex"`
	Unpriced int        `json:"devices_without_price"`
}

type replaceProductFig struct {
	ProductID string            `json:"product_id"`
	Migration *string           `json:"migration_product"`
	Devices   int               `json:"devices"`
	FirstLDoS string            `json:"first_ldos"`
	ByQuarter []quarterCountFig `json:"by_quarter"`
	UnitPrice *jsonMoney        `json:"unit_price"`
	Capex     *jsonMoney        `json:"replace"`
	Vendor3y  *jsonMoney        `json:"vendor_coverage_3_years"`
	TPM3y     *jsonMoney        `json:"tpm_3_years"`
}

type quarterCountFig struct {
	Quarter string `json:"fiscal_quarter"`
	Devices int    `json:"devices"`
}

func (r *Report) replacementFigures() *replacementFig {
	p := r.Replace
	if p == nil {
		return nil
	}
	f := &replacementFig{Devices: p.Devices, UnpricedDevices: p.Unpriced, ByQuarter: []replaceQuarterFig{}, Products: []replaceProductFig{}}
	if p.Unpriced < p.Devices {
		f.Capex = optMoney(&p.Capex)
	}
	for _, q := range p.Quarters {
		qf := replaceQuarterFig{Quarter: q.Quarter.String(), Start: q.Quarter.Start.String(), Devices: q.Devices, Unpriced: q.Unpriced}
		if q.Unpriced < q.Devices {
			qf.Capex = optMoney(&q.Capex)
		}
		f.ByQuarter = append(f.ByQuarter, qf)
	}
	for _, pr := range p.Products {
		pf := replaceProductFig{ProductID: pr.ProductID, Migration: str(pr.Migration), Devices: pr.Devices, FirstLDoS: pr.FirstLDoS.String(),
			UnitPrice: optMoney(pr.UnitPrice), Capex: optMoney(pr.Capex), Vendor3y: optMoney(pr.Vendor3y), TPM3y: optMoney(pr.TPM3y)}
		for _, c := range pr.ByQuarter {
			pf.ByQuarter = append(pf.ByQuarter, quarterCountFig{c.Quarter.String(), c.Devices})
		}
		f.Products = append(f.Products, pf)
	}
	return f
}

type budgetFig struct {
	Uplift          float64            `json:"uplift"`
	FiscalYearStart int                `json:"fiscal_year_start_month"`
	AsIs            jsonMoney          `json:"as_is"`
	Recommended     jsonMoney          `json:"with_recommended_options"`
	Quarters        []budgetQuarterFig `json:"quarters"`
}

type budgetQuarterFig struct {
	Quarter     string    `json:"fiscal_quarter"`
	Start       string    `json:"starts"`
	End         string    `json:"ends"`
	Renewals    int       `json:"renewals"`
	AsIs        jsonMoney `json:"as_is"`
	Recommended jsonMoney `json:"with_recommended_options"`
}

func (r *Report) budgetFigures() *budgetFig {
	b := r.Budget
	if b == nil {
		return nil
	}
	f := &budgetFig{Uplift: b.Uplift, FiscalYearStart: b.FiscalYearStart, AsIs: jsonMoney(b.AsIs), Recommended: jsonMoney(b.Recommended), Quarters: []budgetQuarterFig{}}
	for _, q := range b.Quarters {
		f.Quarters = append(f.Quarters, budgetQuarterFig{q.Quarter.String(), q.Quarter.Start.String(), q.End.String(), q.Renewals, jsonMoney(q.AsIs), jsonMoney(q.Recommended)})
	}
	return f
}
