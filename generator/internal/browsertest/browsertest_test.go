package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestStartRetriesAFailedLaunch: a chromium that fails to start once is
// started again, and the test goes on with the second one.
func TestStartRetriesAFailedLaunch(t *testing.T) {
	exe := Need(t, "chromium", "apt-get install chromium")
	dir := t.TempDir()
	failed := filepath.Join(dir, "failed-once")
	wrapper := "#!/bin/sh\nif [ ! -e '" + failed + "' ]; then touch '" + failed + "'; exit 1; fi\nexec '" + exe + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "chromium"), []byte(wrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if p, err := exec.LookPath("chromium"); err != nil || p != filepath.Join(dir, "chromium") {
		t.Fatalf("the wrapper is not found first: %q, %v", p, err)
	}
	ctx := Start(t)
	if _, err := os.Stat(failed); err != nil {
		t.Fatal("the first launch did not run the wrapper")
	}
	title, err := chromedp.Run(ctx, chromedp.Evaluate[string](`"up"`))
	if err != nil || title != "up" {
		t.Fatalf("the browser after a failed launch: %q, %v", title, err)
	}
}
