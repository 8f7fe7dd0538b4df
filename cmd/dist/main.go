// Command dist builds the release archives of renewals: one per target,
// each holding the binary with the pinned ECharts built in, README.md and
// the licence notices of everything the binary carries. make dist runs
// it from the repository root after npm ci.
//
// Usage:
//
//	go run ./cmd/dist [-version V] [-out dist] [-targets linux/amd64,...]
//
// The archives are reproducible: the binaries are built with -trimpath
// and the version and commit given at link time, and every archive entry
// is dated at the commit's time (or SOURCE_DATE_EPOCH), so two runs on the
// same commit give the same bytes.
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/renewals/renewals/generator/echarts"
)

// Targets are the systems a release is built for.
var Targets = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"}

// embedDir is where the builtinassets build of generator/echarts embeds
// ECharts from; it is ignored by git.
const embedDir = "generator/echarts/dist"

func main() {
	version := flag.String("version", os.Getenv("VERSION"), "the release `version` (default: the latest v* tag, or dev-<commit>)")
	out := flag.String("out", "dist", "the `folder` the archives are written to")
	targets := flag.String("targets", strings.Join(Targets, ","), "the `os/arch` pairs to build, separated by commas")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "dist: unexpected argument %q\n", flag.Arg(0))
		os.Exit(2)
	}
	if err := run(*version, *out, strings.Split(*targets, ",")); err != nil {
		fmt.Fprintf(os.Stderr, "dist: %v\n", err)
		os.Exit(1)
	}
}

func run(version, out string, targets []string) error {
	for _, t := range targets {
		if !slices.Contains(Targets, t) {
			return fmt.Errorf("unknown target %q (accepted: %s)", t, strings.Join(Targets, ", "))
		}
	}
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run this from the repository root (make dist)")
	}
	ev, err := stageECharts()
	if err != nil {
		return err
	}
	rel, err := describe(version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "dist: renewals %s (commit %s), ECharts %s built in\n", rel.version, rel.commit, ev)
	var sums []string
	for _, t := range targets {
		name, err := rel.archive(t, out)
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			return err
		}
		sums = append(sums, fmt.Sprintf("%x  %s\n", sha256.Sum256(data), name))
		fmt.Fprintf(os.Stderr, "dist: %s/%s (%.1f MB)\n", out, name, float64(len(data))/1e6)
	}
	return writeAtomic(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "")))
}

// stageECharts copies the pinned ECharts out of node_modules to where the
// builtinassets build embeds it from, and returns its version.
func stageECharts() (string, error) {
	src := filepath.Join("node_modules", "echarts")
	pkg, err := os.ReadFile(filepath.Join(src, "package.json"))
	if err != nil {
		return "", errors.New("node_modules/echarts is missing: run npm ci first")
	}
	var p struct{ Version string }
	if err := json.Unmarshal(pkg, &p); err != nil {
		return "", fmt.Errorf("node_modules/echarts/package.json: %w", err)
	}
	if p.Version != echarts.Pinned {
		return "", fmt.Errorf("node_modules holds ECharts %s, but renewals pins %s: run npm ci", p.Version, echarts.Pinned)
	}
	code, err := os.ReadFile(filepath.Join(src, "dist", echarts.File))
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(embedDir, 0o755); err != nil {
		return "", err
	}
	for name, data := range map[string][]byte{echarts.File: code, "package.json": pkg} {
		if err := writeAtomic(filepath.Join(embedDir, name), data); err != nil {
			return "", err
		}
	}
	return p.Version, nil
}

// release is what every archive of one run shares.
type release struct {
	version, commit string
	date            time.Time // every entry's date
}

// describe works out the version, the commit and the date of the release
// from git.
func describe(version string) (*release, error) {
	commit, err := git("rev-parse", "HEAD")
	if err != nil {
		return nil, fmt.Errorf("cannot tell the commit: %w", err)
	}
	if status, err := git("status", "--porcelain", "--untracked-files=no"); err == nil && status != "" {
		commit += "-dirty"
	}
	if version == "" {
		if tag, err := git("describe", "--tags", "--match", "v[0-9]*", "--exact-match"); err == nil {
			version = strings.TrimPrefix(tag, "v")
		} else {
			version = "dev-" + commit[:12]
		}
	}
	if strings.ContainsAny(version, "/\\ ") {
		return nil, fmt.Errorf("version %q may not hold a slash or a space", version)
	}
	epoch := os.Getenv("SOURCE_DATE_EPOCH")
	if epoch == "" {
		if epoch, err = git("log", "-1", "--format=%ct"); err != nil {
			return nil, err
		}
	}
	secs, err := strconv.ParseInt(epoch, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", epoch)
	}
	return &release{version: version, commit: commit, date: time.Unix(secs, 0).UTC()}, nil
}

func git(args ...string) (string, error) {
	out, err := exec.Command("git", args...).Output()
	return strings.TrimSpace(string(out)), err
}

