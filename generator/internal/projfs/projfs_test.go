package projfs

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWithin(t *testing.T) {
	t.Parallel()
	sep := string(filepath.Separator)
	for _, tt := range []struct {
		path, dir string
		want      bool
	}{
		{sep + "p" + sep + "a", sep + "p", true},
		{sep + "p", sep + "p", true},
		{sep + "p2" + sep + "a", sep + "p", false},
		{sep + "a", sep + "p", false},
		{sep + "p" + sep + ".." + sep + "a", sep + "p", false},
		{sep + "p" + sep + "..a", sep + "p", true},
	} {
		if got := Within(filepath.Clean(tt.path), tt.dir); got != tt.want {
			t.Errorf("Within(%q, %q) = %v", tt.path, tt.dir, got)
		}
	}
}

func TestFS(t *testing.T) {
	t.Parallel()
	root, outside := t.TempDir(), t.TempDir()
	os.MkdirAll(filepath.Join(root, "theme", "static"), 0o755)
	os.WriteFile(filepath.Join(root, "logo.svg"), []byte("<svg/>"), 0o644)
	os.WriteFile(filepath.Join(outside, "secret"), []byte("TOKEN"), 0o644)
	os.Symlink(filepath.Join(root, "logo.svg"), filepath.Join(root, "theme", "static", "logo.svg"))
	os.Symlink(filepath.Join(outside, "secret"), filepath.Join(root, "theme", "static", "env.txt"))
	os.Symlink("../../..", filepath.Join(root, "theme", "static", "up"))
	fsys := FS{Root: root, Dir: filepath.Join(root, "theme"), MaxFile: 1 << 20}
	if data, err := fs.ReadFile(fsys, "static/logo.svg"); err != nil || string(data) != "<svg/>" {
		t.Errorf("a link inside the project: %q, %v", data, err)
	}
	for _, name := range []string{"static/env.txt", "static/up/x"} {
		if _, err := fs.ReadFile(fsys, name); err == nil || IsNotExist(err) && name == "static/env.txt" {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := fs.ReadFile(fsys, "static/env.txt"); err == nil || !strings.Contains(err.Error(), "leads out of the project folder") {
		t.Errorf("err = %v", err)
	}
	if _, err := fs.ReadFile(fsys, "static/missing"); !IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := ReadFile(root, filepath.Join(root, "logo.svg"), 3); err == nil || !strings.Contains(err.Error(), "at most 3") {
		t.Errorf("a file over the limit: %v", err)
	}
}
