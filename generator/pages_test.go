// What the pages of the sample say: the renewals, warnings, advice,
// filter and expiring wording.

package generator

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/analyze"
	"github.com/xuri/excelize/v2"
)

// TestIndexWeight keeps the executive summary and everything it loads
// within 1.5 MB.
func TestIndexWeight(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, sampleSite(t))
	index := string(files["index.html"])
	total := len(index)
	for _, m := range attrURL.FindAllStringSubmatch(index, -1) {
		if strings.HasPrefix(m[0], " src=") || strings.HasSuffix(m[1], ".css") {
			total += len(files[m[1]])
		}
	}
	t.Logf("index.html and what it loads: %d bytes", total)
	if total > 1_500_000 {
		t.Errorf("index.html loads %d bytes, over the 1.5 MB budget", total)
	}
}

func TestRenewalsPageLinksTheCalendar(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, sampleSite(t))
	if !strings.Contains(string(files["renewals/index.html"]), `href="../renewals.ics"`) {
		t.Error("the renewals page does not link the calendar feed")
	}
}

func TestCommentaryIsPlaced(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, sampleSite(t))
	index, quotes := string(files["index.html"]), string(files["quotes/index.html"])
	if !strings.Contains(index, `<span class="figure" data-figure="annual_spend">USD `) || !strings.Contains(index, `id="renewals_by_month_1"`) {
		t.Error("the index commentary lacks its figure or chart")
	}
	if !strings.Contains(quotes, "A note on the partner quotes") || !strings.Contains(quotes, "<strong>annualized</strong>") {
		t.Error("the quotes commentary is not on the quotes page")
	}
}

// TestContractsByNextEnd: the renewals page lists its contracts by next
// end date, as its caption says, those with none last.
func TestContractsByNextEnd(t *testing.T) {
	t.Parallel()
	page := string(siteFiles(t, sampleSite(t))["renewals/index.html"])
	start := strings.Index(page, `id="table-contracts-renewals"`)
	if start < 0 {
		t.Fatal("no contracts table")
	}
	body := page[start:]
	body = body[:strings.Index(body, "</tbody>")]
	cell := regexp.MustCompile(`<td[^>]*>(.*?)</td>`)
	var ends []string
	for _, row := range strings.Split(body, "<tr")[2:] { // after the header row
		cells := cell.FindAllStringSubmatch(row, -1)
		if len(cells) < 5 {
			t.Fatalf("row %q", row)
		}
		ends = append(ends, cells[4][1])
	}
	if len(ends) < 3 {
		t.Fatalf("%d rows", len(ends))
	}
	for i := 1; i < len(ends); i++ {
		if a, b := ends[i-1], ends[i]; a == "" && b != "" || a != "" && b != "" && a > b {
			t.Errorf("row %d ends %s after %s", i+1, b, a)
		}
	}
}

// TestEveryWarningKindHasItsRow: the quality page's warnings table has a
// row for every kind its cards count.
func TestEveryWarningKindHasItsRow(t *testing.T) {
	t.Parallel()
	page := string(siteFiles(t, sampleSite(t))["quality/index.html"])
	cards := regexp.MustCompile(`<div class="tile"><dt>([a-z-]+)</dt>`).FindAllStringSubmatch(page, -1)
	table := page[strings.Index(page, `id="table-warnings"`):]
	table = table[:strings.Index(table, "</table>")]
	if len(cards) < 3 {
		t.Fatalf("%d cards", len(cards))
	}
	for _, c := range cards {
		if !strings.Contains(table, "<td>"+c[1]+"</td>") {
			t.Errorf("the card %s has no row in the table", c[1])
		}
	}
}

// TestAdvicePagesSayWhatTheyAreAbout: a recommendation's device page is
// titled by what to do, not by its internal id.
func TestAdvicePagesSayWhatTheyAreAbout(t *testing.T) {
	t.Parallel()
	page := string(siteFiles(t, sampleSite(t))["advice/renew-93824710/index.html"])
	if !strings.Contains(page, "<h1>Devices: Renew contract 93824710") || strings.Contains(page, "<h1>Devices affected: renew-") {
		t.Errorf("title: %.200s", page[strings.Index(page, "<h1>"):])
	}
}

