package ingest

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/contract"
	"github.com/renewals/renewals/generator/diag"
)

var mdy = Options{DateOrder: MDY, Currency: "USD"}

// report renders every diagnostic as the user sees it.
func report(l *diag.List) string {
	l.Sort()
	var b strings.Builder
	l.Write(&b)
	return b.String()
}

func date(s string) contract.Date {
	var d contract.Date
	if err := d.UnmarshalText([]byte(s)); err != nil {
		panic(err)
	}
	return d
}

func TestBadDateAfterMultiLineCell(t *testing.T) {
	t.Parallel()
	// Line 3 holds a description that runs onto line 4; the bad end date
	// sits on line 4, after the closing quote.
	in := "Serial Number,Product ID,Product Description,Contract Number,Covered Line Start Date,Covered Line End Date\n" +
		"FOC1,C9300-48P-A,Catalyst,93824710,2026-01-01,2026-12-31\n" +
		"FOC2,C9300-48P-A,\"Catalyst 9300\n48-port PoE+\",93824710,2026-01-01,31/31/2026\n"
	var l diag.List
	f := Coverage("cx.csv", []byte(in), mdy, &l)
	want := "cx.csv:4:35: Covered Line End Date: cannot read \"31/31/2026\" as a date (accepted: 2026-12-31, 12/31/2026, 31-DEC-2026, Excel serial; date_order = \"mdy\")\n" +
		" 4 | 48-port PoE+\",93824710,2026-01-01,31/31/2026\n" +
		"   | " + strings.Repeat(" ", 34) + "^\n"
	if got := report(&l); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if len(f.Lines) != 2 || f.Lines[1].Description != "Catalyst 9300\n48-port PoE+" {
		t.Errorf("lines = %+v", f.Lines)
	}
}

