// Package chart builds the report's charts as ECharts options with
// go-echarts. Each chart has a stable ID (letters, digits and _ only, since
// the ID also names a JavaScript-visible element), a one-sentence summary
// for screen readers, and its data as a table for print and assistive
// technology. Pages embed the option JSON; one static script draws them.
package chart

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

// Chart is one chart ready to place on a page.
type Chart struct {
	ID      string
	Title   string
	Summary string
	// Option is the ECharts option as JSON. encoding/json escapes <, >
	// and &, so no text from an input can end the script element that
	// carries it.
	Option []byte
	Table  Table
}

// Table is a chart's data as rows.
type Table struct {
	Columns []string
	Rows    [][]string
}

// The chart IDs, in the order README lists them.
const (
	RenewalsByMonth     = "renewals_by_month"
	RenewalBuckets      = "renewal_buckets"
	SpendByQuarter      = "spend_by_quarter"
	SpendByContract     = "spend_by_contract"
	SpendByServiceLevel = "spend_by_service_level"
	SpendBySite         = "spend_by_site"
	ChangeWaterfall     = "change_waterfall"
	CoverageStatus      = "coverage_status"
	LifecycleRisk       = "lifecycle_risk"
	EoXTimeline         = "eox_timeline"
	QuoteComparison     = "quote_comparison"
	BudgetForecast      = "budget_forecast"
)

// Names lists every chart ID that commentary may insert.
var Names = []string{RenewalsByMonth, RenewalBuckets, SpendByQuarter, SpendByContract, SpendByServiceLevel, SpendBySite,
	ChangeWaterfall, CoverageStatus, LifecycleRisk, EoXTimeline, QuoteComparison, BudgetForecast}

// Set builds every chart the report has data for, by ID.
func Set(r *analyze.Report) map[string]*Chart {
	m := map[string]*Chart{}
	all := []*Chart{renewalBuckets(r), coverageStatus(r), lifecycleRisk(r), eoxTimeline(r), quoteComparison(r)}
	if r.Priced {
		// The charts of the coverage's money; with no prices in the exports
		// they would draw zeros that are not true.
		all = append(all, renewalsByMonth(r), spendByQuarter(r), spendBy(r, SpendByContract, "Annual spend by contract", "contract", r.Spend.ByContract, 15),
			spendPie(r), spendBy(r, SpendBySite, "Annual spend by site", "site", r.Spend.BySite, 15), changeWaterfall(r), budgetForecast(r))
	}
	for _, c := range all {
		if c != nil {
			m[c.ID] = c
		}
	}
	return m
}

// money formats an amount of a chart's data table; with no prices in the
// exports, the coverage's money is not known.
func money(r *analyze.Report, m analyze.Money) string { return r.Amount(m) }

// common applies to every chart: a transparent background for light and
// dark, and no animation, since a report is read and printed and a
// printout must never catch a bar halfway grown.
func common() []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{BackgroundColor: "transparent"}),
		charts.WithAnimation(false),
	}
}

// base adds what the axis charts share: no title (the page's figure
// caption carries it), a tooltip, and room for labels.
func base(currency string) []charts.GlobalOpts {
	return append(common(),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithYAxisOpts(opts.YAxis{Name: currency, AxisLabel: &opts.AxisLabel{Formatter: "{value}"}}),
	)
}

type validator interface {
	Validate()
	JSON() map[string]interface{}
}

// finish validates the chart and stores its option. Animation is off: a
// report is read and printed, and a printout must never catch a bar
// halfway grown.
func finish(c *Chart, v validator) *Chart {
	v.Validate()
	b, err := json.Marshal(v.JSON())
	if err == nil {
		b, err = legible(b)
	}
	if err != nil {
		panic(fmt.Sprintf("chart %s: %v", c.ID, err)) // only our own option types reach here
	}
	c.Option = b
	return c
}