// TestFilterPromptCountsInWords: a table of one row asks to filter "1
// row", not "1 rows".
func TestFilterPromptCountsInWords(t *testing.T) {
	t.Parallel()
	ones := 0
	for name, data := range siteFiles(t, sampleSite(t)) {
		if strings.Contains(string(data), "Type to filter 1 rows") {
			t.Errorf("%s: Type to filter 1 rows", name)
		}
		ones += strings.Count(string(data), `placeholder="Type to filter 1 row"`)
	}
	if ones == 0 {
		t.Error("no table of one row in the sample to check")
	}
}

// TestExpiringCountsExplained: where the devices of the renewals per
// contract differ from the expiring devices (a device on two contracts),
// the renewals page says why.
func TestExpiringCountsExplained(t *testing.T) {
	t.Parallel()
	p := loadSample(t)
	per := 0
	for _, ec := range p.Report.Expiring.ByContract {
		per += len(ec.Serials)
	}
	page := string(siteFiles(t, sampleSite(t))["renewals/index.html"])
	says := strings.Contains(page, "a device with lines on two contracts counts in each")
	if (per != p.Report.Expiring.Devices) != says {
		t.Errorf("%d devices per contract, %d expiring; the page explains: %v", per, p.Report.Expiring.Devices, says)
	}
	if per == p.Report.Expiring.Devices {
		t.Log("the sample has no device on two expiring contracts")
	}
}

// TestGlossary: glossary/ explains every term of the theme's glossary,
// each at its anchor; a page links the first use of a term to it, once,
// and every page links the glossary from its footer.
func TestGlossary(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, sampleSite(t))
	g := string(files["glossary/index.html"])
	for _, id := range []string{"service-level", "ldos", "tpm", "co-term", "run-rate", "term-value", "common-scope", "decide-by", "money-at-stake", "critical"} {
		if !strings.Contains(g, `<dt id="`+id+`">`) {
			t.Errorf("the glossary has no entry %s", id)
		}
	}
	risk := string(files["risk/index.html"])
	if n := strings.Count(risk, `<a class="term" href="../glossary/index.html#lapsed">`); n != 1 {
		t.Errorf("the risk page links lapsed %d times, want once", n)
	}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "archive/") && !strings.Contains(string(data), `glossary/index.html">Glossary</a>`) {
			t.Errorf("%s does not link the glossary", name)
		}
	}
}