// entry is one file of an archive.
type entry struct {
	name string
	mode int64
	data []byte
}

// archive builds the binary for target and writes its archive into out,
// returning the archive's name.
func (r *release) archive(target, out string) (string, error) {
	goos, goarch, _ := strings.Cut(target, "/")
	base := fmt.Sprintf("renewals_%s_%s_%s", r.version, goos, goarch)
	bin := "renewals"
	if goos == "windows" {
		bin += ".exe"
	}
	tmp, err := os.MkdirTemp("", "renewals-dist-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "build", "-trimpath", "-tags", "builtinassets",
		"-ldflags", fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s", r.version, r.commit),
		"-o", filepath.Join(tmp, bin), "./cmd/renewals")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	exe, err := os.ReadFile(filepath.Join(tmp, bin))
	if err != nil {
		return "", err
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return "", err
	}
	files := []entry{{bin, 0o755, exe}, {"README.md", 0o644, readme}}
	notices, err := licences(goos, goarch)
	if err != nil {
		return "", err
	}
	files = append(files, notices...)
	for i := range files {
		files[i].name = base + "/" + files[i].name
	}
	var buf bytes.Buffer
	name := base + ".tar.gz"
	if goos == "windows" {
		name = base + ".zip"
		err = r.writeZip(&buf, files)
	} else {
		err = r.writeTarGz(&buf, files)
	}
	if err != nil {
		return "", err
	}
	return name, writeAtomic(filepath.Join(out, name), buf.Bytes())
}

// licences gathers the notices of what the binary for goos/goarch
// carries: ECharts and what its build bundles, the Go modules linked in,
// and Go itself.
func licences(goos, goarch string) ([]entry, error) {
	var out []entry
	add := func(name, src string) error {
		data, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("licence notice: %w", err)
		}
		out = append(out, entry{"licenses/" + name, 0o644, data})
		return nil
	}
	for name, src := range map[string]string{
		"echarts/LICENSE":    "node_modules/echarts/LICENSE",
		"echarts/NOTICE":     "node_modules/echarts/NOTICE",
		"echarts/LICENSE-d3": "node_modules/echarts/licenses/LICENSE-d3",
		"zrender/LICENSE":    "node_modules/zrender/LICENSE",
		"tslib/LICENSE.txt":  "node_modules/tslib/LICENSE.txt",
		"go/LICENSE":         filepath.Join(runtimeRoot(), "LICENSE"), // the Go runtime and standard library
	} {
		if err := add(name, src); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command("go", "list", "-deps", "-tags", "builtinassets",
		"-f", "{{with .Module}}{{if not .Main}}{{.Path}}\t{{.Dir}}{{end}}{{end}}", "./cmd/renewals")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	list, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	seen := map[string]bool{}
	for line := range strings.Lines(string(list)) {
		mod, dir, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if !ok || seen[mod] {
			continue
		}
		seen[mod] = true
		entries, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		found := false
		for _, e := range entries {
			n := strings.ToUpper(e.Name())
			if !e.IsDir() && (strings.HasPrefix(n, "LICENSE") || strings.HasPrefix(n, "LICENCE") || strings.HasPrefix(n, "COPYING") || strings.HasPrefix(n, "NOTICE")) {
				if err := add("go/"+mod+"/"+e.Name(), filepath.Join(dir, e.Name())); err != nil {
					return nil, err
				}
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("the module %s has no licence file in %s", mod, dir)
		}
	}
	slices.SortFunc(out, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

func runtimeRoot() string {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// writeTarGz writes files as a gzipped tar with fixed dates and owners,
// so that the same files give the same bytes.
func (r *release) writeTarGz(w io.Writer, files []entry) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, d := range dirsOf(files) {
		if err := tw.WriteHeader(&tar.Header{Typeflag: tar.TypeDir, Name: d + "/", Mode: 0o755, ModTime: r.date, Format: tar.FormatPAX}); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := &tar.Header{Typeflag: tar.TypeReg, Name: f.name, Mode: f.mode, Size: int64(len(f.data)), ModTime: r.date, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return err
		}
		if _, err := tw.Write(f.data); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// writeZip writes files as a zip with fixed dates.
func (r *release) writeZip(w io.Writer, files []entry) error {
	zw := zip.NewWriter(w)
	for _, d := range dirsOf(files) {
		h := &zip.FileHeader{Name: d + "/", Modified: r.date}
		h.SetMode(os.ModeDir | 0o755)
		if _, err := zw.CreateHeader(h); err != nil {
			return err
		}
	}
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: r.date}
		h.SetMode(os.FileMode(f.mode))
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// dirsOf lists the folders that files lie in, parents first.
func dirsOf(files []entry) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		for d := path.Dir(f.name); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			out = append(out, d)
		}
	}
	slices.Sort(out) // a parent sorts before its children
	return out
}

// writeAtomic writes a file through a temporary file and a rename.
func writeAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name))
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}
