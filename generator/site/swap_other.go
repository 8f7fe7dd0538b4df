//go:build !linux && !darwin

package site

import "errors"

// exchangeFolders is not to be had here: Commit falls back to two renames, and
// the next build puts the previous site back if a build dies between them.
func exchangeFolders(a, b string) error { return errors.ErrUnsupported }
