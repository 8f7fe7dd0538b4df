package generator

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportsWithoutPrices: a Cisco Ready install base carries no prices.
// The report says so, states no money it cannot know (null in
// figures.json, "not in the exports" on the pages, no USD 0.00), ranks the
// advice by devices and urgency, and picks the co-term target by lines;
// the quotes, which carry prices, keep theirs.
func TestExportsWithoutPrices(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("report.toml", []byte(`as_of = 2026-11-23
[[snapshot]]
date = 2026-11-20
coverage = "cisco-ready.csv"
[[quotes]]
files = "quote.csv"
partner = "Atlas"
kind = "vendor-partner"
`), 0o644)
	rows := "Serial Number,Product ID,Install Site Name,Contract Number,Default Service Level,Covered Line Start Date,Covered Line End Date,Last Date of Support\n"
	for i, c := range []struct{ serial, contract, end string }{
		{"FOC1", "93824710", "2026-12-31"}, {"FOC2", "93824710", "2026-12-31"},
		{"FOC3", "93825519", "2027-06-30"}, {"FOC4", "93825519", "2027-06-30"}, {"FOC5", "93825519", "2027-06-30"},
		{"FOC6", "93826001", "2027-01-31"},
	} {
		ldos := ""
		if i == 5 {
			ldos = "2025-10-31"
		}
		rows += c.serial + ",C9300-48P-A,CENTRAL HOSPITAL," + c.contract + ",SNTP,2026-01-01," + c.end + "," + ldos + "\n"
	}
	os.WriteFile("cisco-ready.csv", []byte(rows), 0o644)
	os.MkdirAll("content", 0o755)
	os.WriteFile("content/index.md", []byte("+++\ntitle = \"Note\"\n+++\nSpend is {{< figure annual_spend >}}, changed {{< figure change_pct >}}.\n"), 0o644)
	os.WriteFile("quote.csv", []byte("Serial Number,Start Date,End Date,Extended Net Price\nFOC1,2027-01-01,2027-12-31,500\n"), 0o644)
	p := Load(Options{Config: "report.toml"})
	if got := errorsOf(p); got != "" {
		t.Fatal(got)
	}
	if p.Report.Priced {
		t.Fatal("an estate without a price column counts as priced")
	}
	data, err := p.Report.MarshalFigures()
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Priced          bool                `json:"priced"`
		AnnualSpend     *float64            `json:"annual_spend"`
		ByContract      map[string]*float64 `json:"annual_spend_by_contract"`
		Recommendations []struct {
			ID    string   `json:"id"`
			Money *float64 `json:"money"`
		} `json:"recommendations"`
		Quotes struct {
			Partners []struct {
				CommonAnnualized *float64 `json:"common_annualized"`
			} `json:"partners"`
		} `json:"quotes"`
		CoTerm struct {
			Target string `json:"target"`
		} `json:"co_term"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Priced || f.AnnualSpend != nil || f.ByContract["93824710"] != nil || len(f.ByContract) != 3 {
		t.Errorf("spend figures: priced %v, annual %v, by contract %v", f.Priced, f.AnnualSpend, f.ByContract)
	}
	for _, r := range f.Recommendations {
		if strings.HasPrefix(r.ID, "renew-") && r.Money != nil {
			t.Errorf("%s states money: %v", r.ID, *r.Money)
		}
	}
	if f.CoTerm.Target != "2027-06-30" {
		t.Errorf("the co-term target %s is not the end date of the most lines", f.CoTerm.Target)
	}
	// Ranked by devices and urgency: the renewal of three devices first.
	if len(p.Report.Advice) == 0 || p.Report.Advice[0].ID != "renew-93824710" {
		t.Errorf("advice order: %v", adviceIDs(p))
	}
	for _, a := range p.Report.Advice {
		if a.NoMoney && (strings.Contains(a.Action, "USD") || strings.Contains(strings.Join(a.Evidence, " "), "USD")) {
			t.Errorf("%s: %s %q", a.ID, a.Action, a.Evidence)
		}
	}

	out := filepath.Join(dir, "public")
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
	site := siteFiles(t, out)
	// Only the quotes carry money: pages about the coverage show none.
	for _, name := range []string{"renewals/index.html", "spend/index.html", "risk/index.html", "contracts/93824710/index.html", "devices/index.html"} {
		if strings.Contains(string(site[name]), "USD ") {
			t.Errorf("%s shows money", name)
		}
	}
	for _, want := range []string{`<span class="muted">money not in the inputs</span>`, `data-figure="annual_spend">not in the exports</span>`, `id="figure-annual-spend-run-rate"><dt>Annual spend (run rate)`} {
		if !strings.Contains(string(site["index.html"]), want) {
			t.Errorf("the summary lacks %s", want)
		}
	}
	if !strings.Contains(string(site["index.html"]), "No prices in these exports") || !strings.Contains(string(site["spend/index.html"]), "No prices in these exports") {
		t.Error("the summary or the spend page does not say the exports carry no prices")
	}
	if !strings.Contains(string(site["quotes/index.html"]), "USD 500.00") {
		t.Error("the quotes page lost the quote's price")
	}
}

func adviceIDs(p *Project) []string {
	var ids []string
	for _, a := range p.Report.Advice {
		ids = append(ids, a.ID)
	}
	return ids
}
