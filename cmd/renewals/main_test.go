package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/echarts"
	"github.com/renewals/renewals/generator/sample"
)

// pkgDir is this package's folder; relative dirs in tests start there.
var pkgDir, _ = os.Getwd()

// renewals runs the command in dir and returns its exit code and output.
func renewals(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if dir != "" {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(pkgDir, dir)
		}
		t.Chdir(dir)
	}
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// sampleProject writes the default sample into a temporary folder, with
// the repository's node_modules linked in for ECharts, so that a build
// never touches the repository itself.
func sampleProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: sample.DefaultDevices, Seed: sample.DefaultSeed}); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(pkgDir, "../../node_modules"), filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckCommittedSample(t *testing.T) {
	code, out, errs := renewals(t, "../..", "check", "-q")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"Network maintenance renewal advisory — Example Health, as of 2026-11-23",
		"2026-11-20 (current)", "2026-08-21", "2026-05-22",
		"lifecycle: 1 file, 15 product IDs (9 announced, 6 not announced)",
		"Atlas IT Solutions (vendor-partner), Northbridge Networks (vendor-partner), Ridgeline Maintenance (tpm)",
		"inventory: 1 file, 482 devices (21 out of service)",
		"alerts:    1 file, 6 advisories",
		"0 errors",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(errs, "renewals: read config") {
		t.Errorf("-q printed progress:\n%s", errs)
	}
}

func TestCheckReportsErrorsAndExits1(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"report.toml": "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"cx.csv\"]\n",
		"cx.csv": "Serial Number,Product ID,Contract Number,Covered Line Start Date,Covered Line End Date\n" +
			"FOC1,C9300-48P-A,\"93824710\",2026-01-01,2026-02-30\n" +
			"FOC2,C9300-48P-A,-,,\n",
	})
	code, out, errs := renewals(t, dir, "check")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := "cx.csv:2:40: Covered Line End Date: cannot read \"2026-02-30\" as a date (accepted: 2026-12-31, 12/31/2026, 31-DEC-2026, Excel serial; date_order = \"mdy\")\n" +
		" 2 | FOC1,C9300-48P-A,\"93824710\",2026-01-01,2026-02-30\n" +
		"   | " + strings.Repeat(" ", 39) + "^\n" +
		"cx.csv:3:18: warning: 1 placeholder value read as empty (first: \"-\" in Contract Number)\n" +
		" 3 | FOC2,C9300-48P-A,-,,\n"
	if !strings.Contains(errs, want) {
		t.Errorf("stderr lacks\n%s\ngot:\n%s", want, errs)
	}
	if !strings.Contains(errs, "renewals: read config report.toml (") || !strings.Contains(errs, "renewals: imported 1 file, 2 rows (") {
		t.Errorf("no progress lines:\n%s", errs)
	}
	if !strings.Contains(errs, "renewals: 1 error in the inputs") || !strings.Contains(out, "1 error, 1 warning") {
		t.Errorf("no verdict:\n%s\n%s", errs, out)
	}
}

func TestStrictTurnsWarningsIntoErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"report.toml": "as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cx.csv\"\n",
		"cx.csv":      "Serial Number,Product ID,Contract Number,Start Date,End Date\nFOC1,C9300-48P-A,93824710.0,2026-01-01,2026-12-31\n",
	})
	if code, _, errs := renewals(t, dir, "check", "-q"); code != 0 {
		t.Errorf("without -strict: exit %d\n%s", code, errs)
	}
	code, _, errs := renewals(t, dir, "check", "-q", "-strict")
	if code != 1 || !strings.Contains(errs, "renewals: 1 warning (-strict makes warnings fail) in the inputs") {
		t.Errorf("with -strict: exit %d\n%s", code, errs)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{nil, 2, "Commands:"},
		{[]string{"help"}, 0, "renewals <command> [flags]"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"check", "-h"}, 0, "-config file"},
		{[]string{"check", "-h"}, 0, "-strict"},
		{[]string{"build", "-h"}, 0, "-out DIR"},
		{[]string{"sample", "-h"}, 0, "-devices int"},
		{[]string{"sample", "-h"}, 0, "-seed uint"},
		{[]string{"version", "-h"}, 0, "Usage: renewals version"},
		{[]string{"check", "-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"check", "proj", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"check", "-config", "a.toml", "proj"}, 2, "name the project once"},
		{[]string{"check", "proj"}, 1, "proj: no config file here"},
		{[]string{"biuld"}, 2, `unknown command "biuld" (did you mean "build"?)`},
		{[]string{"serv", "-q"}, 2, `unknown command "serv" (did you mean "serve"?)`},
		{[]string{"sample"}, 2, "-out DIR is required"},
		{[]string{"sample", "-out", "x", "-devices", "3"}, 2, "out of range"},
		{[]string{"version"}, 0, "renewals devel\ncommit  "},
		{[]string{"version"}, 0, "echarts not built in"},
		{[]string{"check", "-config", "missing.toml"}, 1, "missing.toml: no config file here"},
	}
	for _, tt := range tests {
		code, out, errs := renewals(t, t.TempDir(), tt.args...)
		if code != tt.code || !strings.Contains(out+errs, tt.want) {
			t.Errorf("renewals %s: exit %d (want %d)\n%s%s\nwant %q", strings.Join(tt.args, " "), code, tt.code, out, errs, tt.want)
		}
	}
}

