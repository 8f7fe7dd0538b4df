package generator

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/sample"
	"github.com/renewals/renewals/generator/site"
)

// buildSample builds the committed sample into a new folder.
func buildSample(t *testing.T) string {
	t.Helper()
	return buildSampleWith(t, func(*Project) {})
}

// shared is the committed sample built once, for the tests that only read
// the site; TestMain removes it.
var shared struct {
	sync.Once
	dir string
	err error
}

// sampleSite returns the shared build of the sample. A test must not
// change it; one that does builds its own with buildSample.
func sampleSite(t *testing.T) string {
	t.Helper()
	shared.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "renewals-sample-site-"); shared.err != nil {
			return
		}
		p := Load(Options{Config: "../report.toml"})
		if p.Report == nil {
			shared.err = fmt.Errorf("the sample has errors")
			return
		}
		p.Config.Archive = filepath.Join(shared.dir, "archive")
		_, shared.err = p.Build(filepath.Join(shared.dir, "public"), nil)
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return filepath.Join(shared.dir, "public")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// buildSampleWith builds the committed sample after change has changed
// the loaded project.
func buildSampleWith(t *testing.T, change func(*Project)) string {
	t.Helper()
	p := loadSample(t)
	change(p)
	p.Config.Archive = filepath.Join(t.TempDir(), "archive") // never the repository's own
	out := filepath.Join(t.TempDir(), "public")
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

// siteFiles reads every file of a built site by slash path.
func siteFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := siteFiles(t, buildSample(t)), siteFiles(t, buildSample(t))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if sha256.Sum256(data) != sha256.Sum256(b[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	for _, want := range []string{"index.html", "advice/index.html", "renewals/index.html", "spend/index.html", "risk/index.html", "quotes/index.html",
		"devices/index.html", "quality/index.html", "contracts/93824710/index.html", "sites/north-clinic/index.html", "products/isr4331-k9/index.html",
		"data/figures.json", "data/devices.csv", "renewals.ics", "assets/echarts.min.js", "assets/site.js", "assets/style.css", site.Marker} {
		if _, ok := a[want]; !ok {
			t.Errorf("the site lacks %s", want)
		}
	}
}

var (
	attrURL    = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	scriptTag  = regexp.MustCompile(`<script\b[^>]*>`)
	anyTag     = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	quoted     = regexp.MustCompile(`"[^"]*"|'[^']*'`)
	eventName  = regexp.MustCompile(`\son[a-z]+\s*=`)
	styleName  = regexp.MustCompile(`\sstyle\s*=`)
	inlineCode = regexp.MustCompile(`^<script (src="[^"]+"|type="application/json" id="[a-z0-9_]+-option")>$`)
)

// attrMatch finds an attribute name matching re in any tag of html,
// looking at names only: text inside quoted values is data, however it
// reads.
func attrMatch(html string, re *regexp.Regexp) string {
	for _, tag := range anyTag.FindAllString(html, -1) {
		if re.MatchString(quoted.ReplaceAllString(tag, `""`)) {
			return tag
		}
	}
	return ""
}

// TestPagesAgreeWithTheCSP checks every page against netlify.toml's
// Content-Security-Policy: scripts only from files of the site, no inline
// script or event handlers, no inline styles, no outside URL, and every
// link relative so the site works from file:// and under any path.
func TestPagesAgreeWithTheCSP(t *testing.T) {
	t.Parallel()
	var cfg struct {
		Build   struct{ Command, Publish string }
		Headers []struct {
			For    string
			Values map[string]string
		}
	}
	if _, err := toml.DecodeFile("../netlify.toml", &cfg); err != nil {
		t.Fatal(err)
	}
	readme, _ := os.ReadFile("../README.md")
	if !strings.Contains(string(readme), cfg.Build.Command+"    # the main job") || cfg.Build.Publish != "public" {
		t.Errorf("netlify.toml builds with %q into %q, not README's main command into public", cfg.Build.Command, cfg.Build.Publish)
	}
	csp := ""
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			csp = h.Values["Content-Security-Policy"]
		}
	}
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("the CSP lacks %s: %s", want, csp)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("the CSP allows inline code: %s", csp)
	}
	for name, data := range siteFiles(t, sampleSite(t)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		html := string(data)
		for _, tag := range scriptTag.FindAllString(html, -1) {
			if !inlineCode.MatchString(tag) {
				t.Errorf("%s: %s is neither a script file nor JSON data", name, tag)
			}
		}
		if m := attrMatch(html, eventName); m != "" {
			t.Errorf("%s: inline event handler in %s", name, m)
		}
		if m := attrMatch(html, styleName); m != "" {
			t.Errorf("%s: inline style in %s", name, m)
		}
		for _, m := range attrURL.FindAllStringSubmatch(html, -1) {
			u := m[1]
			if strings.HasPrefix(u, "/") || strings.Contains(u, "://") || strings.HasPrefix(u, "data:") {
				t.Errorf("%s: %q is not a relative link", name, u)
			}
		}
	}
}

