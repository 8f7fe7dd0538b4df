package generator

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/renewals/renewals/generator/internal/browsertest"
	"github.com/renewals/renewals/generator/sample"
)

// seriousViolations runs axe-core on the page and returns its serious and
// critical violations.
const axeRun = `axe.run(document, {resultTypes: ["violations"], preload: false}).then(r => r.violations
	.filter(v => v.impact === "serious" || v.impact === "critical")
	.map(v => v.impact + " " + v.id + ": " + v.help + " at " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join("; ")))`

const chartsDrawn = `(() => {
	const boxes = document.querySelectorAll(".chart-canvas");
	return Array.from(boxes).every(b => { const c = b.querySelector("canvas"); return c && c.width > 0 && c.height > 0; });
})()`

func TestBrowserEveryPage(t *testing.T) {
	t.Parallel() // a browser or a build of its own; nothing shared
	ctx := browsertest.Start(t)
	out := sampleSite(t)
	axe, err := os.ReadFile("../node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core is missing: run npm ci (%v)", err)
	}
	var pages []string
	for name := range siteFiles(t, out) {
		if strings.HasSuffix(name, ".html") {
			pages = append(pages, name)
		}
	}
	sort.Strings(pages)
	// Every page of the site is opened, and of the archived copy of this
	// quarter (the same pages with an archive banner, one folder deeper)
	// the first page of each kind: what a copy can get wrong on its own is
	// a path, and every page of a kind has the same paths. Half the pages
	// are copies, and opening them took half the test.
	kinds := map[string]bool{}
	pages = slices.DeleteFunc(pages, func(name string) bool {
		kind, copied := archivedKind(name)
		if !copied {
			return false
		}
		seen := kinds[kind]
		kinds[kind] = true
		return seen
	})
	// Two browsers share the pages, every other one each; axe-core is
	// loaded into every document a tab opens rather than sent page by page.
	var charts atomic.Int64
	var tabs sync.WaitGroup
	for k := range 2 {
		tab := ctx
		if k > 0 {
			tab = browsertest.Start(t) // a browser of its own: tabs on file:// share one renderer
		}
		var w browsertest.Watch
		if err := w.Listen(tab); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(axe)}); err != nil {
			t.Fatal(err)
		}
		tabs.Go(func() {
			for i := k; i < len(pages); i += 2 {
				if !checkPage(t, tab, &w, out, pages[i], &charts) {
					return
				}
			}
		})
	}
	tabs.Wait()
	if t.Failed() {
		return
	}
	if n := charts.Load(); n < 10 {
		t.Errorf("only %d charts were drawn across %d pages", n, len(pages))
	}
	// The summary in the dark colour scheme.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(out, "index.html")))); err != nil {
		t.Fatal(err)
	}
	chromedp.Run(ctx, chromedp.Evaluate[bool](string(axe)+";true"))
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range v {
		t.Errorf("index.html, dark: %s", x)
	}
}

// archivedKind names the kind of page of a path in an archived copy
// (archive/2026-Q4/products/x/index.html → "products"); copied is false
// for a page of the site itself and for the archive's own index.
func archivedKind(name string) (kind string, copied bool) {
	parts := strings.Split(name, "/")
	if len(parts) < 3 || parts[0] != "archive" {
		return "", false
	}
	if len(parts) == 3 {
		return "index", true
	}
	return parts[2], true
}

