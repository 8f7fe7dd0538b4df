package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/diag"
)

// project writes files into a temporary folder and returns the config
// path. Paths in messages are relative to the test's working folder, so
// the test changes into it.
func project(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return "report.toml"
}

func messages(l *diag.List) string {
	l.Sort()
	var b strings.Builder
	for _, d := range l.All() {
		b.WriteString(d.String() + "\n")
		for _, n := range d.Notes {
			b.WriteString("\tnote: " + n + "\n")
		}
	}
	return b.String()
}

const good = `title = "Renewal advisory"
organization = "Example Health"
as_of = 2026-11-23
currency = "eur"
date_order = "dmy"
decimal = ","
lifecycle = "eox.csv"

[advice]
horizon_days = 120
tpm_discount = 0.55

[[snapshot]]
date = 2026-08-21
coverage = ["aug/*.csv"]

[[snapshot]]
date = "2026-11-20"
coverage = ["nov/a.csv", "nov/*.csv"]

[[quotes]]
files = ["quotes/*.csv"]
partner = "Northbridge"
kind = "Cisco Partner"
`

func TestLoad(t *testing.T) {
	path := project(t, map[string]string{
		"report.toml": good, "eox.csv": "", "aug/x.csv": "", "nov/a.csv": "", "nov/b.csv": "",
		"quotes/n.csv": "", "content/index.md": "",
	})
	var l diag.List
	c := Load(path, &l)
	if l.Len() != 0 {
		t.Fatal(messages(&l))
	}
	if c.AsOf.String() != "2026-11-23" || c.Currency != "EUR" || c.DateOrder != "dmy" || !c.DecimalComma ||
		c.Content != "content" || c.Output != "public" || c.Title != "Renewal advisory" {
		t.Errorf("config = %+v", c)
	}
	if c.Advice.HorizonDays != 120 || c.Advice.TPMDiscount != 0.55 || c.Advice.ReinstatementFeeRate != 0.2 || c.Advice.DecisionLeadDays != 45 {
		t.Errorf("advice = %+v", c.Advice)
	}
	if len(c.Snapshots) != 2 || c.Snapshots[0].Date.String() != "2026-11-20" ||
		strings.Join(c.Snapshots[0].Coverage, " ") != "nov/a.csv nov/b.csv" || strings.Join(c.Lifecycle, " ") != "eox.csv" {
		t.Errorf("snapshots = %+v, lifecycle = %v", c.Snapshots, c.Lifecycle)
	}
	if len(c.Quotes) != 1 || c.Quotes[0].Kind != "vendor-partner" || c.Quotes[0].Partner != "Northbridge" {
		t.Errorf("quotes = %+v", c.Quotes)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, toml, want string
	}{{
		name: "unknown key suggests the close one",
		toml: "as_of = 2026-11-23\n[advice]\nhorizon_dayz = 90\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\ncoverge = 1\n",
		want: "report.toml:3:1: unknown key \"horizon_dayz\" in [advice] (did you mean \"horizon_days\"?)\n" +
			"report.toml:7:1: unknown key \"coverge\" in [[snapshot]] (did you mean \"coverage\"?)\n",
	}, {
		name: "unknown key far from any lists the known ones",
		toml: "as_of = 2026-11-23\nflavour = \"x\"\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n",
		want: "report.toml:2:1: unknown key \"flavour\" at the top level\n" +
			"\tnote: known keys: title, organization, as_of, currency, date_order, decimal, content, output, archive, unsafe_html, echarts, lifecycle, advice, snapshot, quotes, criticality, contracts, service_targets, inventory, alerts, replacement, fiscal_year_start\n",
	}, {
		name: "missing as_of",
		toml: "[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n",
		want: "report.toml: as_of is required: the date the report speaks of, such as as_of = 2026-11-23\n",
	}, {
		name: "glob that matches nothing",
		toml: "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\",\n  \"nov/*.csv\"]\n",
		want: "report.toml:5:3: coverage: \"nov/*.csv\" matches no file (paths are relative to report.toml)\n",
	}, {
		name: "two snapshots with one date",
		toml: "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"a.csv\"\n",
		want: "report.toml:6:1: two snapshots have the date 2026-11-20 (the other is on line 3); each quarterly export set needs its own date\n",
	}, {
		name: "bad settings say what is accepted",
		toml: "as_of = 2026-11-23\ndate_order = \"ymd\"\ndecimal = \";\"\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n[[quotes]]\nfiles = \"a.csv\"\nkind = \"broker\"\n[advice]\ntpm_discount = 60\n",
		want: "report.toml:2:1: date_order: \"ymd\" is not accepted (accepted: \"mdy\" for 12/31/2026, \"dmy\" for 31/12/2026)\n" +
			"report.toml:3:1: decimal: \";\" is not accepted (accepted: \".\" for 1,234.56, \",\" for 1.234,56)\n" +
			"report.toml:9:1: kind: \"broker\" is not accepted (accepted: \"vendor-partner\", \"tpm\")\n" +
			"report.toml:11:1: tpm_discount: 60 is out of range (accepted: a fraction from 0 to below 1, such as 0.6 for 60 %)\n",
	}, {
		name: "a criticality entry that names nothing, or a broken glob",
		toml: "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n[[criticality]]\nsites = []\n[[criticality]]\nproduct_ids = [\"C9500-[\"]\n",
		want: "report.toml:5:1: a [[criticality]] entry names nothing: give sites, families or product_ids, as lists of names or globs in quotes\n" +
			"report.toml:7:1: criticality: \"C9500-[\" is not a name or a glob pattern\n",
	}, {
		name: "service targets: an unknown class, a level not in the table",
		toml: "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n[service_targets]\ncritcal = \"SNTP\"\nstandard = \"gold\"\n",
		want: "report.toml:6:1: service_targets: \"critcal\" is not a class of device (did you mean \"critical\"? known: critical, standard)\n" +
			"report.toml:7:1: service_targets: \"gold\" is not a service level code (accepted: SW, SNT, CS, SNTE, C4S, SNTP, C4P, S2P, C2P)\n",
	}, {
		name: "the estate's inputs: a month that is none, a price that is none, an entry with no files",
		toml: "as_of = 2026-11-23\nfiscal_year_start = 13\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"a.csv\"]\n[replacement]\n\"C9300-48P-A\" = \"cheap\"\n\"C9200-24P-E\" = {product = \"X\", cost = 1}\n[[inventory]]\ndecommissioned = [\"offline\"]\n",
		want: "report.toml:2:1: fiscal_year_start: 13 is not a month (accepted: 1 to 12, or a month's name such as \"August\")\n" +
			"report.toml:7:1: replacement: C9300-48P-A: want a price such as 9800.00, or {product = \"C9300-48P-A\", price = 9800.00}, not cheap\n" +
			"report.toml:8:1: replacement: C9200-24P-E: unknown key \"cost\" (known: product, price)\n" +
			"report.toml:9:1: [[inventory]] lists no files: add files = [\"inventory/netbox-devices.csv\"]\n",
	}, {
		name: "syntax error",
		toml: "as_of = 2026-11-23\ntitle = \"unclosed\n",
		want: "report.toml:2:18: title: strings cannot contain newlines\n",
	}, {
		name: "wrong type",
		toml: "as_of = \"last week\"\n",
		want: "report.toml:1:10: as_of: want a date such as 2026-11-23, not last week\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := project(t, map[string]string{"report.toml": tt.toml, "a.csv": ""})
			var l diag.List
			Load(path, &l)
			if got := messages(&l); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	known := tagNames(file{})
	for in, want := range map[string]string{"titel": "title", "asof": "as_of", "curency": "currency", "snapshots": "snapshot", "zzz": "", "quote": "quotes"} {
		if got := diag.Suggest(in, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWindowsSeparators: a config written on Windows, with backslashes in
// its paths, names the same files everywhere.
func TestWindowsSeparators(t *testing.T) {
	path := project(t, map[string]string{
		"report.toml": "as_of = 2026-11-23\nlifecycle = 'exports\\eox\\eox.csv'\necharts = 'tools\\echarts.common.min.js'\n" +
			"[[snapshot]]\ndate = 2026-11-20\ncoverage = ['exports\\2026-11-20\\*.csv', \"exports/2026-11-20/b.csv\"]\n",
		"exports/eox/eox.csv":         "x",
		"exports/2026-11-20/a.csv":    "x",
		"exports/2026-11-20/b.csv":    "x",
		"tools/echarts.common.min.js": "x",
	})
	var l diag.List
	c := Load(path, &l)
	if msgs := messages(&l); msgs != "" {
		t.Fatal(msgs)
	}
	want := []string{filepath.Join("exports", "2026-11-20", "a.csv"), filepath.Join("exports", "2026-11-20", "b.csv")}
	if got := c.Snapshots[0].Coverage; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("coverage = %q, want %q", got, want)
	}
	if got := c.Lifecycle; len(got) != 1 || got[0] != filepath.Join("exports", "eox", "eox.csv") {
		t.Errorf("lifecycle = %q", got)
	}
	if c.ECharts != filepath.Join("tools", "echarts.common.min.js") {
		t.Errorf("echarts = %q", c.ECharts)
	}
}

// TestEveryMatchIsReadOrAnError: a pattern that matches a folder, a
// broken link, a link loop or a FIFO says so, instead of reading fewer
// files than it names.
func TestEveryMatchIsReadOrAnError(t *testing.T) {
	path := project(t, map[string]string{
		"report.toml":           "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"exports/*\"]\n",
		"exports/a.csv":         "x",
		"exports/old.csv/x.csv": "x",
		"elsewhere/keep.txt":    "x",
	})
	os.Symlink("missing.csv", "exports/broken.csv")
	os.Symlink("loop2.csv", "exports/loop1.csv")
	os.Symlink("loop1.csv", "exports/loop2.csv")
	if err := mkfifo("exports/pipe.csv"); err != nil {
		t.Log("no FIFO here:", err)
	}
	var l diag.List
	c := Load(path, &l)
	got := messages(&l)
	for _, want := range []string{
		`report.toml:4:13: coverage: "exports/*" matches exports/broken.csv, which is a link to nothing that can be read (broken, or a loop)`,
		`report.toml:4:13: coverage: "exports/*" matches exports/loop1.csv, which is a link to nothing that can be read (broken, or a loop)`,
		`report.toml:4:13: coverage: "exports/*" matches the folder exports/old.csv: name the files in it, such as "exports/*/*.csv"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	if _, err := os.Stat("exports/pipe.csv"); err == nil && !strings.Contains(got, `matches exports/pipe.csv, which is not a regular file`) {
		t.Errorf("the FIFO is not named:\n%s", got)
	}
	if len(c.Snapshots[0].Coverage) != 1 {
		t.Errorf("coverage = %q", c.Snapshots[0].Coverage)
	}
}

// TestCriticality reads the [[criticality]] entries as given.
func TestCriticality(t *testing.T) {
	path := project(t, map[string]string{"a.csv": "", "report.toml": "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"a.csv\"\n" +
		"[[criticality]]\nsites = [\"Central Hospital\", \"DC-*\"]\n[[criticality]]\nfamilies = [\"C9500\"]\nproduct_ids = [\"N9K-*\"]\n"})
	var l diag.List
	c := Load(path, &l)
	if l.Len() > 0 || c == nil {
		t.Fatal(messages(&l))
	}
	if c.ContractLabels != nil {
		t.Errorf("labels without [contracts]: %v", c.ContractLabels)
	}
	want := []Critical{{Sites: []string{"Central Hospital", "DC-*"}}, {Families: []string{"C9500"}, ProductIDs: []string{"N9K-*"}}}
	if !reflect.DeepEqual(c.Critical, want) {
		t.Errorf("Critical = %+v", c.Critical)
	}
}

// TestContractLabels reads [contracts]: number = name.
func TestContractLabels(t *testing.T) {
	path := project(t, map[string]string{"a.csv": "", "report.toml": "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"a.csv\"\n" +
		"[contracts]\n\"93824710\" = \"Data centre core\"\n93825102 = \" Clinics \"\n\"1\" = \"\"\n"})
	var l diag.List
	c := Load(path, &l)
	if got := messages(&l); got != "report.toml:8:1: contracts: the name of contract 1 is empty; give it a name, or leave it out\n" {
		t.Errorf("diagnostics:\n%s", got)
	}
	if want := map[string]string{"93824710": "Data centre core", "93825102": "Clinics"}; !reflect.DeepEqual(c.ContractLabels, want) {
		t.Errorf("labels = %v", c.ContractLabels)
	}
}