// TestLinksResolve follows every relative link and source of every page to
// a file of the site.
func TestLinksResolve(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, sampleSite(t))
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range attrURL.FindAllStringSubmatch(string(data), -1) {
			target := strings.SplitN(strings.SplitN(m[1], "#", 2)[0], "?", 2)[0]
			if target == "" {
				continue
			}
			resolved := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(name), target)))
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s links to %s, which the site does not have", name, m[1])
			}
		}
	}
}

var payloads = []string{`</script><script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `=HYPERLINK("http://x")`, "Windows-1252 caf\xe9 \xff\xfe"}

func csvFile(rows [][]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.String()
}

// TestHostileInputsArriveEscaped puts script, markup and spreadsheet
// formulas into every text field of every input and into the commentary,
// and checks every page and download.
func TestHostileInputsArriveEscaped(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var cov, quotes [][]string
	cov = append(cov, []string{"Serial Number", "Instance Number", "Product ID", "Product Description", "Product Family", "Product Type", "Host Name",
		"Install Site Name", "Installed-At SITE ID", "Coverage", "Covered Line Status", "Contract Number", "Contract Label", "Service Level",
		"Covered Line Start Date", "Covered Line End Date", "Last Date of Support", "Extended Net Price"})
	quotes = append(quotes, []string{"Quote Number", "Quote Name", "Line Number", "Serial Number", "Product Number", "SKU", "Service Level",
		"Start Date", "End Date", "Extended Net Price", "Comments", "Partner", "Partner Type"})
	for i, p := range payloads {
		cov = append(cov, []string{p + "S", p + "I", p + "P", p, p, p, p, p, p, p, p, p + "C", p, p, "2026-01-01", "2026-12-31", "2027-01-31", "100"})
		quotes = append(quotes, []string{p, p, p, p + "S", p + "P", p, p, "2027-01-01", "2027-12-31", "90", p, p + string(rune('A'+i)), "Cisco Partner"},
			[]string{p, p, p, p + "S", p + "P", p, p, "2027-01-01", "2027-12-31", "40", p, "TPM " + p, "TPM"})
	}
	eox := [][]string{{"EOLProductID", "ProductIDDescription", "LastDateOfSupport", "MigrationProductId", "LinkToProductBulletinURL"}}
	for _, p := range payloads {
		eox = append(eox, []string{p + "P", p, "2027-01-31", p, "javascript:alert(1)"})
	}
	files := map[string]string{
		"report.toml": "title = \"" + strings.ReplaceAll(payloads[0], `"`, `\"`) + "\"\norganization = \"" + strings.ReplaceAll(payloads[1], `"`, `\"`) +
			"\"\nas_of = 2026-11-23\nlifecycle = \"eox.csv\"\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.csv\"\n[[quotes]]\nfiles = \"quotes.csv\"\n",
		"cov.csv":          csvFile(cov),
		"quotes.csv":       csvFile(quotes),
		"eox.csv":          csvFile(eox),
		"content/index.md": "+++\ntitle = '" + payloads[0] + "'\n+++\n\n" + strings.Join(payloads, "\n\n") + "\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n",
		"content/note.md":  "---\ntitle: '" + payloads[1] + "'\n---\n\n" + payloads[2] + "\n",
	}
	for name, body := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	p := Load(Options{Config: filepath.Join(dir, "report.toml")})
	if p.Diags.Count(diag.Error) > 0 {
		var b strings.Builder
		p.Diags.Write(&b)
		t.Fatal(b.String())
	}
	if !strings.Contains(p.Config.Archive, dir) {
		t.Fatalf("archive %s is outside the test's folder", p.Config.Archive)
	}
	out := filepath.Join(dir, "public")
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
	built := siteFiles(t, out)
	pages, downloads := 0, 0
	for name, data := range built {
		s := string(data)
		if strings.HasSuffix(name, ".xlsx") {
			// A zip: its parts are XML, which excelize must read, and
			// every hostile value in it is a string, never a formula.
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, sh := range f.GetSheetList() {
				rows, _ := f.GetRows(sh)
				for r := range rows {
					for c := range rows[r] {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						if formula, _ := f.GetCellFormula(sh, cell); formula != "" {
							t.Errorf("%s!%s holds a formula: %s", sh, cell, formula)
						}
					}
				}
			}
			f.Close()
			continue
		}
		if !utf8.Valid(data) {
			t.Errorf("%s is not valid UTF-8", name)
		}
		switch {
		case strings.HasSuffix(name, ".html"):
			pages++
			if strings.Contains(s, "<script>alert(1)") || strings.Contains(s, "<img src=x") || strings.Contains(s, "javascript:") {
				t.Errorf("%s carries a payload unescaped", name)
			}
			for _, tag := range scriptTag.FindAllString(s, -1) {
				if !inlineCode.MatchString(tag) {
					t.Errorf("%s: injected %s", name, tag)
				}
			}
			if m := attrMatch(s, eventName); m != "" {
				t.Errorf("%s: injected handler %s", name, m)
			}
		case strings.HasSuffix(name, ".csv"):
			downloads++
			rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			for _, row := range rows {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && site.Neutralize(cell) != cell {
						t.Errorf("%s: cell %q would run as a formula", name, cell)
					}
				}
			}
		case name == "data/figures.json":
			if strings.Contains(s, "</script>") || strings.Contains(s, "<img") {
				t.Errorf("figures.json carries raw markup")
			}
		}
	}
	if pages < 10 || downloads < 10 {
		t.Errorf("only %d pages and %d downloads were checked", pages, downloads)
	}
	if !strings.Contains(string(built["index.html"]), "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the payload is not shown as text on the index")
	}
}