// TestNoEChartsStillBuilds runs a plain build of renewals, which carries
// no ECharts, on a project with no node_modules near it: check and build
// succeed with one warning each, and the charts are shown as tables.
func TestNoEChartsStillBuilds(t *testing.T) {
	if echarts.Embedded() != nil {
		t.Skip("this binary has ECharts built in")
	}
	t.Setenv(echarts.EnvVar, "")
	dir := t.TempDir()
	if _, err := sample.Write(dir, sample.Options{Devices: 120, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	const warning = "renewals: warning: charts are shown as data tables"
	for _, args := range [][]string{{"check", "-q"}, {"build", "-q"}, {"build", "-q", "-single", "report.html"}} {
		code, _, errs := renewals(t, dir, args...)
		if code != 0 || strings.Count(errs, warning) != 1 || !strings.Contains(errs, "npm install echarts@"+echarts.Pinned) {
			t.Errorf("renewals %s: exit %d, want 0 and the warning once:\n%s", strings.Join(args, " "), code, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "assets", "echarts.min.js")); err == nil {
		t.Error("the site carries an ECharts it does not have")
	}
	for _, f := range []string{"public/index.html", "public/spend/index.html", "report.html"} {
		page, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(page, []byte(`<figure class="chart chart-static"`)) || !bytes.Contains(page, []byte("<th scope=\"col\">")) {
			t.Errorf("%s shows no chart as a table", f)
		}
		if bytes.Contains(page, []byte("echarts.min.js")) || bytes.Contains(page, []byte("<script></script>")) || bytes.Contains(page, []byte(`class="chart-canvas"`)) {
			t.Errorf("%s still sets up a chart script", f)
		}
	}
}

// TestProjectArgument names the project as a folder or as its config,
// before or after the flags, from another folder.
func TestProjectArgument(t *testing.T) {
	proj := sampleProject(t)
	elsewhere := t.TempDir()
	if code, _, errs := renewals(t, elsewhere, "check", "-q", proj); code != 0 {
		t.Errorf("check DIR: exit %d\n%s", code, errs)
	}
	if code, _, errs := renewals(t, elsewhere, "check", filepath.Join(proj, "report.toml"), "-q"); code != 0 {
		t.Errorf("check DIR/report.toml: exit %d\n%s", code, errs)
	}
	out := filepath.Join(t.TempDir(), "site")
	if code, _, errs := renewals(t, elsewhere, "build", proj, "-q", "-out", out); code != 0 {
		t.Fatalf("build DIR -out: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}

func TestBuildOutFlag(t *testing.T) {
	code, _, errs := renewals(t, sampleProject(t), "build", "-q", "-out", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
}

func TestSampleIsDeterministic(t *testing.T) {
	a := sample.Generate(sample.Options{Devices: 300, Seed: 7})
	b := sample.Generate(sample.Options{Devices: 300, Seed: 7})
	c := sample.Generate(sample.Options{Devices: 300, Seed: 8})
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs with one seed", name)
		}
	}
	if bytes.Equal(a["sample-data/2026-11-20/cx-cloud-assets.csv"], c["sample-data/2026-11-20/cx-cloud-assets.csv"]) {
		t.Error("another seed gives the same estate")
	}
}

// TestCommittedSampleIsCurrent keeps the repository's sample equal to what
// renewals sample writes with the defaults.
func TestCommittedSampleIsCurrent(t *testing.T) {
	files := sample.Generate(sample.Options{Devices: sample.DefaultDevices, Seed: sample.DefaultSeed})
	for name, want := range files {
		got, err := os.ReadFile(filepath.Join(pkgDir, "../..", name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is not what renewals sample writes; run: go run ./cmd/renewals sample -out . (%v)", name, err)
		}
	}
}

func TestSampleRefusesAProjectItDidNotWrite(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"report.toml": "as_of = 2026-11-23\n"})
	code, _, errs := renewals(t, dir, "sample", "-out", ".", "-q")
	if code != 1 || !strings.Contains(errs, "did not write; choose another -out, or pass -force") {
		t.Errorf("exit %d\n%s", code, errs)
	}
	if code, _, errs := renewals(t, dir, "sample", "-out", ".", "-q", "-force", "-devices", "50"); code != 0 {
		t.Errorf("-force: exit %d\n%s", code, errs)
	}
	// A sample it wrote itself is regenerated without -force.
	if code, _, errs := renewals(t, dir, "sample", "-out", ".", "-q", "-devices", "60"); code != 0 {
		t.Errorf("regenerate: exit %d\n%s", code, errs)
	}
	// A folder without a report.toml but with the user's own commentary
	// keeps it.
	dir = t.TempDir()
	write(t, dir, map[string]string{"content/index.md": "my words\n"})
	if code, _, errs := renewals(t, dir, "sample", "-out", ".", "-q"); code != 1 || !strings.Contains(errs, "already holds content, which renewals sample would replace") {
		t.Errorf("over content/: exit %d\n%s", code, errs)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content", "index.md")); string(data) != "my words\n" {
		t.Errorf("content/index.md is now %q", data)
	}
	// So does init.
	if code, _, errs := renewals(t, dir, "init", "."); code != 1 || !strings.Contains(errs, "already holds content/index.md; choose another folder, or pass -force") {
		t.Errorf("init over content/: exit %d\n%s", code, errs)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content", "index.md")); string(data) != "my words\n" {
		t.Errorf("content/index.md is now %q", data)
	}
}

// TestLargeSampleChecks is the path the benchmarks rely on:
// renewals sample -devices 100000, then renewals check on it.
func TestLargeSampleChecks(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100,000-device estate (about 100 MB)")
	}
	dir := t.TempDir()
	if code, _, errs := renewals(t, dir, "sample", "-out", "big", "-devices", "100000", "-q"); code != 0 {
		t.Fatalf("sample: exit %d\n%s", code, errs)
	}
	code, out, errs := renewals(t, dir, "check", "-q", "-config", "big/report.toml")
	if code != 0 {
		t.Fatalf("check: exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "2026-11-20 (current)  2      133,328") {
		t.Errorf("summary:\n%s", out)
	}
}

func TestBuildWritesFiguresDeterministically(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	proj := sampleProject(t)
	code, out, errs := renewals(t, proj, "build", "-q", "-out", a)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"Annual spend (run rate)", "Top recommendations", " 5. "} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if code, _, errs := renewals(t, proj, "build", "-q", "-out", b); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, errs)
	}
	fa, err := os.ReadFile(filepath.Join(a, "data", "figures.json"))
	if err != nil {
		t.Fatal(err)
	}
	fb, _ := os.ReadFile(filepath.Join(b, "data", "figures.json"))
	if !bytes.Equal(fa, fb) {
		t.Error("two builds of the same inputs differ")
	}
	golden, _ := os.ReadFile(filepath.Join(pkgDir, "../../generator/testdata/sample-figures.json"))
	if !bytes.Equal(fa, golden) {
		t.Error("build writes other figures than the golden file")
	}
}

func TestFailedBuildWritesNothing(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"report.toml":        "as_of = 2026-11-23\noutput = \"site\"\n[[snapshot]]\ndate = 2026-11-20\ncoverage = [\"cx.csv\"]\n",
		"cx.csv":             "Serial Number,Product ID,Contract Number,Start Date,End Date,Extended Net Price\nFOC1,X,1,2026-01-01,2026-12-31,abc\n",
		"site/data/keep.txt": "previous output",
	})
	code, _, errs := renewals(t, dir, "build", "-q")
	if code != 1 || !strings.Contains(errs, `Extended Net Price: cannot read "abc" as an amount`) {
		t.Errorf("exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "site", "data", "figures.json")); err == nil {
		t.Error("a failed build wrote figures.json")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "site", "data", "keep.txt")); string(b) != "previous output" {
		t.Error("a failed build touched the previous output")
	}
}