// checkPage opens one page of the site in tab and checks it: charts
// drawn, no list item split, no console error, no request outside the
// site, no axe-core violation. It is false when the tab cannot go on.
func checkPage(t *testing.T, tab context.Context, w *browsertest.Watch, out, name string, charts *atomic.Int64) bool {
	u := "file://" + filepath.ToSlash(filepath.Join(out, name))
	if err := chromedp.Do(tab, chromedp.Navigate(u)); err != nil {
		t.Errorf("%s: %v", name, err)
		return false
	}
	drawn, err := chromedp.Run(tab, chromedp.Poll[bool](chartsDrawn, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || !drawn {
		t.Errorf("%s: the charts are not drawn (%v)", name, err)
	}
	n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll(".chart-canvas canvas").length`))
	charts.Add(int64(n))
	// A link in a list of two columns is never split across them.
	split, _ := chromedp.Run(tab, chromedp.Evaluate[int](`Array.from(document.querySelectorAll(".links li")).filter(li => li.getClientRects().length > 1).length`))
	if split > 0 {
		t.Errorf("%s: %d list items split across columns", name, split)
	}
	// The page's own messages and requests, before axe-core adds its own.
	errs, reqs := w.Take()
	for _, e := range errs {
		t.Errorf("%s: %s", name, e)
	}
	for _, r := range reqs {
		t.Errorf("%s: requested %s outside the site", name, r)
	}
	v, err := chromedp.Run(tab, chromedp.Evaluate[[]string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Errorf("%s: axe-core: %v", name, err)
		return false
	}
	for _, x := range v {
		t.Errorf("%s: %s", name, x)
	}
	w.Take()
	return true
}

func TestBrowserTables(t *testing.T) {
	t.Parallel() // a browser or a build of its own; nothing shared
	ctx := browsertest.Start(t)
	t.Run("rows in the page", func(t *testing.T) { checkDeviceTable(t, ctx, sampleSite(t)) })
	t.Run("rows in a data file", func(t *testing.T) {
		dir := project(t)
		if _, err := sample.Write(dir, sample.Options{Devices: 2500, Seed: 11, Force: true}); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "public")
		build(t, filepath.Join(dir, "report.toml"), out)
		if _, err := os.Stat(filepath.Join(out, "data", "devices.js")); err != nil {
			t.Fatal("a 2,500-row table has no data file")
		}
		checkDeviceTable(t, ctx, out)
	})
}

// checkDeviceTable pages, filters and sorts the device table of a built
// site, checking against the table's own CSV download.
func checkDeviceTable(t *testing.T, ctx context.Context, out string) {
	raw, err := os.ReadFile(filepath.Join(out, "data", "devices.csv"))
	if err != nil {
		t.Fatal(err)
	}
	records, _ := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	all := records[1:]
	last := all[len(all)-1][0]
	devices := "file://" + filepath.ToSlash(filepath.Join(out, "devices", "index.html"))
	loaded := `!document.querySelector('[data-table="devices"] .pager').textContent.includes("loading")`
	rowsShown := `document.querySelectorAll("#table-devices tbody tr").length`
	open := func(u string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(u), chromedp.WaitVisible("#table-devices")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](loaded, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("the rows did not load: %v", err)
		}
	}
	open(devices)
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](rowsShown)); n != 25 {
		t.Errorf("%d rows on the first page, want 25", n)
	}
	pager := `document.querySelector('[data-table="devices"] .pager span').textContent`
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](pager)); got != fmt.Sprintf("Rows 1–25 of %d", len(all)) {
		t.Errorf("pager says %q", got)
	}
	// Links in rows made by the script lead to pages of the site.
	for _, col := range []int{3, 4} {
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector("#table-devices tbody tr:last-child td:nth-child(%d) a").href`, col)))
		if err != nil || !strings.HasPrefix(href, "file://") {
			t.Fatalf("column %d: link %q (%v)", col, href, err)
		}
		if _, err := os.Stat(strings.TrimPrefix(href, "file://")); err != nil {
			t.Errorf("column %d links to %s, which does not exist", col, href)
		}
	}
	// The last device is found by its serial.
	first := `document.querySelector("#table-devices tbody tr td").textContent`
	chromedp.Do(ctx, chromedp.SendKeys(`input[aria-controls="table-devices"]`, last))
	if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](rowsShown)); n != 1 {
		t.Errorf("filtering on %s shows %d rows", last, n)
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](first)); got != last {
		t.Errorf("filtering on %s shows %s", last, got)
	}
	open(devices + "?q=" + last)
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](first)); got != last {
		t.Errorf("?q=%s shows %s", last, got)
	}
	// Sorting orders every row, not just the page: descending starts with
	// the most expensive device of all.
	open(devices)
	var most int64
	for _, r := range all {
		if c := cents(r[len(r)-1]); c > most {
			most = c
		}
	}
	order := `(() => { const v = Array.from(document.querySelectorAll("#table-devices tbody tr")).map(r => +r.lastElementChild.dataset.sort);
		return [document.querySelector("#table-devices th:last-child").getAttribute("aria-sort"),
			v.every((x, i) => i === 0 || v[i-1] <= x), v.every((x, i) => i === 0 || v[i-1] >= x), v[0]].join(",") })()`
	chromedp.Do(ctx, chromedp.Click(`#table-devices th:last-child button`))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](order)); !strings.HasPrefix(got, "ascending,true,") {
		t.Errorf("after one click: %s", got)
	}
	chromedp.Do(ctx, chromedp.Click(`#table-devices th:last-child button`))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](order)); !strings.HasPrefix(got, "descending,") || !strings.HasSuffix(got, fmt.Sprintf(",true,%d", most)) {
		t.Errorf("after two clicks: %s, want the first row to cost %d cents", got, most)
	}
	chromedp.Do(ctx, chromedp.Click(`[data-table="devices"] .pager button:last-child`))
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](pager)); got != fmt.Sprintf("Rows 26–50 of %d", len(all)) {
		t.Errorf("pager says %q", got)
	}
}

// cents reads "USD 1,234.56" as 123456.
func cents(s string) int64 {
	var v int64
	for _, r := range s {
		if r >= '0' && r <= '9' {
			v = v*10 + int64(r-'0')
		}
	}
	return v
}

// TestHTMLIsValid runs the Nu HTML checker over every page.
func TestHTMLIsValid(t *testing.T) {
	t.Parallel() // a browser or a build of its own; nothing shared
	java := browsertest.Need(t, "java", "apt-get install default-jre-headless")
	jar, _ := filepath.Abs("../node_modules/vnu-jar/build/dist/vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		t.Fatalf("the Nu HTML checker is missing: run npm ci (%v)", err)
	}
	out := sampleSite(t)
	single := buildSingle(t)
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--exit-zero-always", "--format", "json", "--skip-non-html", out, single)
	raw, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("vnu: %v\n%s", err, raw)
	}
	var res struct {
		Messages []struct {
			Type, URL, Message string
			LastLine           int
		}
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("vnu output: %v\n%s", err, raw)
	}
	for _, m := range res.Messages {
		if m.Type == "error" {
			t.Errorf("%s:%d: %s", strings.TrimPrefix(m.URL, "file:"+out), m.LastLine, m.Message)
		}
	}
}