// TestBuildWithoutECharts builds the sample with no ECharts: every page
// is written, each chart shown as its data table with a note, and nothing
// loads a script that is not there.
var chartData = regexp.MustCompile(`(?s)<summary>Chart data</summary>\n(<table>.*?</table>)</details>`)

func TestBuildWithoutECharts(t *testing.T) {
	t.Parallel()
	with := siteFiles(t, sampleSite(t))
	var p *Project
	without := siteFiles(t, buildSampleWith(t, func(q *Project) { q.Charts, p = nil, q }))
	if _, ok := without["assets/echarts.min.js"]; ok {
		t.Error("assets/echarts.min.js is written without ECharts")
	}
	// The site and the archived copy of the quarter each lack one file.
	if len(without) != len(with)-2 {
		t.Errorf("%d files without ECharts, %d with", len(without), len(with))
	}
	charts := 0
	for name, data := range without {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(data)
		drawn := strings.Count(string(with[name]), `class="chart-canvas"`)
		static := strings.Count(page, `<figure class="chart chart-static"`)
		if static != drawn {
			t.Errorf("%s: %d charts as tables, %d drawn with ECharts", name, static, drawn)
		}
		if n := strings.Count(page, "Shown as a table: this report was built without its charting library."); n != static {
			t.Errorf("%s: %d notes for %d charts", name, n, static)
		}
		if strings.Contains(page, "echarts.min.js") || strings.Contains(page, "chart-canvas") || strings.Contains(page, "-option\"") {
			t.Errorf("%s still loads or sets up ECharts", name)
		}
		// Each chart's data table is shown in its place.
		for _, m := range chartData.FindAllStringSubmatch(string(with[name]), -1) {
			if !strings.Contains(page, m[1]) {
				t.Errorf("%s lacks the chart data %.80s…", name, m[1])
			}
		}
		charts += static
	}
	if charts == 0 {
		t.Fatal("no chart shown as a table")
	}
	if p.ChartsMissing() == "" {
		t.Error("no warning for the missing ECharts")
	}
}

func BenchmarkBuildSample(b *testing.B) {
	out := filepath.Join(b.TempDir(), "public")
	archive := filepath.Join(b.TempDir(), "archive")
	for b.Loop() {
		p := Load(Options{Config: "../report.toml"})
		p.Config.Archive = archive
		if _, err := p.Build(out, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParallelBuildMatchesSerial builds on one core and on every core: the
// files must be the same, byte for byte.
func TestParallelBuildMatchesSerial(t *testing.T) {
	// 2,500 devices: large device tables, paged from data files that index
	// the shared rows file, which renders beside the pages.
	dir := t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: 2500, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	build := func() map[string][]byte {
		p := Load(Options{Config: filepath.Join(dir, "report.toml")})
		if p.Report == nil {
			t.Fatal(p.Diags.All()[0])
		}
		p.Config.Archive = filepath.Join(t.TempDir(), "archive")
		out := filepath.Join(t.TempDir(), "public")
		if _, err := p.Build(out, nil); err != nil {
			t.Fatal(err)
		}
		return siteFiles(t, out)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	serial := build()
	runtime.GOMAXPROCS(4)
	parallel := build()
	if _, ok := serial[site.SharedRowsFile]; !ok {
		t.Fatalf("the site has no %s: no device table is large", site.SharedRowsFile)
	}
	if len(serial) != len(parallel) {
		t.Fatalf("%d files on one core, %d on four", len(serial), len(parallel))
	}
	for name, data := range serial {
		if !bytes.Equal(data, parallel[name]) {
			t.Errorf("%s differs between one core and four", name)
		}
	}
}

// BenchmarkCommentaryRebuild is what serve does after a Markdown edit on
// the sample: read the commentary again and render, without importing.
func BenchmarkCommentaryRebuild(b *testing.B) {
	p := Load(Options{Config: "../report.toml"})
	if p.Report == nil {
		b.Fatal("the sample has errors")
	}
	for b.Loop() {
		if l := p.ReloadContent(); l.HasErrors(false) {
			b.Fatal("commentary errors")
		}
		if _, err := p.Render(RenderOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
