package chart

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/contract"
)

func estate() *contract.Estate {
	d := func(y, m, dd int) contract.Date { x, _ := contract.ValidDate(y, m, dd); return x }
	line := func(serial, site string, end contract.Date, net contract.Money) contract.Line {
		return contract.Line{Serial: serial, Instance: serial, ProductID: "WS-C3850-48P-S", Contract: "C1", ServiceLevel: "SNTP",
			Site: site, Start: d(2026, 1, 1), End: end, ExtendedNet: net, Status: "ACTIVE"}
	}
	hostile := `</script><img src=x onerror=alert(1)>`
	return &contract.Estate{
		AsOf: d(2026, 11, 23), Currency: "USD",
		Snapshots: []contract.Snapshot{
			{Date: d(2026, 11, 20), Lines: []contract.Line{line("A", hostile, d(2026, 12, 31), 100000), line("B", "HQ", d(2027, 3, 31), 50000)}},
			{Date: d(2026, 8, 21), Lines: []contract.Line{line("A", hostile, d(2026, 12, 31), 90000)}},
		},
		Lifecycle: []contract.Lifecycle{{ProductID: "WS-C3850-48P-S", Announced: true, EndOfSale: d(2017, 10, 30), LastDateOfSupport: d(2025, 10, 31)}},
		Quotes: []contract.QuoteLine{
			{Partner: hostile, Kind: contract.VendorPartner, Serial: "A", Start: d(2027, 1, 1), End: d(2027, 12, 31), ExtendedNet: 100000},
			{Partner: "T", Kind: contract.TPM, Serial: "A", Start: d(2027, 1, 1), End: d(2027, 12, 31), ExtendedNet: 40000},
		},
	}
}

var validID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

func TestEveryChart(t *testing.T) {
	t.Parallel()
	r := analyze.Run(estate(), analyze.Settings{HorizonDays: 90, TPMDiscount: 0.6, DecisionLeadDays: 45})
	set := Set(r)
	for _, id := range Names {
		c := set[id]
		if c == nil {
			t.Errorf("no %s chart for an estate that has its data", id)
			continue
		}
		if c.ID != id || !validID.MatchString(id) {
			t.Errorf("chart id %q", c.ID)
		}
		if c.Title == "" || c.Summary == "" || len(c.Table.Columns) == 0 || len(c.Table.Rows) == 0 {
			t.Errorf("%s lacks a title, summary or data table", id)
		}
		var opt map[string]any
		if err := json.Unmarshal(baseOf(c.Option), &opt); err != nil || opt["series"] == nil {
			t.Errorf("%s: option is not ECharts JSON: %v", id, err)
		}
		if strings.ContainsAny(string(c.Option), "<>") {
			t.Errorf("%s: option carries raw < or >", id)
		}
	}
	if len(set) != len(Names) {
		t.Errorf("%d charts, %d names", len(set), len(Names))
	}
	// The same report gives the same options.
	again := Set(r)
	for id, c := range set {
		if string(again[id].Option) != string(c.Option) {
			t.Errorf("%s differs between two runs", id)
		}
	}
}

func TestChartsWithoutData(t *testing.T) {
	t.Parallel()
	e := estate()
	e.Snapshots, e.Quotes, e.Lifecycle = e.Snapshots[:1], nil, nil
	for i := range e.Snapshots[0].Lines {
		e.Snapshots[0].Lines[i].LDoS = 0
	}
	set := Set(analyze.Run(e, analyze.Settings{HorizonDays: 90}))
	for _, id := range []string{ChangeWaterfall, QuoteComparison, LifecycleRisk, EoXTimeline} {
		if set[id] != nil {
			t.Errorf("%s is drawn without data", id)
		}
	}
}

// TestEoXTimelineMarksTheReportDate: the summary says the report date is
// drawn for reference, so the chart must draw it.
func TestEoXTimelineMarksTheReportDate(t *testing.T) {
	t.Parallel()
	r := analyze.Run(estate(), analyze.Settings{HorizonDays: 90, TPMDiscount: 0.6, DecisionLeadDays: 45})
	var opt struct {
		Series []struct {
			MarkLine struct {
				Data []struct {
					XAxis string `json:"xAxis"`
				} `json:"data"`
			} `json:"markLine"`
		} `json:"series"`
	}
	if err := json.Unmarshal(baseOf(Set(r)[EoXTimeline].Option), &opt); err != nil {
		t.Fatal(err)
	}
	var marked []string
	for _, s := range opt.Series {
		for _, d := range s.MarkLine.Data {
			marked = append(marked, d.XAxis)
		}
	}
	if len(marked) != 1 || marked[0] != "2026-11-23" {
		t.Errorf("report date marks %q, want one at 2026-11-23", marked)
	}
}

// TestWaterfallSaysOneThing: the waterfall's run rates are their own grey
// series, the helper series is not in the legend, every bar is labelled,
// every step named, and the value axis starts near the levels when the
// changes are small against them.
func TestWaterfallSaysOneThing(t *testing.T) {
	var opt map[string]any
	c := changeWaterfall(reportWithChange())
	if err := json.Unmarshal(baseOf(c.Option), &opt); err != nil {
		t.Fatal(err)
	}
	legend := fmt.Sprint(opt["legend"])
	if strings.Contains(legend, "lift") || !strings.Contains(legend, "Run rate") {
		t.Errorf("legend: %s", legend)
	}
	for _, s := range opt["series"].([]any) {
		s := s.(map[string]any)
		if s["name"] != "lift" && fmt.Sprint(s["label"]) == "<nil>" {
			t.Errorf("series %s has no labels", s["name"])
		}
	}
	x := opt["xAxis"].([]any)[0].(map[string]any)
	if fmt.Sprint(x["axisLabel"]) != "map[hideOverlap:false interval:0]" || len(x["data"].([]any)) != 7 {
		t.Errorf("x axis: %v", x)
	}
	y := fmt.Sprint(opt["yAxis"])
	if !strings.Contains(y, "axis from") || !strings.Contains(y, "min:") {
		t.Errorf("y axis: %s", y)
	}
	if got := axisStart(analyze.Money(21_000_000), analyze.Money(22_000_000)); got != 200_000 {
		t.Errorf("axisStart = %v", got)
	}
	if got := axisStart(analyze.Money(100_00), analyze.Money(500_00)); got != 0 {
		t.Errorf("axisStart of large changes = %v", got)
	}
}

// reportWithChange: B's price moved from 480.00 to 500.00 between the
// snapshots, a change small against the run rate.
func reportWithChange() *analyze.Report {
	e := estate()
	prior := append([]contract.Line(nil), e.Snapshots[0].Lines...)
	prior[1].ExtendedNet = 48000
	e.Snapshots[1].Lines = prior
	return analyze.Run(e, analyze.Settings{HorizonDays: 90, TPMDiscount: 0.6, DecisionLeadDays: 45})
}

// baseOf is a chart option without its media queries: the option itself.
func baseOf(option []byte) []byte {
	var m struct {
		Base json.RawMessage `json:"baseOption"`
	}
	if json.Unmarshal(option, &m) == nil && len(m.Base) > 0 {
		return m.Base
	}
	return option
}
