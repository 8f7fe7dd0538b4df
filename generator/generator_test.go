package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
)

func TestLoadKeepsConfigOrderAndMergesLifecycle(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"report.toml": `as_of = 2026-11-23
lifecycle = ["eox1.csv", "eox2.csv"]
[[snapshot]]
date = 2026-08-21
coverage = ["aug.csv"]
[[snapshot]]
date = 2026-11-20
coverage = ["b.csv", "a.csv"]
`,
		"a.csv":    "Serial Number,Product ID,Contract Number,Start Date,End Date\nA1,X,1,2026-01-01,2026-12-31\n",
		"b.csv":    "Serial Number,Product ID,Contract Number,Start Date,End Date\nB1,X,1,2026-01-01,2026-12-31\nB2,X,1,2026-01-01,2026-12-31\n",
		"aug.csv":  "Serial Number,Product ID,Contract Number,Start Date,End Date\nC1,X,1,2026-01-01,2026-12-31\n",
		"eox1.csv": "EOLProductID,LastDateOfSupport,EOXInputValue,EOXErrorID\n,,X,SSA_ERR_026\n",
		"eox2.csv": "EOLProductID,LastDateOfSupport,EOXInputValue\nX,2027-01-31,X\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var progress strings.Builder
	p := Load(Options{Config: filepath.Join(dir, "report.toml"), Progress: &progress})
	if p.Diags.Len() != 0 {
		t.Fatal(p.Diags.All())
	}
	cur := p.Estate.Current()
	var serials []string
	for _, l := range cur.Lines {
		serials = append(serials, l.Serial)
	}
	if cur.Date.String() != "2026-11-20" || strings.Join(serials, " ") != "B1 B2 A1" {
		t.Errorf("current snapshot %s holds %v", cur.Date, serials)
	}
	if lc := p.Estate.Lifecycle; len(lc) != 1 || !lc[0].Announced || lc[0].LastDateOfSupport != contract.NewDate(2027, 1, 31) {
		t.Errorf("lifecycle = %+v", lc)
	}
	if !strings.Contains(progress.String(), "renewals: imported 5 files, 6 rows (") {
		t.Errorf("progress:\n%s", progress.String())
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestEmptySnapshotIsAWarning(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "report.toml"), []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.csv\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "cov.csv"), []byte("Serial Number,Product ID,Contract Number,Start Date,End Date\n"), 0o644)
	p := Load(Options{Config: filepath.Join(dir, "report.toml")})
	all := p.Diags.All()
	if len(all) != 1 || all[0].Kind != "empty-snapshot" || !strings.Contains(all[0].Msg, "the snapshot of 2026-11-20 has no lines") {
		t.Errorf("diagnostics: %v", all)
	}
	if p.Report == nil {
		t.Error("a warning stopped the analysis")
	}
}

func TestSiteSpellingsMerge(t *testing.T) {
	e := &contract.Estate{Snapshots: []contract.Snapshot{
		{Lines: []contract.Line{{Site: "CENTRAL HOSPITAL"}, {Site: "Central Hospital"}, {Site: ""}}},
		{Lines: []contract.Line{{Site: "central  hospital"}, {Site: "NORTH CLINIC"}, {Site: "NORTH CLINIC"}}},
	}}
	mergeSiteSpellings(e, [][]string{siteSpellings(e.Snapshots[0].Lines), siteSpellings(e.Snapshots[1].Lines)})
	var got []string
	for _, s := range e.Snapshots {
		for _, l := range s.Lines {
			got = append(got, l.Site)
		}
	}
	want := "Central Hospital|Central Hospital||Central Hospital|NORTH CLINIC|NORTH CLINIC"
	if strings.Join(got, "|") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, "|"), want)
	}
}
