package site

import "golang.org/x/sys/unix"

// exchangeFolders swaps the folders a and b in one step: a reader sees one or
// the other, never neither.
func exchangeFolders(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