func TestDayMonthDateNamesTheSetting(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Product ID,Contract Number,Start Date,End Date\n" +
		"FOC1,C9300-48P-A,93824710,01/01/2026,31/12/2026\n"
	var l diag.List
	Coverage("scc.csv", []byte(in), mdy, &l)
	want := "scc.csv:2:38: End Date: cannot read \"31/12/2026\" as a date (accepted: 2026-12-31, 12/31/2026, 31-DEC-2026, Excel serial; date_order = \"mdy\")\n" +
		" 2 | FOC1,C9300-48P-A,93824710,01/01/2026,31/12/2026\n" +
		"   | " + strings.Repeat(" ", 37) + "^\n" +
		"\tnote: read as dmy it is 2026-12-31: if the file writes dates that way, set date_order = \"dmy\" in the config\n"
	if got := report(&l); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestMissingRequiredColumnIsNamed(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Product ID,Covered Line Start Date,Covered Line End Date\nFOC1,C9300-48P-A,2026-01-01,2026-12-31\n"
	var l diag.List
	Coverage("cx.csv", []byte(in), mdy, &l)
	want := "cx.csv:1:1: the header row of this coverage export lacks required columns: Contract Number (or CONTRACT NUMBER, service_contract_number, contractNumber)\n" +
		" 1 | Serial Number,Product ID,Covered Line Start Date,Covered Line End Date\n" +
		"   | ^\n"
	if got := report(&l); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestNoHeaderRow(t *testing.T) {
	t.Parallel()
	var l diag.List
	Quotes("q.csv", []byte("hello,world\n1,2\n"), Options{Partner: "A", Kind: "tpm"}, &l)
	want := "q.csv:1:1: cannot find the header row of a quote export in the first 50 lines: missing required columns: PAK/Serial Number (or Serial Number); Start Date; End Date; Extended Net Price\n"
	if got := report(&l); !strings.HasPrefix(got, want) {
		t.Errorf("got:\n%s\nwant prefix:\n%s", got, want)
	}
}

func TestSemicolonBOMPreambleCRLF(t *testing.T) {
	t.Parallel()
	in := "\xEF\xBB\xBFInstalled base report;;;;;\r\n" +
		"Customer: Example Health;;;;;\r\n" +
		"Generated: 2026-11-20 07:14;;;;;\r\n" +
		";;;;;\r\n" +
		"SERIAL NUMBER;PRODUCT NUMBER;CONTRACT NUMBER;BEGIN DATE;END DATE;Net Price\r\n" +
		"FOC1 ;C9300-48P-A;93824710.0;01-JAN-2026;31-Dec-26;\"1.512,00\"\r\n" +
		";;;;;\r\n" +
		"TOTAL;;;;;1.512,00\r\n" +
		"\r\n"
	var l diag.List
	f := Coverage("eu.csv", []byte(in), Options{DateOrder: DMY, DecimalComma: true}, &l)
	if l.Count(diag.Error) != 0 {
		t.Fatal(report(&l))
	}
	want := []contract.Line{{Serial: "FOC1", ProductID: "C9300-48P-A", Contract: "93824710",
		Start: date("2026-01-01"), End: date("2026-12-31"), ExtendedNet: 151200, Ref: contract.Ref{File: "eu.csv", Line: 6}}}
	if len(f.Lines) != 1 || f.Lines[0] != want[0] {
		t.Errorf("lines = %+v\nwant %+v", f.Lines, want)
	}
	if f.Stat.HeaderLine != 5 || f.Stat.Delimiter != ';' || f.Stat.Rows != 1 || f.Stat.Skipped != 2 {
		t.Errorf("stat = %+v", f.Stat)
	}
	wantDiag := "eu.csv:6:19: warning: 1 number written in spreadsheet form normalised (first: \"93824710.0\" → \"93824710\" in CONTRACT NUMBER)\n" +
		" 6 | FOC1 ;C9300-48P-A;93824710.0;01-JAN-2026;31-Dec-26;\"1.512,00\"\n" +
		"   |                   ^\n" +
		"eu.csv:8:1: warning: 1 totals row skipped (first: \"TOTAL\" on line 8)\n" +
		" 8 | TOTAL;;;;;1.512,00\n" +
		"   | ^\n"
	if got := report(&l); got != wantDiag {
		t.Errorf("got:\n%s\nwant:\n%s", got, wantDiag)
	}
}

// TestSnapshotReadsFilesIntoOneSlice: the lines of a snapshot's files come
// in file order, in one slice sized for all of them, with each file's own
// counts and positions.
func TestSnapshotReadsFilesIntoOneSlice(t *testing.T) {
	t.Parallel()
	head := "Serial Number,Product ID,Contract Number,Covered Line Start Date,Covered Line End Date\n"
	a := head + "FOC1,C9300-48P-A,1,2026-01-01,2026-12-31\nFOC2,C9300-48P-A,1,2026-01-01,2026-12-31\nTOTAL,,,,\n"
	b := "Report run 2026-11-20\n" + head + "FOC3,C9300-48P-A,2,2026-01-01,2026-12-31\n"
	var l diag.List
	lines, files := Snapshot([]File{{Name: "a.csv", Data: []byte(a)}, {Name: "b.csv", Data: []byte(b)}}, mdy, &l)
	var got []string
	for _, ln := range lines {
		got = append(got, ln.Serial+"@"+ln.Ref.File+":"+strconv.Itoa(ln.Ref.Line))
	}
	if want := "FOC1@a.csv:2 FOC2@a.csv:3 FOC3@b.csv:3"; strings.Join(got, " ") != want {
		t.Errorf("lines %s, want %s", strings.Join(got, " "), want)
	}
	if len(files) != 2 || files[0].Stat.Kept != 2 || files[1].Stat.Kept != 1 || files[0].Stat.Skipped != 1 {
		t.Errorf("files %+v", files)
	}
	for _, f := range files {
		if f.Lines != nil {
			t.Errorf("%s keeps its own lines", f.Stat.Path)
		}
	}
	// The slice was sized once, from both files' line counts.
	if c, want := cap(lines), estimateRows([]byte(a))+estimateRows([]byte(b)); c != want {
		t.Errorf("cap %d, want %d", c, want)
	}
}

// TestSnapshotPastKeepsWhatTheTrendReads: an earlier snapshot read as
// past lines holds exactly what its whole lines say, with the same
// counts, quirks and diagnostics, and each whole line is handed over.
func TestSnapshotPastKeepsWhatTheTrendReads(t *testing.T) {
	t.Parallel()
	head := "Serial Number,Instance Number,Product ID,Contract Number,Service Level,Covered Line Status,Covered Line Start Date,Covered Line End Date,Extended Net Price,Major/Minor,Site\n"
	a := head + "FOC1,11,C9300-48P-A,1,SNTP,ACTIVE,2026-01-01,2026-12-31,100.00,MAJOR,Main\n" +
		"FOC2,12,PWR-C1-715WAC,1,SNT,TERMINATED,2026-01-01,2026-12-31,20.00,MINOR,Annex\nTOTAL,,,,,,,,,,\n"
	b := head + "FOC3,,C9300-48P-A,2,SNT,CANCELED,2026-01-01,2026-02-30,5.00,,main\n"
	files := []File{{Name: "a.csv", Data: []byte(a)}, {Name: "b.csv", Data: []byte(b)}}
	var wl, pl diag.List
	whole, wstats := Snapshot(files, mdy, &wl)
	var sites []string
	past, pstats := SnapshotPast(files, mdy, &pl, func(l *contract.Line) { sites = append(sites, l.Site) })
	if len(past) != len(whole) {
		t.Fatalf("%d past lines, %d whole", len(past), len(whole))
	}
	for i := range whole {
		if want := contract.Past(&whole[i]); past[i] != want {
			t.Errorf("line %d: %+v, want %+v", i, past[i], want)
		}
	}
	if !past[1].Ended || !past[1].Minor || !past[2].Ended || past[0].Ended {
		t.Errorf("ended and minor: %+v", past)
	}
	if strings.Join(sites, "|") != "Main|Annex|main" {
		t.Errorf("sites handed over: %q", sites)
	}
	if !reflect.DeepEqual(wstats, pstats) {
		t.Errorf("stats %+v, want %+v", pstats, wstats)
	}
	if w, p := wl.All(), pl.All(); !reflect.DeepEqual(w, p) || len(w) == 0 {
		t.Errorf("diagnostics %v, want %v (and some: 2026-02-30 is no date)", p, w)
	}
}

// A row that cannot be read as CSV is reported where the problem is, and
// the rows before it are kept.
func TestMalformedCSVIsReportedWhereItIs(t *testing.T) {
	t.Parallel()
	in := "Serial Number,Product ID,Product Description,Contract Number,Covered Line Start Date,Covered Line End Date\n" +
		"FOC1,C9300-48P-A,Catalyst,93824710,2026-01-01,2026-12-31\n" +
		"FOC2,C9300-48P-A,Catalyst 9300 24\" rack,93824710,2026-01-01,2026-12-31\n" +
		"FOC3,C9300-48P-A,Catalyst,93824710,2026-01-01,2026-12-31\n"
	var l diag.List
	f := Coverage("cx.csv", []byte(in), mdy, &l)
	want := "cx.csv:3:34: bare \" in non-quoted-field; the rest of the file is not read\n" +
		" 3 | FOC2,C9300-48P-A,Catalyst 9300 24\" rack,93824710,2026-01-01,2026-12-31\n" +
		"   | " + strings.Repeat(" ", 33) + "^\n" +
		"\tnote: a cell with a quote in it must be quoted whole, its quotes doubled: \"24\"\" rack\"; check that the export was not edited by hand\n"
	if got := report(&l); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if len(f.Lines) != 1 || f.Lines[0].Serial != "FOC1" {
		t.Errorf("lines = %+v", f.Lines)
	}
}
