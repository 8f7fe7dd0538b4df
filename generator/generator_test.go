package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
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

// TestAmountsCannotOverflow: an amount past the largest a cell may hold is
// an error at its cell; amounts that each fit but add up past what the
// figures can hold are an error at the line that passes the bound. Before,
// 999999999999999.99 on a one-day line gave an annual spend of
// USD -3.9 × 10^18 and exit 0.
func TestAmountsCannotOverflow(t *testing.T) {
	load := func(rows string) *Project {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "report.toml"), []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.csv\"\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "cov.csv"), []byte("Serial Number,Product ID,Contract Number,Start Date,End Date,Extended Net Price\n"+rows), 0o644)
		t.Chdir(dir)
		return Load(Options{Config: "report.toml"})
	}
	p := load("FOC1,C9300,1,2026-11-20,2026-11-20,999999999999999.99\n")
	if got := errorsOf(p); got != `cov.csv:2:36: Extended Net Price: "999999999999999.99" is beyond the largest amount accepted (999999999999.99 either way)` {
		t.Errorf("diagnostics:\n%s", got)
	}
	p = load("FOC1,C9300,1,2026-11-20,2026-11-20,999999999999.99\n")
	if got := errorsOf(p); !strings.HasPrefix(got, "cov.csv:2: the inputs' amounts add up to more than USD 100,000,000,000,000.00") || p.Report != nil {
		t.Errorf("diagnostics:\n%s", got)
	}
	// A real estate's amounts stay far below: the largest cell on a
	// three-year line, many times over.
	rows := strings.Repeat("FOC1,C9300,1,2026-01-01,2028-12-31,999999999999.99\n", 30)
	if p = load(rows); p.Diags.HasErrors(false) || p.Report == nil {
		t.Errorf("diagnostics:\n%s", errorsOf(p))
	}
}

func errorsOf(p *Project) string {
	var out []string
	for _, d := range p.Diags.All() {
		if d.Severity == diag.Error {
			out = append(out, d.String())
		}
	}
	return strings.Join(out, "\n")
}

// TestSettingsPerFileEntry: an estate whose exports come from two
// countries reads each with its own date order and decimal separator.
func TestSettingsPerFileEntry(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("report.toml", []byte(`as_of = 2026-11-23
[[snapshot]]
date = 2026-11-20
coverage = ["us.csv", {files = "de/*.csv", date_order = "dmy", decimal = ","}]
[[quotes]]
files = "quote-de.csv"
partner = "Atlas"
kind = "vendor-partner"
date_order = "dmy"
decimal = ","
`), 0o644)
	os.MkdirAll("de", 0o755)
	os.WriteFile("us.csv", []byte("Serial Number,Product ID,Contract Number,Start Date,End Date,Extended Net Price\nFOC1,C9300,1,01/02/2026,12/31/2026,\"1,234.50\"\n"), 0o644)
	os.WriteFile("de/berlin.csv", []byte("Serial Number;Product ID;Contract Number;Start Date;End Date;Extended Net Price\nFOC2;C9300;2;02/01/2026;31/12/2026;1.234,50\n"), 0o644)
	os.WriteFile("quote-de.csv", []byte("Serial Number;Start Date;End Date;Extended Net Price\nFOC2;01/01/2027;31/12/2027;1.000,00\n"), 0o644)
	p := Load(Options{Config: "report.toml"})
	if got := errorsOf(p); got != "" {
		t.Fatal(got)
	}
	lines := p.Estate.Current().Lines
	if len(lines) != 2 {
		t.Fatalf("%d lines", len(lines))
	}
	for _, l := range lines {
		if l.Start.String() != "2026-01-02" || l.End.String() != "2026-12-31" || l.ExtendedNet != 123450 {
			t.Errorf("%s: %s to %s, %d cents", l.Serial, l.Start, l.End, l.ExtendedNet)
		}
	}
	if q := p.Estate.Quotes; len(q) != 1 || q[0].End.String() != "2027-12-31" || q[0].ExtendedNet != 100000 {
		t.Errorf("quotes %+v", q)
	}
	os.WriteFile("report.toml", []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [{files = \"us.csv\", date_oder = \"dmy\"}]\n"), 0o644)
	if got := errorsOf(Load(Options{Config: "report.toml"})); !strings.Contains(got, `unknown key "date_oder" in a file entry (did you mean "date_order"?)`) {
		t.Errorf("a misspelt key: %s", got)
	}
}