// TestInitThenBuild follows a newcomer: init, check says what is missing,
// drop this quarter's exports in, build.
func TestInitThenBuild(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := renewals(t, dir, "init", "-as-of", "2026-11-23", "proj")
	if code != 0 || !strings.Contains(out, "proj/exports/2026-11-23/") {
		t.Fatalf("init: exit %d\n%s%s", code, out, errs)
	}
	proj := filepath.Join(dir, "proj")
	// Without ECharts built in, init pins it in a package.json and says the
	// npm command that works without a lockfile.
	_, err := os.Stat(filepath.Join(proj, "package.json"))
	if npm := echarts.Embedded() == nil; npm != (err == nil) || npm != strings.Contains(out, "npm install &&") || strings.Contains(out, "npm ci") {
		t.Errorf("init, ECharts built in: %v, package.json: %v\n%s", !npm, err, out)
	}
	code, _, errs = renewals(t, proj, "check")
	if code != 1 || !strings.Contains(errs, `coverage: "exports/2026-11-23/*.csv" matches no file`) ||
		!strings.Contains(errs, "holds no matching file yet: save the exports in it; its README.md says which") ||
		!strings.Contains(errs, "warning: the commentary still holds 1 placeholder line(s) such as this one") {
		t.Errorf("check on an empty project: exit %d\n%s", code, errs)
	}
	exports := filepath.Join(pkgDir, "../../sample-data/2026-11-20")
	entries, _ := os.ReadDir(exports)
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(exports, e.Name()))
		os.WriteFile(filepath.Join(proj, "exports", "2026-11-23", e.Name()), data, 0o644)
	}
	os.Symlink(filepath.Join(pkgDir, "../../node_modules"), filepath.Join(proj, "node_modules"))
	if code, _, errs := renewals(t, proj, "build", "-q"); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, errs)
	}
	for _, f := range []string{"public/index.html", "public/renewals.ics", "archive/2026-Q4/index.html"} {
		if _, err := os.Stat(filepath.Join(proj, f)); err != nil {
			t.Errorf("the new project lacks %s", f)
		}
	}
	if code, _, errs := renewals(t, dir, "init", "proj"); code != 1 || !strings.Contains(errs, "already holds a report.toml") {
		t.Errorf("init over a project: exit %d\n%s", code, errs)
	}
}

