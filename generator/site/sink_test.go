package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A large file with the bytes of one written before is a hard link to it;
// a file of the same size with other bytes, or a small file, is written.
func TestDirLinksSameLargeFiles(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	d, err := NewDir(out)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("FOC1,host,C9300\n"), sameMinSize/16+1)
	other := bytes.Clone(big)
	other[len(other)-2] = 'X'
	small := []byte("serial\nFOC1\n")
	for name, data := range map[string][]byte{"data/a.csv": big, "data/b.csv": big, "data/c.csv": other, "data/d.csv": small, "data/e.csv": small} {
		if err := d.Add(name, data); err != nil {
			t.Fatal(err)
		}
	}
	res, err := d.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 5 || res.Bytes != int64(3*len(big)+2*len(small)) {
		t.Errorf("result %+v", res)
	}
	stat := func(name string) os.FileInfo {
		st, err := os.Stat(filepath.Join(out, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if !os.SameFile(stat("a.csv"), stat("b.csv")) {
		t.Error("a.csv and b.csv hold the same bytes but are two files")
	}
	if os.SameFile(stat("a.csv"), stat("c.csv")) || os.SameFile(stat("d.csv"), stat("e.csv")) {
		t.Error("a file was linked to one with other bytes, or a small file was linked")
	}
	for name, want := range map[string][]byte{"b.csv": big, "c.csv": other, "e.csv": small} {
		if got, _ := os.ReadFile(filepath.Join(out, "data", name)); !bytes.Equal(got, want) {
			t.Errorf("%s has %d bytes, want %d", name, len(got), len(want))
		}
	}
}