func renewalsByMonth(r *analyze.Report) *Chart {
	c := &Chart{ID: RenewalsByMonth, Title: "Renewals in the next 12 months (annualized value)",
		Table: Table{Columns: []string{"Month", "Lines", "Contracts", "Annualized value"}}}
	bar := charts.NewBar()
	bar.SetGlobalOptions(base(r.Currency)...)
	var months []string
	var values []opts.BarData
	var busiest analyze.Month
	for _, m := range r.Calendar {
		months = append(months, m.Month)
		values = append(values, opts.BarData{Value: m.AnnualValue.Float()})
		c.Table.Rows = append(c.Table.Rows, []string{m.Month, itoa(m.Lines), itoa(m.Contracts), money(r, m.AnnualValue)})
		if m.AnnualValue > busiest.AnnualValue {
			busiest = m
		}
	}
	bar.SetXAxis(months).AddSeries("Annualized value", values)
	c.Summary = "No renewals fall due in the next 12 months."
	if busiest.Lines > 0 {
		c.Summary = fmt.Sprintf("Renewals by month for the next 12 months; the largest month is %s with %s across %d lines.", busiest.Month, money(r, busiest.AnnualValue), busiest.Lines)
	}
	return finish(c, bar)
}

func renewalBuckets(r *analyze.Report) *Chart {
	c := &Chart{ID: RenewalBuckets, Title: "Active lines by days until they end",
		Table: Table{Columns: []string{"Ends in", "Lines", "Devices", "Annualized value"}}}
	bar := charts.NewBar()
	bar.SetGlobalOptions(base(r.Currency)...)
	var labels []string
	var values []opts.BarData
	for _, b := range r.Buckets {
		labels = append(labels, b.Label)
		values = append(values, opts.BarData{Value: b.AnnualValue.Float()})
		c.Table.Rows = append(c.Table.Rows, []string{b.Label, itoa(b.Lines), itoa(b.Devices), money(r, b.AnnualValue)})
	}
	bar.SetXAxis(labels).AddSeries("Annualized value", values)
	c.Summary = fmt.Sprintf("Annualized value of active lines by how soon they end; %s end within 30 days.", money(r, r.Buckets[0].AnnualValue))
	return finish(c, bar)
}

func spendByQuarter(r *analyze.Report) *Chart {
	if r.Trend == nil {
		return nil
	}
	c := &Chart{ID: SpendByQuarter, Title: "Annual spend (run rate) per snapshot",
		Table: Table{Columns: []string{"Snapshot", "Evaluated on", "Annual spend"}}}
	line := charts.NewLine()
	line.SetGlobalOptions(base(r.Currency)...)
	var dates []string
	var values []opts.LineData
	for _, p := range r.Trend.Points {
		dates = append(dates, p.Date.String())
		values = append(values, opts.LineData{Value: p.AnnualSpend.Float()})
		c.Table.Rows = append(c.Table.Rows, []string{p.Date.String(), p.EvaluatedOn.String(), money(r, p.AnnualSpend)})
	}
	line.SetXAxis(dates).AddSeries("Annual spend", values)
	first, last := r.Trend.Points[0], r.Trend.Points[len(r.Trend.Points)-1]
	c.Summary = fmt.Sprintf("Annual spend over %d snapshots, from %s on %s to %s on %s.", len(r.Trend.Points), money(r, first.AnnualSpend), first.Date, money(r, last.AnnualSpend), last.Date)
	return finish(c, line)
}

// spendBy is a horizontal bar of the largest entries of m, the rest summed
// as "Other".
func spendBy(r *analyze.Report, id, title, what string, m map[string]analyze.Money, limit int) *Chart {
	c := &Chart{ID: id, Title: title + " (" + r.Currency + ")", Table: Table{Columns: []string{strings.ToUpper(what[:1]) + what[1:], "Annual spend"}}}
	keys := largest(m)
	var names []string
	var values []opts.BarData
	var other analyze.Money
	for i, k := range keys {
		c.Table.Rows = append(c.Table.Rows, []string{k, money(r, m[k])})
		if i >= limit {
			other += m[k]
			continue
		}
		names = append(names, k)
		values = append(values, opts.BarData{Value: m[k].Float()})
	}
	if other > 0 {
		names, values = append(names, "Other"), append(values, opts.BarData{Value: other.Float()})
	}
	// Largest at the top of a horizontal bar chart.
	for i, j := 0, len(names)-1; i < j; i, j = i+1, j-1 {
		names[i], names[j] = names[j], names[i]
		values[i], values[j] = values[j], values[i]
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base(r.Currency), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}))...)
	bar.SetXAxis(names).AddSeries("Annual spend", values).XYReversal()
	c.Summary = fmt.Sprintf("Annual spend by %s across %d entries.", what, len(keys))
	if len(keys) > 0 {
		c.Summary = fmt.Sprintf("Annual spend by %s across %d entries; the largest is %s at %s.", what, len(keys), keys[0], money(r, m[keys[0]]))
	}
	return finish(c, bar)
}

