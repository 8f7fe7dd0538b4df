package generator

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// twinRows are the rows of a coverage export, as text.
var twinRows = [][]string{
	{"Serial Number", "Product ID", "Install Site Name", "Contract Number", "Service Level", "Covered Line Start Date", "Covered Line End Date", "Extended Net Price", "Last Date of Support"},
	{"FOC2248X0AB", "C9300-48P-A", "CENTRAL HOSPITAL", "93824710", "SNTP", "2026-01-01", "2026-12-31", "1234.56", ""},
	{"FOC2248X0AC", "C9300-48P-A", "CENTRAL HOSPITAL", "93824710", "SNTP", "2026-02-01", "2027-01-31", "1512.10", ""},
	{"FOC1932X1YZ", "WS-C3850-48P-S", "NORTH CLINIC", "93825519", "SNT", "2025-11-01", "2026-10-31", "0.1", "2025-10-31"},
	{"JAD21350ABC", "ASA5516-FPWR-K9", "NORTH CLINIC", "93825519", "SNT", "2026-03-01", "2027-02-28", "999.995", "2025-08-31"},
}

// writeTwinWorkbook writes twinRows as Excel does: a summary sheet first,
// title rows above the header, real date cells, numeric money with a
// currency format and contract numbers stored as numbers.
func writeTwinWorkbook(t *testing.T, path string, date1904 bool) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Summary")
	f.SetCellValue("Summary", "A1", "Installed base summary")
	f.SetCellValue("Summary", "A2", "Devices")
	f.SetCellValue("Summary", "B2", len(twinRows)-1)
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	f.NewSheet("Installed Base")
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	money := `"$"#,##0.00`
	moneyStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &money})
	f.SetCellValue("Installed Base", "A1", "Cisco Ready install base report")
	f.SetCellValue("Installed Base", "A2", "Generated: 2026-11-20")
	for i, row := range twinRows {
		r := i + 4 // row 3 is blank
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			switch {
			case i == 0 || v == "":
				if v != "" {
					f.SetCellValue("Installed Base", cell, v)
				}
			case j == 3:
				n, _ := strconv.Atoi(v)
				f.SetCellValue("Installed Base", cell, n)
			case j >= 5 && j <= 6 || j == 8:
				d, _ := time.Parse(time.DateOnly, v)
				f.SetCellValue("Installed Base", cell, d)
				f.SetCellStyle("Installed Base", cell, cell, dateStyle)
			case j == 7:
				x, _ := strconv.ParseFloat(v, 64)
				f.SetCellValue("Installed Base", cell, x)
				f.SetCellStyle("Installed Base", cell, cell, moneyStyle)
			default:
				f.SetCellValue("Installed Base", cell, v)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestWorkbookAndCSVTwin: the same estate as CSV and as an Excel workbook
// gives the same figures.
func TestWorkbookAndCSVTwin(t *testing.T) {
	figures := map[string]string{}
	for _, name := range []string{"cov.csv", "cov.xlsx", "cov1904.xlsx"} {
		dir := t.TempDir()
		t.Chdir(dir)
		os.WriteFile("report.toml", []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \""+name+"\"\n"), 0o644)
		switch name {
		case "cov.csv":
			var b strings.Builder
			w := csv.NewWriter(&b)
			w.WriteAll(twinRows)
			os.WriteFile(name, []byte(b.String()), 0o644)
		default:
			writeTwinWorkbook(t, name, name == "cov1904.xlsx")
		}
		p := Load(Options{Config: "report.toml"})
		if got := errorsOf(p); got != "" {
			t.Fatalf("%s: %s", name, got)
		}
		data, err := p.Report.MarshalFigures()
		if err != nil {
			t.Fatal(err)
		}
		figures[name] = strings.ReplaceAll(strings.ReplaceAll(string(data), name, "cov.csv"), "\"Installed Base\"", "")
	}
	for _, name := range []string{"cov.xlsx", "cov1904.xlsx"} {
		if figures[name] != figures["cov.csv"] {
			t.Errorf("%s gives other figures than its CSV twin:\n%s\n---\n%s", name, figures[name], figures["cov.csv"])
		}
	}
	if !strings.Contains(figures["cov.csv"], `"annual_spend": `) {
		t.Error("no annual spend")
	}
}

func TestWorkbookErrorsNameTheCell(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeTwinWorkbook(t, "cov.xlsx", false)
	f, err := excelize.OpenFile("cov.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("Installed Base", "G6", "31/31/2026")
	f.SetCellValue("Installed Base", "H7", "12/31/2025")
	// A serial past any real day, shown as Excel formats it.
	f.SetCellValue("Installed Base", "G8", 9999999)
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStyle("Installed Base", "G8", "G8", dateStyle)
	f.SaveAs("cov.xlsx")
	f.Close()
	os.WriteFile("report.toml", []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.xlsx\"\n"), 0o644)
	os.WriteFile("old.xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644)
	got := errorsOf(Load(Options{Config: "report.toml"}))
	if !strings.HasPrefix(got, `cov.xlsx:Installed Base!G6: Covered Line End Date: cannot read "31/31/2026" as a date`) ||
		!strings.Contains(got, `cov.xlsx:Installed Base!H7: Extended Net Price: cannot read "12/31/2025" as an amount`) {
		t.Errorf("got %s", got)
	}
	p := Load(Options{Config: "report.toml"})
	shown := 0
	for _, d := range p.Diags.All() {
		switch d.Pos.String() {
		case "cov.xlsx:Installed Base!G6":
			if len(d.Notes) > 0 && strings.HasPrefix(d.Notes[0], "the cell shows") {
				t.Errorf("a note repeats the value: %q", d.Notes)
			}
		case "cov.xlsx:Installed Base!G8":
			if len(d.Notes) > 0 && strings.HasPrefix(d.Notes[0], "the cell shows ") {
				shown++
			}
		}
	}
	if shown != 1 {
		t.Errorf("the formatted date cell's error does not say what the cell shows")
	}
	os.WriteFile("report.toml", []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"old.xls\"\n"), 0o644)
	if got := errorsOf(Load(Options{Config: "report.toml"})); !strings.Contains(got, "old.xls: this is an Excel 97-2003 workbook (.xls), which renewals does not read") {
		t.Errorf("an .xls: %s", got)
	}
	os.WriteFile("report.toml", []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [{files = \"cov.xlsx\", sheet = \"Summary\"}]\n"), 0o644)
	if got := errorsOf(Load(Options{Config: "report.toml"})); !strings.Contains(got, "cov.xlsx: no sheet of this workbook") {
		t.Errorf("the sheet named: %s", got)
	}
}

// BenchmarkImportCoverageWorkbook100k reads the export that
// BenchmarkImportCoverage100k reads as CSV, saved as a workbook (amounts
// and IDs as numbers), to compare the two.
func BenchmarkImportCoverageWorkbook100k(b *testing.B) {
	src, err := os.ReadFile(bigEstate(b) + "/sample-data/2026-11-20/cx-cloud-assets.csv")
	if err != nil {
		b.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(string(src)))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		b.Fatal(err)
	}
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	for i, rec := range recs {
		row := make([]any, len(rec))
		for j, v := range rec {
			row[j] = v
			if n, err := strconv.ParseFloat(v, 64); err == nil && i > 0 {
				row[j] = n
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	sw.Flush()
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	if p := os.Getenv("RENEWALS_SAVE_WORKBOOK"); p != "" {
		os.WriteFile(p, buf.Bytes(), 0o644)
	}
	benchImport(b, "cx.xlsx", buf.Bytes(), len(src))
}
