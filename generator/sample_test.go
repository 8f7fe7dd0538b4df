package generator

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/renewals/renewals/generator/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// loadSample loads the committed sample project at the repository root.
func loadSample(t *testing.T) *Project {
	t.Helper()
	p := Load(Options{Config: "../report.toml"})
	if p.Diags.Count(diag.Error) > 0 || p.Report == nil {
		var b bytes.Buffer
		p.Diags.Write(&b)
		t.Fatalf("the sample does not load:\n%s", b.String())
	}
	return p
}

func TestSampleFiguresGolden(t *testing.T) {
	t.Parallel()
	got, err := loadSample(t).Report.MarshalFigures()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "sample-figures.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("figures.json of the sample differs from %s; if the change is intended, run: go test ./generator -run Golden -update", golden)
	}
}

func sum(m map[string]analyze.Money) analyze.Money {
	var s analyze.Money
	for _, v := range m {
		s += v
	}
	return s
}

// TestSampleConsistency checks the identities every report must satisfy.
func TestSampleConsistency(t *testing.T) {
	t.Parallel()
	r := loadSample(t).Report
	for name, m := range map[string]map[string]analyze.Money{
		"contract": r.Spend.ByContract, "site": r.Spend.BySite, "service level": r.Spend.ByServiceLevel, "family": r.Spend.ByFamily,
	} {
		if got := sum(m); got != r.Spend.Annual {
			t.Errorf("spend by %s sums to %v, not the annual spend %v", name, got, r.Spend.Annual)
		}
	}
	s := r.Status
	if s.Covered+s.Uncovered != s.Total {
		t.Errorf("covered %d + uncovered %d ≠ total %d", s.Covered, s.Uncovered, s.Total)
	}
	if s.NeverCovered+s.Lapsed != s.Uncovered {
		t.Errorf("never covered %d + lapsed %d ≠ uncovered %d", s.NeverCovered, s.Lapsed, s.Uncovered)
	}
	var buckets, calendar int
	for _, b := range r.Buckets {
		buckets += b.Lines
	}
	if buckets != r.Lines.ActiveMajor {
		t.Errorf("buckets hold %d lines, not the %d active MAJOR lines", buckets, r.Lines.ActiveMajor)
	}
	for _, m := range r.Calendar {
		calendar += m.Lines
	}
	if calendar < r.Expiring.Lines {
		t.Errorf("the calendar holds %d lines, fewer than the %d expiring", calendar, r.Expiring.Lines)
	}
	var contracts analyze.Money
	for _, c := range r.Contracts {
		contracts += c.AnnualSpend
	}
	if contracts != r.Spend.Annual {
		t.Errorf("contract pages sum to %v, not %v", contracts, r.Spend.Annual)
	}
	pts := r.Trend.Points
	if len(pts) != 3 || pts[2].AnnualSpend != r.Spend.Annual {
		t.Errorf("trend = %+v", pts)
	}
	for _, c := range r.Trend.Changes {
		if c.Added.Amount+c.Dropped.Amount+c.Replaced.Amount+c.Price.Amount+c.Level.Amount != c.Change {
			t.Errorf("drivers of %s → %s do not add up", c.From, c.To)
		}
	}
}