func spendPie(r *analyze.Report) *Chart {
	c := &Chart{ID: SpendByServiceLevel, Title: "Annual spend by service level", Table: Table{Columns: []string{"Service level", "Description", "Annual spend"}}}
	pie := charts.NewPie()
	pie.SetGlobalOptions(append(common(), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))...)
	var items []opts.PieData
	for _, k := range largest(r.Spend.ByServiceLevel) {
		desc := "not in the lookup table"
		if l, ok := contract.LookupServiceLevel(k); ok {
			desc = l.Description
		}
		items = append(items, opts.PieData{Name: k, Value: r.Spend.ByServiceLevel[k].Float()})
		c.Table.Rows = append(c.Table.Rows, []string{k, desc, money(r, r.Spend.ByServiceLevel[k])})
	}
	// The shares inside the ring, the levels in the legend: labels outside
	// a ring this small run off a narrow chart.
	pie.AddSeries("Annual spend", items).SetSeriesOptions(charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "72%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "inside", Formatter: "{d}%"}))
	c.Summary = fmt.Sprintf("Annual spend split across %d service levels.", len(items))
	return finish(c, pie)
}

// changeWaterfall explains the latest quarter-over-quarter change: the
// prior run rate, each driver, and the current run rate. The two run
// rates are grey, increases green and decreases red; every bar carries its
// amount; the helper series that lifts the drivers is left out of the
// legend; and the value axis starts near the lowest level, so that
// changes of a few percent show, with the break said in the axis name.
func changeWaterfall(r *analyze.Report) *Chart {
	if r.Trend == nil || len(r.Trend.Changes) == 0 {
		return nil
	}
	ch := r.Trend.Changes[len(r.Trend.Changes)-1]
	c := &Chart{ID: ChangeWaterfall, Title: fmt.Sprintf("What changed the run rate from %s to %s", ch.From, ch.To),
		Table: Table{Columns: []string{"Step", "Lines", "Amount"}}}
	steps := []struct {
		name, short string
		lines       int
		v           analyze.Money
	}{
		{"Lines added", "Added", ch.Added.Lines, ch.Added.Amount}, {"Lines dropped", "Dropped", ch.Dropped.Lines, ch.Dropped.Amount},
		{"Price changes", "Price", ch.Price.Lines, ch.Price.Amount}, {"Service-level changes", "Service level", ch.Level.Lines, ch.Level.Amount},
		{"RMA replacements", "RMA", ch.Replaced.Lines, ch.Replaced.Amount},
	}
	const none = "-" // no bar and no label in this series
	names := []string{ch.From.String()}
	hidden := []opts.BarData{{Value: none}}
	total := []opts.BarData{{Value: ch.Prior.Float()}}
	up, down := []opts.BarData{{Value: none}}, []opts.BarData{{Value: none}}
	c.Table.Rows = append(c.Table.Rows, []string{"Run rate on " + ch.From.String(), "", money(r, ch.Prior)})
	level, low := ch.Prior, min(ch.Prior, ch.Now)
	for _, s := range steps {
		names = append(names, s.short)
		c.Table.Rows = append(c.Table.Rows, []string{s.name, itoa(s.lines), money(r, s.v)})
		total = append(total, opts.BarData{Value: none})
		if s.v >= 0 {
			hidden = append(hidden, opts.BarData{Value: level.Float()})
			up = append(up, opts.BarData{Value: s.v.Float()})
			down = append(down, opts.BarData{Value: none})
		} else {
			hidden = append(hidden, opts.BarData{Value: (level + s.v).Float()})
			up = append(up, opts.BarData{Value: none})
			down = append(down, opts.BarData{Value: (-s.v).Float()})
		}
		level += s.v
		low = min(low, level)
	}
	names = append(names, ch.To.String())
	hidden = append(hidden, opts.BarData{Value: none})
	total = append(total, opts.BarData{Value: ch.Now.Float()})
	up, down = append(up, opts.BarData{Value: none}), append(down, opts.BarData{Value: none})
	c.Table.Rows = append(c.Table.Rows, []string{"Run rate on " + ch.To.String(), "", money(r, ch.Now)})

	axis := opts.YAxis{Name: r.Currency, AxisLabel: &opts.AxisLabel{Formatter: "{value}"}}
	if start := axisStart(low, max(ch.Prior, ch.Now, level)); start > 0 {
		axis.Min = start
		axis.Name = fmt.Sprintf("%s (axis from %s)", r.Currency, contract.Thousands(int(start)))
	}
	label := func(pos string) charts.SeriesOpts {
		return charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: pos, Formatter: "{c}"})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base(r.Currency), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(false)}),
		charts.WithYAxisOpts(axis),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Data: []string{"Run rate", "Increase", "Decrease"}}))...)
	bar.SetXAxis(names).
		AddSeries("lift", hidden, charts.WithBarChartOpts(opts.BarChart{Stack: "w"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "transparent"})).
		AddSeries("Run rate", total, charts.WithBarChartOpts(opts.BarChart{Stack: "w"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#7b8494"}), label("top")).
		AddSeries("Increase", up, charts.WithBarChartOpts(opts.BarChart{Stack: "w"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#3b7d4f"}), label("top")).
		AddSeries("Decrease", down, charts.WithBarChartOpts(opts.BarChart{Stack: "w"}), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#b5473a"}), label("bottom"))
	c.Summary = fmt.Sprintf("The run rate moved from %s to %s (%s, %.2f %%): added %s, dropped %s, price changes %s, service-level changes %s.",
		money(r, ch.Prior), money(r, ch.Now), money(r, ch.Change), ch.ChangePct, money(r, ch.Added.Amount), money(r, ch.Dropped.Amount),
		money(r, ch.Price.Amount), money(r, ch.Level.Amount))
	// Every step named: ECharts hides category labels it thinks crowded
	// unless the interval is the number 0, which go-echarts cannot write.
	return finish(c, patched{bar, func(m map[string]any) {
		m["xAxis"] = []map[string]any{{"type": "category", "data": names, "axisLabel": map[string]any{"interval": 0, "hideOverlap": false}}}
	}})
}

func coverageStatus(r *analyze.Report) *Chart {
	s := r.Status
	c := &Chart{ID: CoverageStatus, Title: "Devices by coverage status", Table: Table{Columns: []string{"Status", "Devices"}}}
	pie := charts.NewPie()
	pie.SetGlobalOptions(append(common(), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}))...)
	rows := []struct {
		name  string
		n     int
		color string
	}{{"Covered", s.Covered, "#3b7d4f"}, {"Lapsed", s.Lapsed, "#c98a1b"}, {"Never covered", s.NeverCovered, "#b5473a"}}
	var items []opts.PieData
	for _, x := range rows {
		items = append(items, opts.PieData{Name: x.name, Value: x.n, ItemStyle: &opts.ItemStyle{Color: x.color}})
		c.Table.Rows = append(c.Table.Rows, []string{x.name, itoa(x.n)})
	}
	pie.AddSeries("Devices", items).SetSeriesOptions(charts.WithPieChartOpts(opts.PieChart{Radius: []string{"40%", "70%"}}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {c}"}))
	c.Summary = fmt.Sprintf("%d devices: %d covered, %d lapsed, %d never covered.", s.Total, s.Covered, s.Lapsed, s.NeverCovered)
	return finish(c, pie)
}

func lifecycleRisk(r *analyze.Report) *Chart {
	lc := r.Lifecycle
	if !lc.HasInput {
		return nil
	}
	c := &Chart{ID: LifecycleRisk, Title: "Devices by Last Date of Support (number of devices)", Table: Table{Columns: []string{"Group", "Devices", "Annual coverage cost"}}}
	// The table lists the report's groups, some within others; the chart
	// draws groups that do not overlap, so that no device counts twice.
	for _, g := range []struct {
		name string
		g    analyze.RiskGroup
	}{{"Past LDoS, still paid", lc.PastLDoSPaid}, {"Past LDoS (all)", lc.PastLDoS}, {"LDoS within 12 months", lc.Within12Months},
		{"LDoS within 24 months (including the 12)", lc.Within24Months}, {"Contract renewal ended", lc.RenewalEnded}, {"LDoS unknown", lc.UnknownLDoS}} {
		c.Table.Rows = append(c.Table.Rows, []string{g.name, itoa(g.g.Devices), money(r, g.g.AnnualCost)})
	}
	later := r.Status.Total - lc.PastLDoS.Devices - lc.Within24Months.Devices - lc.UnknownLDoS.Devices
	groups := []struct {
		name string
		n    int
	}{{"Past LDoS, still paid", lc.PastLDoSPaid.Devices}, {"Past LDoS, not paid", lc.PastLDoS.Devices - lc.PastLDoSPaid.Devices},
		{"LDoS in 0–12 months", lc.Within12Months.Devices}, {"LDoS in 12–24 months", lc.Within24Months.Devices - lc.Within12Months.Devices},
		{"LDoS later", max(later, 0)}, {"LDoS unknown", lc.UnknownLDoS.Devices}}
	var names []string
	var values []opts.BarData
	// Horizontal, so that every group's name reads in full, the first at
	// the top.
	for i := len(groups) - 1; i >= 0; i-- {
		names = append(names, groups[i].name)
		values = append(values, opts.BarData{Value: groups[i].n})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base(r.Currency), charts.WithYAxisOpts(opts.YAxis{Type: "category"}))...)
	bar.SetXAxis(names).AddSeries("Devices", values, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right"})).XYReversal()
	c.Summary = fmt.Sprintf("%d devices are past LDoS (%d still paid for), %d reach it within 12 months and %d more within 24; %d have no known LDoS.",
		lc.PastLDoS.Devices, lc.PastLDoSPaid.Devices, lc.Within12Months.Devices, lc.Within24Months.Devices-lc.Within12Months.Devices, lc.UnknownLDoS.Devices)
	// Room beyond the longest bar for its count.
	return finish(c, patched{bar, func(m map[string]any) {
		if axes, ok := m["xAxis"].([]opts.XAxis); ok && len(axes) > 0 {
			m["xAxis"] = []map[string]any{{"type": "value", "boundaryGap": []string{"0%", "15%"}}}
		}
	}})
}

// eoxTimeline places each announced product's milestones on a time axis.
func eoxTimeline(r *analyze.Report) *Chart {
	var ps []analyze.ProductRisk
	for _, p := range r.Lifecycle.Products {
		if p.Announced || !p.LDoS.IsZero() {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return nil
	}
	c := &Chart{ID: EoXTimeline, Title: "End-of-life milestones by product ID",
		Table: Table{Columns: []string{"Product ID", "End of sale", "End of SW maintenance", "End of contract renewal", "Last date of support"}}}
	sc := charts.NewScatter()
	sc.SetGlobalOptions(append(common(), charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true)}),
		charts.WithGridOpts(opts.Grid{Left: "3%", Right: "4%", Bottom: "3%", ContainLabel: opts.Bool(true)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "time"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category"}))...)
	var pids []string
	for _, p := range ps {
		pids = append(pids, p.ProductID)
		c.Table.Rows = append(c.Table.Rows, []string{p.ProductID, p.EndOfSale.String(), p.EndOfSWMaint.String(), p.EndOfRenewal.String(), p.LDoS.String()})
	}
	series := []struct {
		name string
		get  func(analyze.ProductRisk) contract.Date
	}{
		{"End of sale", func(p analyze.ProductRisk) contract.Date { return p.EndOfSale }},
		{"End of SW maintenance", func(p analyze.ProductRisk) contract.Date { return p.EndOfSWMaint }},
		{"End of contract renewal", func(p analyze.ProductRisk) contract.Date { return p.EndOfRenewal }},
		{"Last date of support", func(p analyze.ProductRisk) contract.Date { return p.LDoS }},
	}
	sc.SetXAxis(pids)
	for i, s := range series {
		var data []opts.ScatterData
		for _, p := range ps {
			if d := s.get(p); !d.IsZero() {
				data = append(data, opts.ScatterData{Value: []interface{}{d.String(), p.ProductID}, SymbolSize: 12})
			}
		}
		var marks []charts.SeriesOpts
		if i == len(series)-1 {
			// The report date, to read each milestone as past or ahead.
			marks = append(marks, charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: "Report date", XAxis: r.AsOf.String()}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"},
					Label: &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "report date " + r.AsOf.String()}, LineStyle: &opts.LineStyle{Type: "dashed"}}))
		}
		sc.AddSeries(s.name, data, marks...)
	}
	c.Summary = fmt.Sprintf("End-of-life milestones of %d product IDs, with the report date %s for reference.", len(ps), r.AsOf)
	return finish(c, sc)
}

func quoteComparison(r *analyze.Report) *Chart {
	q := r.Quotes
	if q == nil {
		return nil
	}
	c := &Chart{ID: QuoteComparison, Title: fmt.Sprintf("Partner quotes on the %d serials every partner quoted", len(q.CommonScope)),
		Table: Table{Columns: []string{"Partner", "Kind", "Headline total", "Annualized", "Average term (days)"}}}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base(r.Currency), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true)}))...)
	var names []string
	var headline, annual []opts.BarData
	for _, p := range q.Partners {
		names = append(names, p.Name)
		headline = append(headline, opts.BarData{Value: p.CommonHeadline.Float()})
		annual = append(annual, opts.BarData{Value: p.CommonAnnualized.Float()})
		c.Table.Rows = append(c.Table.Rows, []string{p.Name, string(p.Kind), money(r, p.CommonHeadline), money(r, p.CommonAnnualized), itoa(p.AvgTermDays)})
	}
	bar.SetXAxis(names).AddSeries("Headline total", headline).AddSeries("Annualized", annual)
	c.Summary = fmt.Sprintf("Headline totals against annualized cost for %d partners; the cheapest vendor partner per year is %s.", len(q.Partners), or(q.CheapestVendor, "none"))
	return finish(c, bar)
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func itoa(n int) string { return fmt.Sprint(n) }