// TestMain lets a test run the command as a real process: with
// RENEWALS_MAIN set, the test binary is renewals.
func TestMain(m *testing.M) {
	if os.Getenv("RENEWALS_MAIN") != "" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestServeStopsOnInterrupt starts renewals serve as a process, loads a
// page, and stops it with Ctrl-C (SIGINT).
func TestServeStopsOnInterrupt(t *testing.T) {
	proj := sampleProject(t)
	cmd := exec.Command(os.Args[0], "serve", "-q", "-addr", "127.0.0.1:0", "-config", filepath.Join(proj, "report.toml"))
	cmd.Env = append(os.Environ(), "RENEWALS_MAIN=1")
	stdout, _ := cmd.StdoutPipe()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	r := bufio.NewReader(stdout)
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("no banner: %v\n%s", err, stderr.String())
	}
	m := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	if m == "" {
		t.Fatalf("banner %q names no loopback address", line)
	}
	resp, err := http.Get(m)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET %s: %v", m, err)
	}
	resp.Body.Close()
	cmd.Process.Signal(os.Interrupt)
	rest, _ := io.ReadAll(r)
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(string(rest), "Stopped.") {
		t.Errorf("no goodbye: %q", rest)
	}
}

func TestProfileFlags(t *testing.T) {
	dir := sampleProject(t)
	cpu, mem := filepath.Join(t.TempDir(), "cpu.out"), filepath.Join(t.TempDir(), "mem.out")
	if code, _, stderr := renewals(t, dir, "build", "-q", "-cpuprofile", cpu, "-memprofile", mem); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	// A pprof profile is gzip-compressed.
	for _, prof := range []string{cpu, mem} {
		if data, err := os.ReadFile(prof); err != nil || len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
			t.Errorf("no profile written to %s (%d bytes, %v)", prof, len(data), err)
		}
	}
	for _, flag := range []string{"-cpuprofile", "-memprofile"} {
		code, _, stderr := renewals(t, dir, "check", flag, filepath.Join(dir, "no-such-folder", "prof.out"))
		if code != 2 || !strings.Contains(stderr, "no-such-folder") {
			t.Errorf("an unwritable %s: exit %d\n%s", flag, code, stderr)
		}
	}
}

// TestQuietCountsWarnings: -q lists the errors, and of the warnings only
// how many there are; without it every warning is listed.
func TestQuietCountsWarnings(t *testing.T) {
	proj := sampleProject(t)
	_, _, loud := renewals(t, proj, "check")
	_, _, quiet := renewals(t, proj, "check", "-q")
	if !strings.Contains(loud, "warning: ") || strings.Contains(quiet, ": warning: ") || !strings.Contains(quiet, "warning(s); run without -q to list them") {
		t.Errorf("without -q:\n%s\nwith -q:\n%s", loud, quiet)
	}
}

func TestByteSizeFlag(t *testing.T) {
	for in, want := range map[string]string{"2GB": "2GB", "500MB": "500MB", "64kb": "64KB", "1536MB": "1536MB", "1000": "1000"} {
		var b byteSize
		if err := b.Set(in); err != nil || b.String() != want {
			t.Errorf("Set(%q): %v, reads back %q, want %q", in, err, b.String(), want)
		}
	}
	for _, in := range []string{"", "0", "-1GB", "2XB", "1.5GB"} {
		var b byteSize
		if err := b.Set(in); err == nil {
			t.Errorf("Set(%q) is accepted", in)
		}
	}
}
