package generator

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"testing"

	"github.com/renewals/renewals/generator/diag"
	"github.com/renewals/renewals/generator/internal/ingest"
	"github.com/renewals/renewals/generator/sample"
)

var (
	bigOnce sync.Once
	bigDir  string
)

// bigEstate writes a 100,000-device sample once per test binary.
func bigEstate(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "renewals-bench-")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := sample.Write(dir, sample.Options{Devices: 100_000, Seed: sample.DefaultSeed}); err != nil {
			b.Fatal(err)
		}
		bigDir = dir
	})
	return bigDir
}

// BenchmarkImportCoverage100k reads the current snapshot's CX Cloud export
// of a 100,000-device estate (about 130,000 lines).
func BenchmarkImportCoverage100k(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(bigEstate(b), "sample-data/2026-11-20/cx-cloud-assets.csv"))
	if err != nil {
		b.Fatal(err)
	}
	benchImport(b, "cx.csv", data, len(data))
}

// benchImport reads data as a coverage export named name; size is the
// export's size as CSV, so that MB/s compare across forms.
func benchImport(b *testing.B, name string, data []byte, size int) {
	b.SetBytes(int64(size))
	var lines int
	for b.Loop() {
		var l diag.List
		f := ingest.Coverage(name, data, ingest.Options{DateOrder: ingest.MDY, Currency: "USD"}, &l)
		lines = len(f.Lines)
	}
	b.ReportMetric(float64(lines), "lines/op")
}

// BenchmarkLoad100k loads a whole 100,000-device project: three snapshots,
// lifecycle and quotes.
func BenchmarkLoad100k(b *testing.B) {
	cfg := filepath.Join(bigEstate(b), "report.toml")
	for b.Loop() {
		p := Load(Options{Config: cfg})
		if p.Diags.Count(diag.Error) > 0 {
			b.Fatal(p.Diags.All()[0])
		}
	}
}

// gcPercent reads the collector's target without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// memoryLimit reads the memory limit without changing it.
func memoryLimit() int64 { return debug.SetMemoryLimit(-1) }

func TestDropHistory(t *testing.T) {
	p := Load(Options{Config: "../report.toml", DropHistory: true})
	if p.Report == nil {
		t.Fatal("the sample has errors")
	}
	s := p.Estate.Snapshots
	if len(s) < 2 || len(s[0].Lines) == 0 {
		t.Fatal("the current snapshot lost its lines")
	}
	for _, snap := range s[1:] {
		if snap.Lines != nil || snap.Past != nil {
			t.Errorf("the snapshot of %s keeps its lines", snap.Date)
		}
	}
	if n := len(p.Report.Trend.Points); n != len(s) {
		t.Errorf("the trend has %d points for %d snapshots", n, len(s))
	}
}

// TestBuildLeavesTheCollectorAlone: library code does not change the
// process's collector settings; cmd/renewals is the place for that.
func TestBuildLeavesTheCollectorAlone(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(5 << 30))
	buildSample(t)
	if p, l := gcPercent(), memoryLimit(); p != 77 || l != 5<<30 {
		t.Errorf("after a build: GC percent %d, limit %d; want 77 and %d", p, l, 5<<30)
	}
}

// readFile reads what os.ReadFile reads, for an empty file, a small one
// and one spanning several huge pages; a missing file is an error.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	big := make([]byte, 5<<20+123)
	for i := range big {
		big[i] = byte(i * 7)
	}
	for name, data := range map[string][]byte{"empty": {}, "small": []byte("Serial Number\nFOC1\n"), "big": big} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readFile(p, DefaultMaxFileSize)
		if err != nil || string(got) != string(data) {
			t.Errorf("%s: %d bytes (%v), want %d", name, len(got), err, len(data))
		}
	}
	if _, err := readFile(filepath.Join(dir, "missing"), DefaultMaxFileSize); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := readFile(filepath.Join(dir, "big"), 5<<20); err == nil || err.Error() != "the file holds 5,243,003 bytes; an input file may hold at most 5,242,880 (5.0 MB; raise it with -max-file-size)" {
		t.Errorf("a file over the limit: %v", err)
	}
}

// TestEarlierSnapshotsKeepPastLines: the import keeps the current
// snapshot's whole lines and only what the trend reads of the others.
func TestEarlierSnapshotsKeepPastLines(t *testing.T) {
	p := Load(Options{Config: "../report.toml"})
	s := p.Estate.Snapshots
	if len(s) < 2 || len(s[0].Lines) == 0 || s[0].Past != nil {
		t.Fatalf("the current snapshot: %d lines, %d past lines", len(s[0].Lines), len(s[0].Past))
	}
	for _, snap := range s[1:] {
		if snap.Lines != nil || len(snap.Past) == 0 {
			t.Errorf("the snapshot of %s: %d lines, %d past lines", snap.Date, len(snap.Lines), len(snap.Past))
		}
	}
}