// largest returns the keys of m by value, largest first, then by name.
func largest(m map[string]analyze.Money) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	return keys
}

// budgetForecast sets the renewals' cash out per fiscal quarter as the
// lines stand beside the same with the recommended options applied.
func budgetForecast(r *analyze.Report) *Chart {
	b := r.Budget
	if b == nil {
		return nil
	}
	c := &Chart{ID: BudgetForecast, Title: fmt.Sprintf("Renewal cash out per fiscal quarter, at a %.0f %% yearly uplift", b.Uplift*100),
		Table: Table{Columns: []string{"Fiscal quarter", "Starts", "Renewals", "As is", "With the recommended options"}}}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base(r.Currency), charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Top: "0"}))...)
	var labels []string
	var asIs, rec []opts.BarData
	peak := b.Quarters[0]
	for _, q := range b.Quarters {
		labels = append(labels, q.Quarter.String())
		asIs = append(asIs, opts.BarData{Value: q.AsIs.Float()})
		rec = append(rec, opts.BarData{Value: q.Recommended.Float()})
		c.Table.Rows = append(c.Table.Rows, []string{q.Quarter.String(), q.Quarter.Start.String(), itoa(q.Renewals), money(r, q.AsIs), money(r, q.Recommended)})
		if q.AsIs > peak.AsIs {
			peak = q
		}
	}
	bar.SetXAxis(labels).AddSeries("As is", asIs).AddSeries("With the recommended options", rec)
	c.Summary = fmt.Sprintf("Renewals invoice %s over the next eight fiscal quarters as the contracts stand, %s with the recommended options; the largest quarter is %s with %s.",
		money(r, b.AsIs), money(r, b.Recommended), peak.Quarter, money(r, peak.AsIs))
	return finish(c, bar)
}