// TestReportWorkbook: data/report.xlsx holds every device once and every
// other table as a sheet, amounts as numbers in a money format, dates as
// dates, IDs as text, the header frozen and filtered.
func TestReportWorkbook(t *testing.T) {
	t.Parallel()
	out := sampleSite(t)
	f, err := excelize.OpenFile(filepath.Join(out, "data", "report.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) < 10 || sheets[0] != "Devices" || !slices.Contains(sheets, "Contracts by next end date") {
		t.Fatalf("sheets: %q", sheets)
	}
	rows, err := f.GetRows("Devices")
	if err != nil || len(rows) != 491 || rows[0][9] != "Annual cost (USD)" {
		t.Fatalf("the devices sheet: %d rows, head %q (%v)", len(rows), rows[0], err)
	}
	money, _ := f.GetCellValue("Devices", "J2", excelize.Options{RawCellValue: true})
	if _, err := strconv.ParseFloat(money, 64); err != nil {
		t.Errorf("an amount is not a number: %q", money)
	}
	if style, _ := f.GetCellStyle("Devices", "J2"); style != 1 {
		t.Errorf("an amount has style %d, want the money format", style)
	}
	date, _ := f.GetCellValue("Devices", "H2", excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue("Devices", "H2")
	if _, err := strconv.Atoi(date); err != nil || !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(shown) {
		t.Errorf("a date is %q, shown %q: want a date serial shown as a date", date, shown)
	}
	if typ, _ := f.GetCellType("Contracts by next end date", "A2"); typ != excelize.CellTypeInlineString {
		t.Errorf("a contract number is stored as %v, want text", typ)
	}
	panes, err := f.GetPanes("Devices")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("the header row is not frozen: %+v %v", panes, err)
	}
	if raw := readZipPart(t, filepath.Join(out, "data", "report.xlsx"), "xl/worksheets/sheet1.xml"); !strings.Contains(raw, `<autoFilter ref="A1:J491"/>`) {
		t.Error("the devices sheet has no filter on its header")
	}
}

// readZipPart reads one part of a zip archive.
func readZipPart(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, _ := f.Open()
			defer r.Close()
			b, _ := io.ReadAll(r)
			return string(b)
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// TestQuotesPageAudits: the quotes page has a section per partner that
// leads with its uplift over today, says what it leaves out, and lists
// each line against today.
func TestQuotesPageAudits(t *testing.T) {
	t.Parallel()
	page := string(siteFiles(t, sampleSite(t))["quotes/index.html"])
	text := regexp.MustCompile(`<a [^>]*>|</a>`).ReplaceAllString(page, "") // the glossary links its terms
	for _, want := range []string{`<section id="audit-atlas-it-solutions"`, "An uplift of 6.7% over today on the 81 lines it renews",
		"It leaves out 2 expiring devices", `id="table-audit-lines-ridgeline-maintenance"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the quotes page lacks %s", want)
		}
	}
}

// TestRFQScopeRoundTrip: the scope pack, filled in by a partner and listed
// with the quotes unchanged, reads back; every line renews a current line,
// and the quote leaves out only the devices the pack left out.
func TestRFQScopeRoundTrip(t *testing.T) {
	t.Parallel()
	dir := project(t)
	config := filepath.Join(dir, "report.toml")
	out := filepath.Join(dir, "public")
	build(t, config, out)
	data, err := os.ReadFile(filepath.Join(out, "data", "rfq-scope.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(recs) < 10 {
		t.Fatalf("the scope: %d rows, %v", len(recs), err)
	}
	head := recs[0]
	col := func(name string) int { return slices.Index(head, name) }
	for _, r := range recs[1:] {
		r[col("Unit List Price")], r[col("Discount %")], r[col("Extended Net Price")] = "120.00", "16.67", "100.00"
		r[col("Partner")], r[col("Partner Type")] = "Scope Partner", "Vendor partner"
		if r[col("End Date")] == "" || r[col("Start Date")] >= r[col("End Date")] {
			t.Errorf("%s: a term from %s to %s", r[col("Serial Number")], r[col("Start Date")], r[col("End Date")])
		}
	}
	var filled bytes.Buffer
	csv.NewWriter(&filled).WriteAll(recs)
	os.WriteFile(filepath.Join(dir, "sample-data", "quotes", "scope-filled.csv"), filled.Bytes(), 0o644)
	cfg, _ := os.ReadFile(config)
	os.WriteFile(config, append(cfg, "\n[[quotes]]\nfiles = \"sample-data/quotes/scope-filled.csv\"\n"...), 0o644)

	p := Load(Options{Config: config})
	if p.Report == nil {
		var b bytes.Buffer
		p.Diags.Write(&b)
		t.Fatalf("the filled scope does not read back:\n%s", b.String())
	}
	var audit *analyze.PartnerAudit
	for i := range p.Report.Audit.Partners {
		if p.Report.Audit.Partners[i].Name == "Scope Partner" {
			audit = &p.Report.Audit.Partners[i]
		}
	}
	if audit == nil {
		t.Fatal("no audit of the filled scope")
	}
	if audit.Matched != len(recs)-1 || len(audit.Lines) != len(recs)-1 {
		t.Errorf("%d of %d lines renew a current line", audit.Matched, len(audit.Lines))
	}
	f, err := excelize.OpenFile(filepath.Join(out, "data", "rfq-scope.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	left, _ := f.GetRows("Left out")
	var leftOut []string
	for _, r := range left[1:] {
		leftOut = append(leftOut, r[0])
	}
	slices.Sort(leftOut)
	if strings.Join(audit.LeftOut, " ") != strings.Join(leftOut, " ") {
		t.Errorf("the quote leaves out %q; the pack left out %q", audit.LeftOut, leftOut)
	}
}

// TestDecisionRegister: decisions.toml records what was decided. An entry
// that names no decision, or no option of it, or a status not accepted, is
// an error with the closest name; a decided item leaves "what to decide"
// for "decided", with its owner, and figures.json carries the record.
func TestDecisionRegister(t *testing.T) {
	t.Parallel()
	dir := project(t)
	config := filepath.Join(dir, "report.toml")
	register := filepath.Join(dir, "decisions.toml")
	os.WriteFile(register, []byte("[[decision]]\nid = \"renewal-quotd\"\noption = \"tpm\"\nstatus = \"accepted\"\n\n"+
		"[[decision]]\nid = \"past-ldos\"\noption = \"tmp\"\nstatus = \"accepted\"\n\n"+
		"[[decision]]\nid = \"co-term\"\nstatus = \"maybe\"\n\n"+
		"[[decision]]\nid = \"co-term\"\nstatus = \"deferred\"\nquarter = \"Q3 2026\"\n"), 0o644)
	p := Load(Options{Config: config})
	var b bytes.Buffer
	p.Diags.Write(&b)
	for _, want := range []string{
		register + `:2:1: no decision of this report or of an archived quarter's has the id "renewal-quotd" (did you mean "renewal-quoted"?)`,
		register + `:8:1: decision past-ldos has no option "tmp" (did you mean "tpm"?)`,
		register + `:13:1: status: "maybe" is not accepted (accepted: accepted, rejected, deferred)`,
		register + `:18:1: quarter: "Q3 2026" is not a quarter (accepted: the report's quarter as the archive names it, such as "2026-Q3")`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("check does not say %s:\n%s", want, b.String())
		}
	}

	os.WriteFile(register, []byte("[[decision]]\nid = \"renewal-quoted\"\noption = \"renew-with-partner\"\nstatus = \"accepted\"\nowner = \"J. Smith\"\ndate = 2026-11-30\nnote = \"Atlas, three years\"\n"), 0o644)
	out := filepath.Join(dir, "public")
	build(t, config, out)
	files := siteFiles(t, out)
	index := string(files["index.html"])
	decide := index[strings.Index(index, `id="decide"`):strings.Index(index, `id="decided"`)]
	if strings.Contains(decide, "How to renew the 74 devices every partner quoted") {
		t.Error("a decided item is still under what to decide")
	}
	if !strings.Contains(index[strings.Index(index, `id="decided"`):], "accepted by J. Smith on 30 Nov 2026: Choose Atlas IT Solutions") {
		t.Error("the summary does not show the decision with its owner")
	}
	var figs struct {
		Decisions []struct {
			ID     string  `json:"id"`
			Status *string `json:"status"`
			Owner  *string `json:"owner"`
			Chosen *string `json:"chosen_option"`
		} `json:"decisions"`
	}
	json.Unmarshal(files["data/figures.json"], &figs)
	at := slices.IndexFunc(figs.Decisions, func(d struct {
		ID     string  `json:"id"`
		Status *string `json:"status"`
		Owner  *string `json:"owner"`
		Chosen *string `json:"chosen_option"`
	}) bool {
		return d.ID == "renewal-quoted"
	})
	if at < 0 {
		t.Fatal("no decision renewal-quoted")
	}
	if d := figs.Decisions[at]; d.ID != "renewal-quoted" || d.Status == nil || *d.Status != "accepted" || *d.Owner != "J. Smith" || *d.Chosen != "renew-with-partner" {
		t.Errorf("figures.json: %+v", d)
	}
}
