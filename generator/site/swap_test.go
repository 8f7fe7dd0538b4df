package site

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// site writes a folder that holds a marker and one page saying what.
func writeSite(t *testing.T, dir, what string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(what), 0o644)
}

func page(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return "(none: " + err.Error() + ")"
	}
	return string(data)
}

func newSite(t *testing.T, out, what string) *Dir {
	t.Helper()
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Add(Marker, []byte(markerText)); err != nil {
		t.Fatal(err)
	}
	if err := d.Add("index.html", []byte(what)); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestSwapIsOneStep: where the system exchanges folders, the old site is
// swapped out in the step that swaps the new one in, and Undo swaps back.
func TestSwapIsOneStep(t *testing.T) {
	t.Parallel()
	if runtime.GOOS != "linux" && runtime.GOOS != "darwin" {
		t.Skip("no exchange of folders here")
	}
	out := filepath.Join(t.TempDir(), "public")
	writeSite(t, out, "old")
	d := newSite(t, out, "new")
	if err := d.Swap(); err != nil {
		t.Fatal(err)
	}
	if !d.exchanged || page(t, out) != "new" || page(t, d.Root()) != "old" {
		t.Fatalf("after Swap: exchanged %v, out %q, the other %q", d.exchanged, page(t, out), page(t, d.Root()))
	}
	if err := d.Undo(); err != nil {
		t.Fatal(err)
	}
	if page(t, out) != "old" {
		t.Errorf("after Undo: %q", page(t, out))
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.tmp-*")); len(m) != 0 {
		t.Errorf("left behind: %v", m)
	}
}

// TestKilledSwapIsRepaired: without exchange, a build that dies between
// the two renames leaves no site; the next build puts the previous one
// back before it starts, and clears every temporary folder of a build
// that no longer runs.
func TestKilledSwapIsRepaired(t *testing.T) { // not parallel: it replaces the package's exchange and betweenRenames
	exchange = func(a, b string) error { return errors.ErrUnsupported }
	betweenRenames = func() { panic("killed") }
	t.Cleanup(func() { exchange, betweenRenames = exchangeFolders, func() {} })

	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeSite(t, out, "old")
	d := newSite(t, out, "new")
	func() {
		defer func() { recover() }()
		d.Swap()
	}()
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the injected kill did not stop the swap half way")
	}
	// A build that was killed earlier left its folder too.
	stale := filepath.Join(parent, ".public.tmp-999999999-42")
	writeSite(t, stale, "stale")
	os.MkdirAll(filepath.Join(parent, ".public.tmp-999999999-42.old"), 0o755)

	betweenRenames = func() {}
	d2, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if page(t, out) != "old" {
		t.Errorf("the previous site is not back: %q", page(t, out))
	}
	d2.Abort()
	if m, _ := filepath.Glob(filepath.Join(parent, ".public.tmp-*")); len(m) != 0 {
		t.Errorf("left behind: %v", m)
	}
	// And without exchange a whole swap still works.
	d3 := newSite(t, out, "newer")
	if _, err := d3.Commit(); err != nil || page(t, out) != "newer" {
		t.Errorf("commit: %v, %q", err, page(t, out))
	}
}

// TestRunningBuildsKeepTheirFolders: a temporary folder of a build that
// still runs is left alone.
func TestRunningBuildsKeepTheirFolders(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	theirs := filepath.Join(parent, ".public.tmp-1-7") // pid 1 always runs
	os.MkdirAll(theirs, 0o755)
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if _, err := os.Stat(theirs); err != nil && runtime.GOOS != "windows" {
		t.Errorf("a running build's folder was removed: %v", err)
	}
}
