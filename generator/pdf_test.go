package generator

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/renewals/renewals/generator/internal/browsertest"
)

// TestBuildPDF prints the sample's management pack: a PDF of a few A4
// pages with the summary, the advice and the renewals.
func TestBuildPDF(t *testing.T) {
	exe := browsertest.Need(t, "chromium", "apt-get install chromium")
	browsertest.NeedNodeModules(t)
	t.Setenv(ChromiumEnv, exe)
	p := loadSample(t)
	out := filepath.Join(t.TempDir(), "pack.pdf")
	n, err := p.BuildPDF(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil || len(data) != n || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("%d bytes, %v", len(data), err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if pages < 3 || pages > 20 {
		t.Errorf("the pack prints on %d pages", pages)
	}
}

// TestPDFWithoutChromium: with no browser to print with, the error says
// what is needed and how to name one.
func TestPDFWithoutChromium(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("Chrome may be installed where findChromium looks on this system")
	}
	t.Setenv(ChromiumEnv, "")
	t.Setenv("PATH", t.TempDir())
	p := loadSample(t)
	out := filepath.Join(t.TempDir(), "pack.pdf")
	if _, err := p.BuildPDF(out, nil); err == nil || !strings.Contains(err.Error(), "needs Chromium or Google Chrome") || !strings.Contains(err.Error(), ChromiumEnv) {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a PDF was written")
	}
	t.Setenv(ChromiumEnv, filepath.Join(t.TempDir(), "no-such-chrome"))
	if _, err := p.BuildPDF(out, nil); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("err = %v", err)
	}
}
