package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadWithin loads the project at config and fails the test when the load
// takes longer than a few seconds: a FIFO or a device must never hang it.
func loadWithin(t *testing.T, config string) *Project {
	t.Helper()
	done := make(chan *Project, 1)
	go func() { done <- Load(Options{Config: config}) }()
	select {
	case p := <-done:
		return p
	case <-time.After(20 * time.Second):
		t.Fatal("the load hangs")
		return nil
	}
}

// TestLinksOutOfTheProject: a link in content/ or in the project's theme
// that leads out of the project folder is an error, and nothing of its
// target is published. A link inside the project is followed.
func TestLinksOutOfTheProject(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret.md")
	os.WriteFile(secret, []byte("+++\ntitle = \"s\"\n+++\nTOKEN=hunter2\n"), 0o644)

	dir := project(t)
	os.Symlink(secret, filepath.Join(dir, "content", "leak.md"))
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("+++\ntitle = \"Shared\"\n+++\nA note kept beside the config.\n"), 0o644)
	os.Symlink(filepath.Join(dir, "notes.md"), filepath.Join(dir, "content", "shared.md"))
	p := loadWithin(t, filepath.Join(dir, "report.toml"))
	if got := errorsOf(p); got != filepath.Join(dir, "content", "leak.md")+": a link that leads out of the project folder (to "+secret+"): copy the file into the project instead" {
		t.Errorf("content link:\n%s", got)
	}
	found := false
	for _, d := range p.Docs {
		found = found || d.Title == "Shared"
	}
	if !found {
		t.Error("a link inside the project is not read")
	}

	dir = project(t)
	static := filepath.Join(dir, "themes", "default", "static")
	os.MkdirAll(static, 0o755)
	os.Symlink(secret, filepath.Join(static, "env.txt"))
	p = loadWithin(t, filepath.Join(dir, "report.toml"))
	if got := errorsOf(p); got != "" {
		t.Fatal(got)
	}
	out := filepath.Join(dir, "public")
	_, err := p.Build(out, nil)
	if err == nil || !strings.Contains(err.Error(), "env.txt: a link that leads out of the project folder") {
		t.Errorf("theme link: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the build wrote a site")
	}
}

// TestNamesFromTheData: names from the data become short, distinct file
// names. A 300-character contract, site or product, and contracts abc-1
// and ABC/1, build; before, the first failed with "file name too long"
// after check passed, and the second wrote data/advice-renew-abc-1.csv
// twice.
func TestNamesFromTheData(t *testing.T) {
	long := strings.Repeat("Regional Medical Centre ", 13)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "report.toml"), []byte("as_of = 2026-11-23\n[[snapshot]]\ndate = 2026-11-20\ncoverage = \"cov.csv\"\n"), 0o644)
	cov := "Serial Number,Product ID,Install Site Name,Contract Number,Start Date,End Date,Extended Net Price\n" +
		"FOC1,C9300,Main,abc-1,2026-01-01,2026-12-31,100\n" +
		"FOC2,C9300,Main,ABC/1,2026-01-01,2026-12-31,200\n" +
		"FOC3," + strings.ReplaceAll(long, " ", "-") + "," + long + "," + strings.ReplaceAll(long, " ", "") + ",2026-01-01,2026-12-31,300\n"
	os.WriteFile(filepath.Join(dir, "cov.csv"), []byte(cov), 0o644)
	p := loadWithin(t, filepath.Join(dir, "report.toml"))
	if got := errorsOf(p); got != "" {
		t.Fatal(got)
	}
	out := filepath.Join(dir, "public")
	if _, err := p.Build(out, nil); err != nil {
		t.Fatal(err)
	}
	renew := 0
	for name := range siteFiles(t, out) {
		for _, part := range strings.Split(name, "/") {
			if len(part) > 100 {
				t.Errorf("%s: a name of %d bytes", name, len(part))
			}
		}
		if strings.HasPrefix(name, "data/advice-renew-") {
			renew++
		}
	}
	if renew != 3 {
		t.Errorf("%d renewal downloads, want one per contract", renew)
	}
}

// TestSiteShowsNoLocalPath: the config named by its absolute path and by
// a relative one from inside the project give the same bytes, and no file
// of the site names the project's folder.
func TestSiteShowsNoLocalPath(t *testing.T) {
	dir := project(t)
	sites := map[string]map[string][]byte{}
	for _, cfg := range []string{filepath.Join(dir, "report.toml"), "report.toml"} {
		t.Chdir(dir)
		p := Load(Options{Config: cfg})
		if got := errorsOf(p); got != "" {
			t.Fatal(got)
		}
		p.Config.Archive = filepath.Join(t.TempDir(), "archive")
		out := filepath.Join(t.TempDir(), "public")
		if _, err := p.Build(out, nil); err != nil {
			t.Fatal(err)
		}
		sites[cfg] = siteFiles(t, out)
	}
	abs, rel := sites[filepath.Join(dir, "report.toml")], sites["report.toml"]
	if len(abs) != len(rel) {
		t.Fatalf("%d files against %d", len(abs), len(rel))
	}
	for name, data := range abs {
		if string(data) != string(rel[name]) {
			t.Errorf("%s differs", name)
		}
		if strings.Contains(string(data), dir) {
			t.Errorf("%s names %s", name, dir)
		}
	}
}
