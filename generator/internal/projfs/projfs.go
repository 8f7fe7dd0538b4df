// Package projfs reads the files of a report project that the site
// publishes (commentary, a project's theme) so that nothing outside the
// project is published: a link that leads out of the project folder is an
// error, as is anything but a regular file or a folder.
package projfs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Resolve follows the links in path, which lies in root, and returns the
// real path; an error when it leads out of root. A path that does not
// exist reports fs.ErrNotExist.
func Resolve(root, path string) (string, error) {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	if !Within(real, realRoot) {
		return "", fmt.Errorf("a link that leads out of the project folder (to %s): copy the file into the project instead", real)
	}
	return real, nil
}

// Within reports whether path is dir or lies inside it; both are clean.
func Within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// ReadFile reads the regular file at path, in root, of at most max bytes.
func ReadFile(root, path string, max int64) ([]byte, error) {
	real, err := Resolve(root, path)
	if err != nil {
		return nil, err
	}
	return ReadRegular(real, max)
}

// TooLargeError is a file over the size a caller reads.
type TooLargeError struct {
	Size, Max int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file holds %d bytes; at most %d are read", e.Size, e.Max)
}

// ReadRegular reads a regular file (links followed) of at most max bytes:
// a FIFO would hang the build and a device never end.
func ReadRegular(name string, max int64) ([]byte, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", st.Mode().Type())
	}
	if st.Size() > max {
		return nil, &TooLargeError{Size: st.Size(), Max: max}
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Sized once from the file's size; io.ReadAll grows it should the
	// file grow while it is read.
	buf := bytes.NewBuffer(make([]byte, 0, st.Size()+512))
	if _, err := buf.ReadFrom(io.LimitReader(f, max+1)); err != nil {
		return nil, err
	}
	if int64(buf.Len()) > max {
		return nil, &TooLargeError{Size: int64(buf.Len()), Max: max}
	}
	return buf.Bytes(), nil
}

// FS is the folder Dir of the project at Root as an fs.FS that reads only
// regular files and folders inside Root, of at most MaxFile bytes each.
type FS struct {
	Root, Dir string
	MaxFile   int64
}

func (f FS) path(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	full := filepath.Join(f.Dir, filepath.FromSlash(name))
	real, err := Resolve(f.Root, full)
	if err != nil && !IsNotExist(err) {
		err = &fs.PathError{Op: "open", Path: full, Err: err}
	}
	return real, err
}

// Open opens a file or folder.
func (f FS) Open(name string) (fs.File, error) {
	real, err := f.path(name)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(real)
	if err != nil {
		return nil, err
	}
	full := filepath.Join(f.Dir, filepath.FromSlash(name))
	if !st.IsDir() && !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: full, Err: fmt.Errorf("not a regular file (%s)", st.Mode().Type())}
	}
	if !st.IsDir() && st.Size() > f.MaxFile {
		return nil, &fs.PathError{Op: "open", Path: full, Err: fmt.Errorf("the file holds %d bytes; at most %d are read", st.Size(), f.MaxFile)}
	}
	return os.Open(real)
}

// ReadDir lists a folder.
func (f FS) ReadDir(name string) ([]fs.DirEntry, error) {
	real, err := f.path(name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(real)
}

// IsNotExist reports whether err says that a file is not there, as
// opposed to being there and refused.
func IsNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