// TestSampleTellsEveryStory checks that the committed sample holds every
// case the report exists to find.
func TestSampleTellsEveryStory(t *testing.T) {
	t.Parallel()
	p := loadSample(t)
	r := p.Report
	c := r.Trend.Changes
	checks := []struct {
		what string
		ok   bool
	}{
		{"at least 5 sites", len(r.Spend.BySite) >= 5},
		{"about 500 devices", r.Status.Total >= 450 && r.Status.Total <= 550},
		{"at least 6 contracts", len(r.Contracts) >= 6},
		{"SNT, SNTE, SNTP and S2P", r.Spend.ByServiceLevel["SNT"] > 0 && r.Spend.ByServiceLevel["SNTE"] > 0 && r.Spend.ByServiceLevel["SNTP"] > 0 && r.Spend.ByServiceLevel["S2P"] > 0},
		{"lapsed devices", r.Status.Lapsed > 0},
		{"never-covered devices", r.Status.NeverCovered > 0},
		{"past LDoS and still paid", r.Lifecycle.PastLDoSPaid.Devices > 0},
		{"LDoS within 12 months", r.Lifecycle.Within12Months.Devices > 0},
		{"one serial on two contracts", len(r.Duplicate.Serials) == 1},
		{"one RMA swap", c[len(c)-1].Replaced.Lines == 1},
		{"a price uplift between quarters", c[0].Price.Amount > 0 && c[1].Price.Amount > 0},
		{"a service-level change", c[len(c)-1].Level.Lines > 0},
		{"three snapshots", len(r.Trend.Points) == 3},
		{"two vendor partners and a TPM", r.Quotes != nil && len(r.Quotes.Partners) == 3 && r.Quotes.CheapestTPM != ""},
		{"a co-term quote whose headline misleads", r.Quotes.Trap != nil},
		{"a totals row that disagrees", len(r.Quotes.TotalMismatches) == 1},
		{"announced and not-announced products", p.Summarize().Announced > 0 && p.Summarize().Announced < p.Summarize().Products},
		{"an LDoS disagreement", len(r.Quality.LDoSDisagreements) > 0},
	}
	var has36 bool
	for _, l := range p.Estate.Current().Lines {
		if l.Start.AddMonths(36).AddDays(-1) == l.End {
			has36 = true
		}
	}
	checks = append(checks, struct {
		what string
		ok   bool
	}{"a 36-month contract", has36})
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("the sample lacks %s", ch.what)
		}
	}
}

func BenchmarkAnalyze100k(b *testing.B) {
	p := Load(Options{Config: filepath.Join(bigEstate(b), "report.toml")})
	if p.Report == nil {
		b.Fatal("the estate has errors")
	}
	for b.Loop() {
		analyze.Run(p.Estate, settings(p.Config))
	}
}

func BenchmarkBuild100k(b *testing.B) {
	dir := bigEstate(b)
	os.Symlink(filepath.Join(mustAbs(".."), "node_modules"), filepath.Join(dir, "node_modules"))
	out := filepath.Join(b.TempDir(), "public")
	archive := filepath.Join(b.TempDir(), "archive")
	for b.Loop() {
		p := Load(Options{Config: filepath.Join(dir, "report.toml")})
		p.Config.Archive = archive // on, as by default, but outside the estate
		if _, err := p.Build(out, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender100k renders and writes the site of a loaded
// 100,000-device project, with its archived copy, as a first build: each
// round writes fresh folders (about 270 MB; they are removed at the end).
// On ext4 without a journal, as on this project's VM, creating files is
// several times slower for some minutes after many were deleted, so a
// run right after another measures more than the build's own work.
func BenchmarkRender100k(b *testing.B) {
	dir := bigEstate(b)
	os.Symlink(filepath.Join(mustAbs(".."), "node_modules"), filepath.Join(dir, "node_modules"))
	p := Load(Options{Config: filepath.Join(dir, "report.toml")})
	if p.Report == nil {
		b.Fatal("the estate has errors")
	}
	tmp := b.TempDir()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		round := filepath.Join(tmp, strconv.Itoa(i))
		p.Config.Archive = filepath.Join(round, "archive")
		if _, err := p.Build(filepath.Join(round, "public"), nil); err != nil {
			b.Fatal(err)
		}
	}
}

func mustAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		panic(err)
	}
	return a
}

// TestSampleShowsEveryEstateSection: the sample's inventory has retired
// devices still on contract and new devices the vendor does not know, its
// advisories name devices that cannot receive the fix, its replacement
// prices price the plan, and its prices forecast the budget, so that the
// sample report shows every section.
func TestSampleShowsEveryEstateSection(t *testing.T) {
	t.Parallel()
	r := loadSample(t).Report
	switch {
	case r.Reconcile == nil || len(r.Reconcile.PaidNotSeen) == 0 || len(r.Reconcile.UnknownToVendor) == 0 || len(r.Reconcile.SeenNotCovered) == 0:
		t.Errorf("reconcile: %+v", r.Reconcile)
	case r.Security == nil || len(r.Security.Exposed) == 0 || len(r.Security.PastVul) == 0:
		t.Error("the sample's security section is empty")
	case r.Replace == nil || r.Replace.Devices == 0 || r.Replace.Unpriced == r.Replace.Devices:
		t.Error("the sample's replacement plan has no priced device")
	case r.Budget == nil || r.Budget.AsIs == 0:
		t.Error("the sample has no budget forecast")
	case r.ServiceFit == nil || len(r.ServiceFit.Above) == 0:
		t.Error("the sample shows no service level against need")
	}
}
