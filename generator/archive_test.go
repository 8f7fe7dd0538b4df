package generator

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/sample"
)

// project writes a fresh sample project into a temporary folder.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: 120, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func build(t *testing.T, config, out string) {
	t.Helper()
	p := Load(Options{Config: config})
	if p.Diags.Count(diag.Error) > 0 {
		var b strings.Builder
		p.Diags.Write(&b)
		t.Fatal(b.String())
	}
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
}

// twoQuarters builds the sample's project twice into one output and
// archive: first the report of 25 August, before the November export,
// then the report of 23 November. It returns the project and both sites.
func twoQuarters(t *testing.T) (dir string, first, second map[string][]byte) {
	t.Helper()
	dir = project(t)
	config := filepath.Join(dir, "report.toml")
	full, _ := os.ReadFile(config)
	a := strings.Replace(string(full), "as_of = 2026-11-23", "as_of = 2026-08-25", 1)
	a = strings.Replace(a, "[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"sample-data/2026-11-20/*.csv\"]\n", "", 1)
	os.WriteFile(config, []byte(a), 0o644)
	out := filepath.Join(dir, "public")
	build(t, config, out)
	first = siteFiles(t, out)
	os.WriteFile(config, full, 0o644)
	build(t, config, out)
	return dir, first, siteFiles(t, out)
}

// TestQuarterlyArchive publishes quarter A, then quarter B into the same
// project: every URL of A must still resolve under archive/, and the root
// must show B.
func TestQuarterlyArchive(t *testing.T) {
	t.Parallel()
	dir, quarterA, quarterB := twoQuarters(t)
	if !strings.Contains(string(quarterA["index.html"]), "as of 2026-08-25") {
		t.Fatal("quarter A does not show its date")
	}
	if !strings.Contains(string(quarterB["index.html"]), "as of 2026-11-23") {
		t.Error("the root does not show quarter B")
	}
	for path := range quarterA {
		moved := "archive/2026-Q3/" + path
		if strings.HasPrefix(path, "archive/") {
			moved = path
		}
		if _, ok := quarterB[moved]; !ok {
			t.Errorf("%s of quarter A is gone: no %s", path, moved)
		}
	}
	if !strings.Contains(string(quarterB["archive/2026-Q3/index.html"]), "This is the report of 2026-Q3, as it was published.") {
		t.Error("the archived quarter does not say so")
	}
	index := string(quarterB["archive/index.html"])
	for _, want := range []string{`href="2026-Q4/index.html">2026-Q4 (current)`, `href="2026-Q3/index.html">2026-Q3`} {
		if !strings.Contains(index, want) {
			t.Errorf("the archive index lacks %s", want)
		}
	}
	// Each page links to the same page in the previous quarter.
	if !strings.Contains(string(quarterB["contracts/93824710/index.html"]), `href="../../archive/2026-Q3/contracts/93824710/index.html" rel="prev"`) {
		t.Error("a root page does not link to itself in 2026-Q3")
	}
	if !strings.Contains(string(quarterB["archive/2026-Q4/risk/index.html"]), `href="../../2026-Q3/risk/index.html" rel="prev"`) {
		t.Error("an archived page does not link to itself in 2026-Q3")
	}
	// The project keeps both quarters, to be committed beside the exports.
	for _, q := range []string{"2026-Q3", "2026-Q4"} {
		if _, err := os.Stat(filepath.Join(dir, "archive", q, "index.html")); err != nil {
			t.Errorf("the project's archive lacks %s", q)
		}
	}
}

func TestArchiveInsideOutputIsRefused(t *testing.T) {
	t.Parallel()
	dir := project(t)
	p := Load(Options{Config: filepath.Join(dir, "report.toml")})
	p.Config.Archive = filepath.Join(dir, "public", "archive")
	if _, err := p.Build(filepath.Join(dir, "public"), nil); err == nil || !strings.Contains(err.Error(), "lies inside the output") {
		t.Errorf("err = %v", err)
	}
}

func TestNoArchiveNoLink(t *testing.T) {
	t.Parallel()
	dir := project(t)
	p := Load(Options{Config: filepath.Join(dir, "report.toml")})
	p.Config.Archive = ""
	out := filepath.Join(dir, "public")
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
	files := siteFiles(t, out)
	if _, ok := files["archive/index.html"]; ok || strings.Contains(string(files["index.html"]), "Earlier quarters") {
		t.Error("a site without an archive links to one")
	}
}

// TestFailedBuildLeavesTheArchive: a build that fails after rendering
// leaves both the quarter's archived copy and the site as the last good
// build left them, and no temporary folder behind.
func TestFailedBuildLeavesTheArchive(t *testing.T) {
	t.Parallel()
	dir := project(t)
	config := filepath.Join(dir, "report.toml")
	index := filepath.Join(dir, "content", "index.md")
	src, _ := os.ReadFile(index)
	os.WriteFile(index, append(src, "\nFirst edition.\n"...), 0o644)
	out := filepath.Join(dir, "public")
	build(t, config, out)
	archived := filepath.Join(dir, "archive", "2026-Q4")
	before, site := siteFiles(t, archived), siteFiles(t, out)

	// The next build renders, then fails publishing an earlier quarter
	// whose copy lacks its figures.
	os.WriteFile(index, append(src, "\nSecond edition.\n"...), 0o644)
	os.MkdirAll(filepath.Join(dir, "archive", "2026-Q2"), 0o755)
	os.WriteFile(filepath.Join(dir, "archive", "2026-Q2", "index.html"), []byte("old"), 0o644)
	p := Load(Options{Config: config})
	if _, err := p.Build(out, nil); err == nil {
		t.Fatal("the build did not fail")
	}
	after := siteFiles(t, archived)
	if !strings.Contains(string(after["index.html"]), "First edition.") || len(after) != len(before) {
		t.Errorf("the archived quarter changed: %d files, was %d", len(after), len(before))
	}
	if !strings.Contains(string(siteFiles(t, out)["index.html"]), "First edition.") || len(siteFiles(t, out)) != len(site) {
		t.Error("the site changed")
	}
	for _, d := range []string{dir, filepath.Join(dir, "archive")} {
		if m, _ := filepath.Glob(filepath.Join(d, ".*.tmp-*")); len(m) != 0 {
			t.Errorf("left behind: %v", m)
		}
	}
}

// TestChangesSincePrevious: the second quarter's report sets itself
// against the first, as published: since_previous in figures.json and
// the changes page agree with the two quarters' own figures.
func TestChangesSincePrevious(t *testing.T) {
	t.Parallel()
	_, first, second := twoQuarters(t)
	if !strings.Contains(string(first["changes/index.html"]), "No earlier quarter is archived yet") {
		t.Error("the first quarter's changes page does not say there is nothing to compare with")
	}

	type figs struct {
		AsOf        string  `json:"as_of"`
		AnnualSpend float64 `json:"annual_spend"`
		Devices     struct {
			Lapsed int `json:"lapsed"`
		} `json:"devices"`
		Contracts []struct {
			Number string `json:"number"`
		} `json:"contracts"`
		Recommendations []struct {
			ID string `json:"id"`
		} `json:"recommendations"`
		Since *struct {
			Quarter        string   `json:"quarter"`
			AsOf           string   `json:"as_of"`
			SpendThen      float64  `json:"annual_spend_then"`
			SpendChange    float64  `json:"annual_spend_change"`
			LapsedThen     int      `json:"lapsed_devices_then"`
			LapsedNow      int      `json:"lapsed_devices_now"`
			ContractsNew   []string `json:"contracts_new"`
			ContractsGone  []string `json:"contracts_gone"`
			ContractsRenew []string `json:"contracts_renewed"`
			RecsNew        []string `json:"recommendations_new"`
			RecsOpen       []string `json:"recommendations_still_open"`
			RecsGone       []string `json:"recommendations_gone"`
			RecsLapsed     []string `json:"recommendations_gone_with_lapse"`
			ContractsLapse []string `json:"contracts_lapsed"`
		} `json:"since_previous"`
	}
	var before, now figs
	json.Unmarshal(first["data/figures.json"], &before)
	json.Unmarshal(second["data/figures.json"], &now)
	s := now.Since
	if before.Since != nil || s == nil {
		t.Fatalf("since_previous: first %v, second %v", before.Since, s)
	}
	if s.Quarter != "2026-Q3" || s.AsOf != before.AsOf || s.SpendThen != before.AnnualSpend || s.LapsedThen != before.Devices.Lapsed || s.LapsedNow != now.Devices.Lapsed {
		t.Errorf("since_previous = %+v; then %s, spend %.2f, lapsed %d; now lapsed %d", *s, before.AsOf, before.AnnualSpend, before.Devices.Lapsed, now.Devices.Lapsed)
	}
	if diff := math.Round((now.AnnualSpend-before.AnnualSpend)*100) / 100; s.SpendChange != diff {
		t.Errorf("change %.2f, want %.2f", s.SpendChange, diff)
	}
	// 93826001 ended on 2026-09-30, after the first report, and the second
	// snapshot holds its renewal.
	if strings.Join(s.ContractsRenew, " ") != "93826001" {
		t.Errorf("contracts renewed: %q", s.ContractsRenew)
	}
	had, has := map[string]bool{}, map[string]bool{}
	for _, r := range before.Recommendations {
		had[r.ID] = true
	}
	for _, r := range now.Recommendations {
		has[r.ID] = true
	}
	for _, id := range s.RecsNew {
		if had[id] || !has[id] {
			t.Errorf("%s is not new", id)
		}
	}
	for _, id := range s.RecsOpen {
		if !had[id] || !has[id] {
			t.Errorf("%s is not still open", id)
		}
	}
	for _, id := range s.RecsGone {
		if !had[id] || has[id] {
			t.Errorf("%s is not gone", id)
		}
	}
	if len(s.RecsNew)+len(s.RecsOpen) != len(now.Recommendations) || len(s.RecsOpen)+len(s.RecsGone) != len(before.Recommendations) {
		t.Errorf("recommendations: %d new, %d open, %d gone; %d then, %d now", len(s.RecsNew), len(s.RecsOpen), len(s.RecsGone), len(before.Recommendations), len(now.Recommendations))
	}
	// The clinics contract lapsed on 2026-10-31: the advice to renew it
	// went because nothing was done, and says so.
	if len(s.ContractsLapse) == 0 || len(s.RecsLapsed) == 0 || !strings.HasPrefix(s.RecsLapsed[0], "renew-") {
		t.Errorf("contracts lapsed %q, recommendations gone with the lapse %q", s.ContractsLapse, s.RecsLapsed)
	}
	page := string(second["changes/index.html"])
	if !strings.Contains(page, "gone: its contract lapsed before it was renewed") {
		t.Error("the changes page does not say that a recommendation went with its contract's lapse")
	}
	if !strings.Contains(page, "Set against the report of 2026-Q3, as of "+before.AsOf) || !strings.Contains(page, `id="moved"`) {
		t.Error("the changes page does not compare with 2026-Q3")
	}
}
