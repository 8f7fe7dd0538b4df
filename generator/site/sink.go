package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Sink receives the files of a site as they are rendered. Sinks are safe
// for concurrent use: pages render on every core.
type Sink interface {
	// Add stores a file from memory. The caller may reuse data once Add
	// returns.
	Add(name string, data []byte) error
	// Link stores a file that is already on disk, such as an archived
	// quarter's, without reading it into memory where that can be helped.
	Link(name, src string) error
	// Names lists the files stored so far, sorted.
	Names() []string
}

// Files is a Sink that keeps the site in memory.
type Files struct {
	mu sync.Mutex
	m  map[string][]byte
}

// NewFiles returns an empty in-memory site.
func NewFiles() *Files { return &Files{m: map[string][]byte{}} }

// Add implements Sink.
func (f *Files) Add(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, dup := f.m[name]; dup {
		return fmt.Errorf("the site has %s twice", name)
	}
	f.m[name] = bytes.Clone(data)
	return nil
}

// Link implements Sink by reading the file.
func (f *Files) Link(name, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return f.Add(name, data)
}

// Names implements Sink.
func (f *Files) Names() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return sortedNames(f.m)
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Map returns the files by slash path.
func (f *Files) Map() map[string][]byte { return f.m }

// Dir is a Sink that writes into a temporary folder beside out, and swaps
// it in whole on Commit. Until then the previous site stays as it was.
type Dir struct {
	out, tmp string
	// After Swap: old is where the previous folder lies until Finish
	// ("" when there was none); exchanged says it was swapped in one step.
	old       string
	exchanged bool
	mu        sync.Mutex
	seen      map[string]bool
	dirs      sync.Map // slash folder → made
	res       Result
	bySize    map[int][]string // the large files written, by size
}

// sameMinSize is the size from which a file that is byte for byte one
// already written becomes a hard link to it. An advice table often lists
// the devices of a risk table: at a million devices, 90 MB of downloads
// the disk would hold twice. Small files are not worth comparing.
const sameMinSize = 1 << 20

// NewDir prepares to replace out. It refuses a folder that is neither
// empty nor marked as renewals output. It first clears what builds that
// died left beside out: their temporary folders, and, if one died between
// the two renames of a swap without exchange, it puts the previous
// folder back.
func NewDir(out string) (*Dir, error) {
	out = filepath.Clean(out)
	if err := recoverTemps(out); err != nil {
		return nil, err
	}
	if err := replaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(out)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Dir{out: out, tmp: tmp, seen: map[string]bool{}, bySize: map[int][]string{}}, nil
}

// tempPrefix starts the name of every temporary folder of out:
// .public.tmp-<pid>-<random>, and .old after it for the previous site
// during a swap without exchange.
func tempPrefix(out string) string { return "." + filepath.Base(out) + ".tmp-" }

// recoverTemps removes the temporary folders of out that no running
// build owns, after putting back a previous site that a build died
// swapping out.
func recoverTemps(out string) error {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), globEscape(tempPrefix(out))+"*"))
	_, err := os.Lstat(out)
	missing := errors.Is(err, fs.ErrNotExist)
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), tempPrefix(out))
		pidText, _, _ := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if err == nil && pid != os.Getpid() && alive(pid) {
			continue // another build's, under way
		}
		if missing && strings.HasSuffix(m, ".old") {
			if err := os.Rename(m, out); err != nil {
				return fmt.Errorf("putting back the previous %s: %w", out, err)
			}
			missing = false
			continue
		}
		if err := os.RemoveAll(m); err != nil {
			return err
		}
	}
	return nil
}

// globEscape escapes the characters filepath.Glob reads as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// claim records a file and makes its folder. Folders are made outside
// the lock, each once: on a large site, creating them is a good part of
// the write.
func (d *Dir) claim(name string, size int64) (string, error) {
	d.mu.Lock()
	if d.seen[name] {
		d.mu.Unlock()
		return "", fmt.Errorf("the site has %s twice", name)
	}
	d.seen[name] = true
	d.res.Files++
	d.res.Bytes += size
	if path.Ext(name) == ".html" {
		d.res.Pages++
	}
	d.mu.Unlock()
	p := filepath.Join(d.tmp, filepath.FromSlash(name))
	dir := path.Dir(name)
	if _, made := d.dirs.Load(dir); made {
		return p, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return "", err
	}
	d.dirs.Store(dir, true)
	return p, nil
}

