//go:build unix

package generator

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestFilesThatAreNotFiles: a FIFO and a link to /dev/zero named as
// exports, or placed in content/, are errors at once; nothing is read
// from them.
func TestFilesThatAreNotFiles(t *testing.T) {
	t.Parallel()
	dir := project(t)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "content", "pipe.md"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Symlink("/dev/zero", filepath.Join(dir, "zero.csv"))
	cfg := filepath.Join(dir, "report.toml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(data), "\n[[snapshot]]\n", "\n[[quotes]]\nfiles = [\"pipe.csv\", \"zero.csv\"]\n\n[[snapshot]]\n", 1)), 0o644)

	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	p := loadWithin(t, cfg)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	got := errorsOf(p)
	for _, want := range []string{
		`matches ` + filepath.Join(dir, "pipe.csv") + `, which is not a regular file (p---------)`,
		`matches ` + filepath.Join(dir, "zero.csv") + `, which is not a regular file (Dc---------)`,
		filepath.Join(dir, "content", "pipe.md") + `: not a regular file (p---------)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s:\n%s", want, got)
		}
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 512<<20 {
		t.Errorf("the load allocated %d MB", grew>>20)
	}
}
