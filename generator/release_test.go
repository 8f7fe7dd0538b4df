package generator

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/renewals/renewals/generator/echarts"
	"github.com/renewals/renewals/generator/internal/browsertest"
)

// TestReleaseArchiveEndToEnd follows a stranger with the release archive:
// make dist builds it, it is unpacked into an empty folder with no
// node_modules above it, and its binary starts a project, reads the
// sample exports, builds the report and draws its charts, with no Go, no
// Node and no repository in sight.
func TestReleaseArchiveEndToEnd(t *testing.T) {
	t.Parallel() // a browser or a build of its own; nothing shared
	if testing.Short() {
		t.Skip("builds a release archive")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the archive for this system is a zip; CI checks the tar.gz")
	}
	ctx := browsertest.Start(t)
	dist := t.TempDir()
	target := runtime.GOOS + "/" + runtime.GOARCH
	var mk *exec.Cmd
	if _, err := exec.LookPath("make"); err == nil {
		mk = exec.Command("make", "-s", "dist", "TARGETS="+target, "DIST="+dist)
	} else {
		mk = exec.Command("go", "run", "./cmd/dist", "-targets", target, "-out", dist)
	}
	mk.Dir = ".."
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make dist: %v\n%s", err, out)
	}
	archives, _ := filepath.Glob(filepath.Join(dist, "renewals_*_"+runtime.GOOS+"_"+runtime.GOARCH+".tar.gz"))
	if len(archives) != 1 {
		t.Fatalf("make dist wrote %v", archives)
	}

	home := t.TempDir()
	for d := home; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "node_modules")); err == nil {
			t.Fatalf("%s has a node_modules folder: the test must run where none is", d)
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	unpack(t, archives[0], home)
	bins, _ := filepath.Glob(filepath.Join(home, "renewals_*", "renewals"))
	if len(bins) != 1 {
		t.Fatalf("the archive holds no renewals binary at its top: %v", bins)
	}
	for _, f := range []string{"README.md", "licenses/echarts/LICENSE", "licenses/echarts/NOTICE", "licenses/go/LICENSE"} {
		if _, err := os.Stat(filepath.Join(filepath.Dir(bins[0]), f)); err != nil {
			t.Errorf("the archive lacks %s", f)
		}
	}
	renewals := func(dir string, args ...string) (string, string) {
		t.Helper()
		cmd := exec.Command(bins[0], args...)
		cmd.Dir = dir
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, echarts.EnvVar+"=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		var out, errb strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("renewals %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
		}
		return out.String(), errb.String()
	}
	if v, _ := renewals(home, "version"); !strings.Contains(v, "echarts "+echarts.Pinned+", built in") {
		t.Errorf("renewals version:\n%s", v)
	}
	if out, _ := renewals(home, "init", "-as-of", "2026-11-23", "report"); strings.Contains(out, "npm") {
		t.Errorf("init of a binary with ECharts speaks of npm:\n%s", out)
	}
	proj := filepath.Join(home, "report")
	if _, err := os.Stat(filepath.Join(proj, "package.json")); err == nil {
		t.Error("init wrote a package.json although the binary has ECharts")
	}
	exports, _ := filepath.Glob("../sample-data/2026-11-20/*.csv")
	for _, f := range exports {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(proj, "exports", "2026-11-23", filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, errs := renewals(proj, "check", "-q"); strings.Contains(errs, "charts are shown as data tables") {
		t.Errorf("check warns of missing charts:\n%s", errs)
	}
	if _, errs := renewals(home, "build", "-q", "report"); strings.Contains(errs, "charts are shown as data tables") {
		t.Errorf("build warns of missing charts:\n%s", errs)
	}

	var w browsertest.Watch
	if err := w.Listen(ctx); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(proj, "public", "index.html")))); err != nil {
		t.Fatal(err)
	}
	drawn, err := chromedp.Run(ctx, chromedp.Poll[bool](chartsDrawn+` && document.querySelectorAll(".chart-canvas canvas").length > 0`,
		chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil || !drawn {
		t.Errorf("the summary's charts are not drawn (%v)", err)
	}
	errs, reqs := w.Take()
	for _, e := range errs {
		t.Error(e)
	}
	for _, r := range reqs {
		t.Errorf("requested %s outside the site", r)
	}
}

// unpack extracts a .tar.gz into dir.
func unpack(t *testing.T, archive, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			t.Fatalf("the archive holds %q, outside its folder", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(p, 0o755)
		case tar.TypeReg:
			var data []byte
			if data, err = io.ReadAll(tr); err == nil {
				err = os.WriteFile(p, data, os.FileMode(h.Mode)&0o777)
			}
		default:
			t.Fatalf("the archive holds %q of type %c", h.Name, h.Typeflag)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