// Add implements Sink. A large file with the same bytes as one written
// before is a hard link to it (see sameMinSize); the site reads the same.
func (d *Dir) Add(name string, data []byte) error {
	p, err := d.claim(name, int64(len(data)))
	if err != nil {
		return err
	}
	if len(data) < sameMinSize {
		return os.WriteFile(p, data, 0o644)
	}
	d.mu.Lock()
	candidates := slices.Clone(d.bySize[len(data)])
	d.mu.Unlock()
	for _, c := range candidates {
		if sameBytes(c, data) && os.Link(c, p) == nil {
			return nil
		}
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	d.mu.Lock()
	d.bySize[len(data)] = append(d.bySize[len(data)], p)
	d.mu.Unlock()
	return nil
}

// sameBytes reports whether the file at path holds exactly data. It reads
// the file back from the page cache a piece at a time, and stops at the
// first difference.
func sameBytes(path string, data []byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var buf [64 << 10]byte
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if n == 0 || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
		if err != nil && len(data) > 0 {
			return false
		}
	}
	n, _ := f.Read(buf[:1])
	return n == 0
}

// Link implements Sink with a hard link, or a copy across file systems.
func (d *Dir) Link(name, src string) error {
	st, err := os.Stat(src)
	if err != nil {
		return err
	}
	p, err := d.claim(name, st.Size())
	if err != nil {
		return err
	}
	if os.Link(src, p) == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Names implements Sink.
func (d *Dir) Names() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return sortedNames(d.seen)
}

// Path is where a file added under name lies until Commit.
func (d *Dir) Path(name string) string { return filepath.Join(d.tmp, filepath.FromSlash(name)) }

// Commit swaps the new site in and returns what was written.
func (d *Dir) Commit() (Result, error) {
	if err := d.Swap(); err != nil {
		return d.res, err
	}
	return d.res, d.Finish()
}

// Swap puts the new folder in place of out. Where the system can, it
// exchanges the two in one step (Linux, macOS), so a reader never finds
// out missing; elsewhere it renames the previous folder aside and the new
// one in, and NewDir puts the previous one back if a build dies between
// the two. The previous folder is kept until Finish, so that Undo can put
// it back.
func (d *Dir) Swap() error {
	if _, err := os.Lstat(d.out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(d.tmp, d.out)
	} else if err != nil {
		return err
	}
	if exchange(d.tmp, d.out) == nil {
		d.old, d.exchanged = d.tmp, true
		return nil
	}
	old := d.tmp + ".old"
	if err := os.Rename(d.out, old); err != nil {
		return err
	}
	betweenRenames()
	if err := os.Rename(d.tmp, d.out); err != nil {
		_ = os.Rename(old, d.out) // put the previous site back
		return err
	}
	d.old = old
	return nil
}

// exchange is exchangeFolders; betweenRenames lets a test stop a swap
// without exchange half way.
var (
	exchange       = exchangeFolders
	betweenRenames = func() {}
)

// Undo puts the previous folder back after Swap, and removes the new one.
func (d *Dir) Undo() error {
	switch {
	case d.exchanged:
		if err := exchange(d.tmp, d.out); err != nil {
			return err
		}
	case d.old == "":
		if err := os.Rename(d.out, d.tmp); err != nil {
			return err
		}
	default:
		if err := os.Rename(d.out, d.tmp); err != nil {
			return err
		}
		if err := os.Rename(d.old, d.out); err != nil {
			return err
		}
	}
	d.old, d.exchanged = "", false
	return os.RemoveAll(d.tmp)
}

// Finish removes the previous folder after Swap.
func (d *Dir) Finish() error {
	if d.old == "" {
		return nil
	}
	return os.RemoveAll(d.old)
}

// Result says what was written.
func (d *Dir) Result() Result { return d.res }

// Root is the folder the files are written into until Swap.
func (d *Dir) Root() string { return d.tmp }

// Abort removes what was written; the previous site is untouched.
func (d *Dir) Abort() { os.RemoveAll(d.tmp) }
