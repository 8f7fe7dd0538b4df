package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"testing"
	"time"
)

var files = []entry{
	{"renewals_1.0.0_linux_amd64/renewals", 0o755, []byte("binary")},
	{"renewals_1.0.0_linux_amd64/README.md", 0o644, []byte("# renewals\n")},
	{"renewals_1.0.0_linux_amd64/licenses/echarts/LICENSE", 0o644, []byte("Apache-2.0")},
}

// TestArchivesAreReproducible: the same files give the same bytes, however
// much later they are written, and every entry carries the release date.
func TestArchivesAreReproducible(t *testing.T) {
	r := &release{version: "1.0.0", commit: "abc", date: time.Date(2026, 12, 3, 16, 37, 16, 0, time.UTC)}
	for _, write := range []func(io.Writer, []entry) error{r.writeTarGz, r.writeZip} {
		var a, b bytes.Buffer
		if err := write(&a, files); err != nil {
			t.Fatal(err)
		}
		time.Sleep(1100 * time.Millisecond) // a clock that leaked in would show
		if err := write(&b, files); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Error("two archives of the same files differ")
		}
	}

	var tgz bytes.Buffer
	r.writeTarGz(&tgz, files)
	gz, err := gzip.NewReader(&tgz)
	if err != nil {
		t.Fatal(err)
	}
	if !gz.ModTime.IsZero() || gz.Name != "" {
		t.Errorf("the gzip header carries %v %q", gz.ModTime, gz.Name)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		if !h.ModTime.Equal(r.date) || h.Uid != 0 || h.Uname != "" {
			t.Errorf("%s: %v uid %d %q", h.Name, h.ModTime, h.Uid, h.Uname)
		}
		if h.Name == files[0].name && h.Mode != 0o755 {
			t.Errorf("the binary's mode is %o", h.Mode)
		}
	}
	want := []string{"renewals_1.0.0_linux_amd64/", "renewals_1.0.0_linux_amd64/licenses/", "renewals_1.0.0_linux_amd64/licenses/echarts/",
		files[0].name, files[1].name, files[2].name}
	if !slices.Equal(names, want) {
		t.Errorf("entries %q, want %q", names, want)
	}

	var z bytes.Buffer
	r.writeZip(&z, files)
	zr, err := zip.NewReader(bytes.NewReader(z.Bytes()), int64(z.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(r.date) {
			t.Errorf("%s dated %v", f.Name, f.Modified)
		}
		if f.Name == files[0].name && f.Mode().Perm() != 0o755 {
			t.Errorf("the binary's mode is %v", f.Mode())
		}
	}
}

func TestUnknownTarget(t *testing.T) {
	err := run("1.0.0", t.TempDir(), []string{"plan9/386"})
	if err == nil || err.Error() != `unknown target "plan9/386" (accepted: linux/amd64, linux/arm64, darwin/amd64, darwin/arm64, windows/amd64)` {
		t.Errorf("err = %v", err)
	}
}
